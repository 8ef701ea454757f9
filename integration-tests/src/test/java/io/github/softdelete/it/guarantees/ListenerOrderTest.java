package io.github.softdelete.it.guarantees;

import static io.github.softdelete.it.db.Tables.CATEGORIES;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.it.fixture.ReferenceData;
import io.github.softdelete.it.fixture.SoftDeleteDatabase;
import io.github.softdelete.it.fixture.StatementCounter;
import io.github.softdelete.it.harness.PostgresTest;
import io.github.softdelete.it.harness.TestDatabase;

/** A listener set after install no longer hides the library's own: the statement is refused, nothing runs. */
@PostgresTest
class ListenerOrderTest {

    private static DSLContext plain;
    private static TestDatabase db;
    private final StatementCounter statements = new StatementCounter();

    @BeforeAll
    static void connect(TestDatabase database) {
        plain = database.dsl();
        db = database;
    }

    @BeforeEach
    void resetData() {
        ReferenceData.reset(plain);
    }

    @Test
    void restrictedDelete_executeListenersSetAfterInstall_refusedNamingTheFix_nothingExecuted() {
        Configuration configuration = SoftDelete.install(db.newConfiguration(), SoftDeleteDatabase.POLICY);
        configuration.set(new DefaultExecuteListenerProvider(statements));
        DSLContext ctx = DSL.using(configuration);

        assertThatThrownBy(() -> ctx.deleteFrom(CATEGORIES).where(CATEGORIES.ID.eq(1L)).execute())
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("StatementRefusals")
            .hasMessageContaining("Configuration.set(ExecuteListenerProvider...)")
            .hasMessageContaining("call SoftDelete.install last");
        assertThat(statements.executed()).isEmpty();
        assertThat(plain.fetchValue(CATEGORIES.DELETED_AT, CATEGORIES.ID.eq(1L))).isNull();
    }

    @Test
    void restore_executeListenersSetAfterInstall_refused() {
        Configuration configuration = SoftDelete.install(db.newConfiguration(), SoftDeleteDatabase.POLICY);
        configuration.set(new DefaultExecuteListenerProvider(statements));

        assertThatThrownBy(() -> SoftDelete.restore(DSL.using(configuration), USERS, USERS.ID.eq(3L)))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("StatementRefusals");
        assertThat(plain.fetchValue(USERS.DELETED_AT, USERS.ID.eq(3L))).isNotNull();
    }

    @Test
    void restrictedDelete_listenersSetBeforeInstall_refusedAsSoftDeleteException() {
        DSLContext ctx = SoftDeleteDatabase.dsl(db, statements);

        assertThatThrownBy(() -> ctx.deleteFrom(CATEGORIES).where(CATEGORIES.ID.eq(1L)).execute())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("posts_category_id_fkey");
    }
}
