package io.github.softdelete.it.concurrency;

import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.POSTS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.softdelete.SoftDeleteEvent;
import io.github.softdelete.it.concurrency.TwoTransactions.Step;

/**
 * {@link ConcurrentWritersTest} with a listener on the library's side (issue 26). With listeners, a cascading
 * soft delete counts its steps (SettlementEntry.counted), which runs them before the root's UPDATE: the first step
 * waits for the root's lock, so the root's rows are still locked first and every interleaving ends as without them.
 */
class ConcurrentWritersWithListenersTest extends ConcurrentWritersTest {

    private static final List<SoftDeleteEvent> HEARD = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void listen() {
        HEARD.clear();
        TwoTransactions.listener = HEARD::add;
    }

    @AfterAll
    static void stopListening() {
        TwoTransactions.listener = null;
        assertThat(HEARD).as("soft deletes heard").anyMatch(event -> event.operation() == SoftDeleteEvent.Operation.SOFT_DELETE
            && event.tables().size() > 1);
    }

    /**
     * Issue 26: what the settlement stamps after the statement is heard too. At READ COMMITTED with the writer first, the
     * comment the writer inserts under post 10 commits while the delete waits for the post's lock: the delete's
     * statement, whose snapshot is older, does not see it, and its settlement stamps it, a late child. The event must
     * count it, and each table's count must equal the rows that carry the delete's stamp, read with plain SQL. With the
     * delete first, the writer is refused and nothing is late.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Order.class)
    void insertChild_deleteParent_theEventCountsEveryRowTheDeleteStamped(Order order) throws Exception {
        Step insert = (ctx, c) -> ctx.insertInto(COMMENTS, COMMENTS.ID, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.BODY)
            .values(300L, 10L, 3L, "new").execute();
        Step delete = (ctx, c) -> ctx.deleteFrom(POSTS).where(POSTS.ID.eq(10L)).execute();
        TwoTransactions transactions = new TwoTransactions(database, Isolation.READ_COMMITTED.level);
        HEARD.clear();

        TwoTransactions.Outcome outcome = order == Order.WRITER_FIRST ? transactions.run(insert, delete) : transactions.run(delete, insert);

        TwoTransactions.Result deleted = order == Order.WRITER_FIRST ? outcome.second() : outcome.first();
        assertThat(deleted.succeeded()).as("the delete: %s", outcome).isTrue();
        assertThat(outcome.secondWaited()).as("the second waited for the first's lock: %s", outcome).isTrue();
        SoftDeleteEvent event = HEARD.stream().filter(heard -> heard.root().getName().equals("posts")).reduce((a, b) -> {
            throw new AssertionError("two deletes of posts heard: " + HEARD);
        }).orElseThrow(() -> new AssertionError("no delete of posts heard: " + HEARD));
        OffsetDateTime stamp = OffsetDateTime.ofInstant(event.stamp().orElseThrow(), ZoneOffset.UTC);
        for (SoftDeleteEvent.TableChange change : event.tables())
            assertThat(change.stamped()).as("rows of %s stamped %s", change.table().getName(), stamp)
                .isEqualTo(plain.fetchCount(change.table(), DSL.field(DSL.name("deleted_at"), OffsetDateTime.class).eq(stamp)));
        assertThat(event.table(COMMENTS).orElseThrow().stamped()).as("comments 100, 101, and the late 300 when it committed first")
            .isEqualTo(order == Order.WRITER_FIRST ? 3 : 2);
    }
}
