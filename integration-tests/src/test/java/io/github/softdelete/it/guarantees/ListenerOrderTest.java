package io.github.softdelete.it.guarantees;

import static io.github.softdelete.it.db.Tables.CATEGORIES;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.fixture.SoftDeleteDatabase;
import io.github.softdelete.it.harness.PostgresTest;

/** A listener set after install no longer hides the library's own: the statement is refused, nothing runs. */
@PostgresTest
class ListenerOrderTest extends SeededDatabaseTest {

    @Test
    void restrictedDelete_executeListenersSetAfterInstall_refusedNamingTheFix_nothingExecuted() {
        Configuration configuration = SoftDelete.install(database.newConfiguration(), SoftDeleteDatabase.POLICY);
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
        Configuration configuration = SoftDelete.install(database.newConfiguration(), SoftDeleteDatabase.POLICY);
        configuration.set(new DefaultExecuteListenerProvider(statements));

        assertThatThrownBy(() -> SoftDelete.restore(DSL.using(configuration), USERS, USERS.ID.eq(3L)))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("StatementRefusals");
        assertThat(plain.fetchValue(USERS.DELETED_AT, USERS.ID.eq(3L))).isNotNull();
    }

    @Test
    void restrictedDelete_listenersSetBeforeInstall_refusedAsSoftDeleteException() {
        DSLContext ctx = SoftDeleteDatabase.dsl(database, statements);

        assertThatThrownBy(() -> ctx.deleteFrom(CATEGORIES).where(CATEGORIES.ID.eq(1L)).execute())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("posts_category_id_fkey");
    }
}
