package io.github.softdelete.it.relations;

import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.util.List;

import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.fixture.SoftDeleteDatabase;
import io.github.softdelete.it.harness.PostgresTest;

/**
 * A failure in the middle of a cascade leaves every table as it was, with or without a transaction. The failure is a
 * trigger of the test's own that fails every UPDATE of likes, the last table the cascade from users reaches: a
 * PL/pgSQL function that raises on PostgreSQL, {@code SIGNAL SQLSTATE '45000'} on MariaDB
 * ({@code CascadeAtomicityOnMariaDbTest}, where a cascade is several statements).
 */
@PostgresTest
class CascadeAtomicityTest extends SeededDatabaseTest {

    static final String INJECTED = "injected failure in the middle of the cascade";

    @BeforeAll
    static void installFailingTrigger() {
        if (!onMariaDb())
            plain.execute("create function fail_on_update() returns trigger language plpgsql as $$"
                + " begin raise exception '" + INJECTED + "'; end $$");
        failUpdatesOf("likes");
    }

    @AfterAll
    static void dropTrigger() {
        stopFailing("likes");
    }

    @Override
    protected void seed(DSLContext plain) {
        TreeData.reset(plain);
    }

    @Test
    void failureInLikes_outsideTransaction_changesNothing() {
        List<String> before = TreeData.state(plain);

        assertThatThrownBy(() -> ctx.deleteFrom(USERS).where(USERS.ID.eq(1L)).execute())
            .isInstanceOf(DataAccessException.class)
            .hasMessageContaining("injected failure");
        assertThat(TreeData.state(plain)).isEqualTo(before);
    }

    @Test
    void failureInLikes_insideTransaction_changesNothing() {
        List<String> before = TreeData.state(plain);

        assertThatThrownBy(() -> ctx.transaction(tx -> tx.dsl().deleteFrom(USERS).where(USERS.ID.eq(1L)).execute()))
            .hasMessageContaining("injected failure");
        assertThat(TreeData.state(plain)).isEqualTo(before);
    }

    @Test
    void failureInLikes_duringRestore_changesNothing() {
        stopFailing("likes");
        ctx.deleteFrom(USERS).where(USERS.ID.eq(1L)).execute();
        failUpdatesOf("likes");
        List<String> before = TreeData.state(plain);

        assertThatThrownBy(() -> SoftDelete.restore(ctx, USERS, USERS.ID.eq(1L))).hasMessageContaining("injected failure");
        assertThat(TreeData.state(plain)).isEqualTo(before);
    }

    // The caller's own JDBC transaction (auto-commit off, no jOOQ transaction), and restoreWithParents: it runs in a
    // jOOQ transaction that its javadoc calls "a savepoint inside the caller's", but jOOQ's DefaultTransactionProvider
    // takes a connection it did not open a transaction on for its own: it commits it when the restore succeeds (and
    // rolls it back when it fails). Here the caller's rename is committed by the restore, before the caller rolls back.
    @Test
    void restoreWithParents_inCallersJdbcTransaction_leavesTheTransactionToTheCaller() throws Exception {
        stopFailing("likes");
        ctx.deleteFrom(USERS).where(USERS.ID.eq(1L)).execute();
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            DSLContext library = DSL.using(SoftDelete.install(database.newConfiguration().set(connection), SoftDeleteDatabase.POLICY));
            library.update(USERS).set(USERS.NAME, "vic, renamed").where(USERS.ID.eq(2L)).execute();

            assertThat(SoftDelete.restoreWithParents(library, COMMENTS, COMMENTS.ID.eq(101L))).isEqualTo(1);
            connection.rollback();

            assertThat(plain.fetchValue(USERS.NAME, USERS.ID.eq(2L))).as("the caller's rename, rolled back by the caller").isEqualTo("vic");
            assertThat(plain.fetchValue(USERS.DELETED_AT, USERS.ID.eq(1L))).as("the restore, rolled back with it").isNotNull();
        } finally {
            failUpdatesOf("likes");
        }
    }

    /** From now on every UPDATE of {@code table} fails with {@link #INJECTED}, before it changes its row. */
    static void failUpdatesOf(String table) {
        if (onMariaDb()) {
            plain.execute("drop trigger if exists " + table + "_fail");
            plain.execute("create trigger " + table + "_fail before update on " + table + " for each row"
                + " signal sqlstate '45000' set message_text = '" + INJECTED + "'");
        }
        else if (plain.fetchExists(plain.selectOne().from("pg_trigger").where("tgname = ?", table + "_fail")))
            plain.execute("alter table " + table + " enable trigger " + table + "_fail");
        else
            plain.execute("create trigger " + table + "_fail before update on " + table + " for each row execute function fail_on_update()");
    }

    /** UPDATEs of {@code table} work again. MariaDB has no disabled triggers: its trigger is dropped. */
    static void stopFailing(String table) {
        if (onMariaDb())
            plain.execute("drop trigger if exists " + table + "_fail");
        else
            plain.execute("alter table " + table + " disable trigger " + table + "_fail");
    }
}
