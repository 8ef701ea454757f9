package io.github.softdelete.spring;

import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import io.github.softdelete.SoftDeleteEvent;
import io.github.softdelete.SoftDeleteListener;
import io.github.softdelete.SoftDeletePolicy;
import io.github.softdelete.it.db.SoftDeletes;
import io.github.softdelete.it.harness.PostgresTest;
import io.github.softdelete.it.harness.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Issue 26 in the starter: {@code softdelete.events.publish} publishes each event as an application event, heard by an
 * {@code @EventListener} inside the transaction and by a {@code @TransactionalEventListener} after it commits (never
 * after a rollback); {@code softdelete.events.metrics} counts operations and rows per table on the MeterRegistry, after
 * the commit; SoftDeleteListener beans are installed. Without the properties nothing listens. Fixture: alice (1) wrote
 * post 10; alice (1) and bob (2) commented on it (100, 101).
 */
@PostgresTest
class SoftDeleteEventsTest {

    private ApplicationContextRunner runner;

    @BeforeEach
    void setUp(TestDatabase database) {
        DSLContext plain = database.dsl();
        plain.truncate(USERS).cascade().execute();
        plain.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME)
            .values(1L, "alice@example.com", "Alice").values(2L, "bob@example.com", "Bob").execute();
        plain.insertInto(POSTS, POSTS.ID, POSTS.AUTHOR_ID, POSTS.TITLE).values(10L, 1L, "Hello").execute();
        plain.insertInto(COMMENTS, COMMENTS.ID, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.BODY)
            .values(100L, 10L, 1L, "first").values(101L, 10L, 2L, "second").execute();
        runner = SoftDeleteAutoConfigurationTest.runner(database)
            .withBean(SoftDeletePolicy.class, () -> SoftDeletes.POLICY)
            .withBean(SimpleMeterRegistry.class)
            .withBean(Heard.class);
    }

    @Test
    void publishAndMetrics_eventHeardInsideAndAfterCommit_rowsCountedOnceCommitted() {
        runner.withPropertyValues("softdelete.events.publish=true", "softdelete.events.metrics=true").run(context -> {
            DSLContext dsl = context.getBean(DSLContext.class);
            Heard heard = context.getBean(Heard.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));

            transaction.executeWithoutResult(status -> {
                dsl.deleteFrom(USERS).where(USERS.ID.eq(1L)).execute();
                assertThat(heard.inside).as("@EventListener, in the transaction").hasSize(1);
                assertThat(heard.afterCommit).as("not committed yet").isEmpty();
                assertThat(meters.find(SoftDeleteMetrics.ROWS).counters()).as("counted after the commit").isEmpty();
            });

            assertThat(heard.afterCommit).singleElement().satisfies(event -> {
                assertThat(event.operation()).isEqualTo(SoftDeleteEvent.Operation.SOFT_DELETE);
                assertThat(event.table(USERS).orElseThrow().stamped()).isEqualTo(1);
                assertThat(event.table(POSTS).orElseThrow().stamped()).isEqualTo(1);
                assertThat(event.table(COMMENTS).orElseThrow().stamped()).isEqualTo(2);
            });
            assertThat(meters.get(SoftDeleteMetrics.OPERATIONS).tags("operation", "soft_delete", "table", "users").counter().count())
                .isEqualTo(1.0);
            assertThat(meters.get(SoftDeleteMetrics.ROWS).tags("operation", "soft_delete", "table", "comments", "change", "stamped")
                .counter().count()).isEqualTo(2.0);
        });
    }

    @Test
    void metrics_refusalsCountedByKind() {
        runner.withPropertyValues("softdelete.events.metrics=true").run(context -> {
            DSLContext dsl = context.getBean(DSLContext.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            dsl.deleteFrom(USERS).where(USERS.ID.eq(2L)).execute();

            assertThatThrownBy(() -> dsl.insertInto(POSTS, POSTS.AUTHOR_ID, POSTS.TITLE).values(2L, "by bob").execute())
                .isInstanceOf(io.github.softdelete.SoftDeleteException.class);
            assertThatThrownBy(() -> dsl.truncate(COMMENTS).execute()).isInstanceOf(io.github.softdelete.SoftDeleteException.class);

            assertThat(meters.get(SoftDeleteMetrics.REFUSALS).tags("kind", "check").counter().count()).isEqualTo(1.0);
            assertThat(meters.get(SoftDeleteMetrics.REFUSALS).tags("kind", "statement").counter().count()).isEqualTo(1.0);
        });
    }

    @Test
    void rolledBack_transactionalListenerHearsNothing_andNothingIsCounted() {
        runner.withPropertyValues("softdelete.events.publish=true", "softdelete.events.metrics=true").run(context -> {
            DSLContext dsl = context.getBean(DSLContext.class);
            Heard heard = context.getBean(Heard.class);
            TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));

            assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
                dsl.deleteFrom(USERS).where(USERS.ID.eq(1L)).execute();
                throw new IllegalStateException("the service fails after the delete");
            })).hasMessage("the service fails after the delete");

            assertThat(heard.inside).hasSize(1);
            assertThat(heard.afterCommit).isEmpty();
            assertThat(context.getBean(MeterRegistry.class).find(SoftDeleteMetrics.OPERATIONS).counters()).isEmpty();
            assertThat(dsl.fetchCount(COMMENTS)).as("rolled back").isEqualTo(2);
        });
    }

    @Test
    void eventListenerThrows_theDeleteIsRolledBack() {
        runner.withPropertyValues("softdelete.events.publish=true").withBean(Failing.class).run(context -> {
            DSLContext dsl = context.getBean(DSLContext.class);

            assertThatThrownBy(() -> dsl.deleteFrom(USERS).where(USERS.ID.eq(1L)).execute()).hasMessage("audit unavailable");

            assertThat(dsl.fetchCount(USERS)).isEqualTo(2);
            assertThat(dsl.fetchCount(COMMENTS)).isEqualTo(2);
        });
    }

    @Test
    void listenerBean_isInstalled_withoutAnyProperty() {
        List<SoftDeleteEvent> events = new CopyOnWriteArrayList<>();
        runner.withBean(SoftDeleteListener.class, () -> events::add).run(context -> {
            context.getBean(DSLContext.class).deleteFrom(USERS).where(USERS.ID.eq(1L)).execute();

            assertThat(events).singleElement().satisfies(event -> assertThat(event.root().getName()).isEqualTo("users"));
            assertThat(context.getBean(Heard.class).inside).as("not published").isEmpty();
        });
    }

    @Test
    void noProperties_nothingListens() {
        runner.run(context -> {
            context.getBean(DSLContext.class).deleteFrom(USERS).where(USERS.ID.eq(1L)).execute();

            assertThat(context.getBean(Heard.class).inside).isEmpty();
            assertThat(context.getBeansOfType(SoftDeleteListener.class)).isEmpty();
        });
    }

    /** The application's listeners. */
    static class Heard {
        final List<SoftDeleteEvent> inside = new CopyOnWriteArrayList<>();
        final List<SoftDeleteEvent> afterCommit = new CopyOnWriteArrayList<>();

        @EventListener
        void inside(SoftDeleteEvent event) {
            inside.add(event);
        }

        @TransactionalEventListener
        void afterCommit(SoftDeleteEvent event) {
            afterCommit.add(event);
        }
    }

    /** An audit that cannot write. */
    static class Failing {
        @EventListener
        void audit(SoftDeleteEvent event) {
            throw new IllegalStateException("audit unavailable");
        }
    }
}
