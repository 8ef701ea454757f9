package io.github.softdelete.it.events;

import static io.github.softdelete.it.db.Tables.CATEGORIES;
import static io.github.softdelete.it.db.Tables.LIKES;
import static io.github.softdelete.it.db.Tables.POSTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteEvent;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.SoftDeleteListener;
import io.github.softdelete.it.db.SoftDeletes;
import io.github.softdelete.it.db.tables.records.LikesRecord;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.harness.PostgresTest;

/**
 * Issue 26 on the operations of one statement: the soft delete of a table without soft-deletable children
 * ({@code likes}), and the restore of a table without parents or cascading keys ({@code categories}), whose counts
 * the listeners hear before they commit. Counts are checked against the rows that changed, read with plain SQL.
 */
@PostgresTest
class SingleTableEventsTest extends SeededDatabaseTest {

    private final List<SoftDeleteEvent> events = new ArrayList<>();

    @Test
    void delete_tellsTheRowsItStamped_beforeItCommits() {
        int live = plain.fetchCount(LIKES, LIKES.DELETED_AT.isNull());

        int deleted = listening(events::add).deleteFrom(LIKES).where(LIKES.USER_ID.eq(1L)).execute();

        assertThat(deleted).isEqualTo(3);
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.operation()).isEqualTo(SoftDeleteEvent.Operation.SOFT_DELETE);
            assertThat(event.root().getName()).isEqualTo("likes");
            assertThat(event.tables()).singleElement().satisfies(change -> {
                assertThat(change.stamped()).isEqualTo(live - plain.fetchCount(LIKES, LIKES.DELETED_AT.isNull())).isEqualTo(3);
                assertThat(change.restored() + change.setNull() + change.purged()).isZero();
            });
            assertThat(event.actor()).isEmpty();
        });
    }

    @Test
    void recordDelete_tellsOnce() {
        LikesRecord like = listening(events::add).selectFrom(LIKES).where(LIKES.USER_ID.eq(2L)).and(LIKES.COMMENT_ID.eq(102L)).fetchOne();

        assertThat(like.delete()).isEqualTo(1);

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.operation()).isEqualTo(SoftDeleteEvent.Operation.SOFT_DELETE);
            assertThat(event.tables()).singleElement().satisfies(change -> assertThat(change.stamped()).isEqualTo(1));
        });
        assertThat(plain.fetchCount(LIKES, LIKES.DELETED_AT.isNull())).isEqualTo(5);
    }

    @Test
    void restore_ofATableWithoutParentsOrCascades_tellsTheRowsItBroughtBack() {
        // categories has no parent and no cascading key: its restore is one UPDATE. Category 2 was deleted by the seed.
        assertThat(SoftDelete.restore(listening(events::add), CATEGORIES, CATEGORIES.ID.eq(2L))).isEqualTo(1);

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.operation()).isEqualTo(SoftDeleteEvent.Operation.RESTORE);
            assertThat(event.root().getName()).isEqualTo("categories");
            assertThat(event.tables()).singleElement().satisfies(change -> assertThat(change.restored()).isEqualTo(1));
        });
        assertThat(plain.fetchCount(CATEGORIES, CATEGORIES.DELETED_AT.isNull())).isEqualTo(3);
    }

    @Test
    void listenerFails_inAutoCommit_theDeleteAndTheRestoreAreUndone_andTheFailureReachesTheCaller() {
        IllegalStateException failure = new IllegalStateException("audit table unavailable");
        SoftDeleteListener failing = event -> {
            throw failure;
        };

        assertThatThrownBy(() -> listening(failing).deleteFrom(LIKES).where(LIKES.USER_ID.eq(1L)).execute()).isSameAs(failure);
        assertThat(plain.fetchCount(LIKES, LIKES.DELETED_AT.isNull())).isEqualTo(6);

        assertThatThrownBy(() -> SoftDelete.restore(listening(failing), CATEGORIES, CATEGORIES.ID.eq(2L))).isSameAs(failure);
        assertThat(plain.fetchCount(CATEGORIES, CATEGORIES.DELETED_AT.isNull())).isEqualTo(2);
    }

    @Test
    void listenerFails_inTheCallersTransaction_theTransactionRollsBack() {
        IllegalStateException failure = new IllegalStateException("audit table unavailable");

        assertThatThrownBy(() -> listening(event -> {
            throw failure;
        }).transaction(tx -> tx.dsl().deleteFrom(LIKES).where(LIKES.USER_ID.eq(1L)).execute())).isSameAs(failure);

        assertThat(plain.fetchCount(LIKES, LIKES.DELETED_AT.isNull())).isEqualTo(6);
    }

    @Test
    void deleteReturning_inATransaction_isToldItsRows_inAutoCommit_isRefused() {
        Assumptions.assumeFalse(onMariaDb(), "MariaDB refuses DELETE ... RETURNING of a soft-deletable table");
        DSLContext listening = listening(events::add);

        assertThatThrownBy(() -> listening.deleteFrom(LIKES).where(LIKES.USER_ID.eq(1L)).returning(LIKES.COMMENT_ID).fetch())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("with DELETE ... RETURNING in auto-commit mode while the policy has listeners");
        assertThat(plain.fetchCount(LIKES, LIKES.DELETED_AT.isNull())).as("rolled back").isEqualTo(6);
        assertThat(events).isEmpty();

        List<Long> returned = listening.transactionResult(tx -> tx.dsl().deleteFrom(LIKES).where(LIKES.USER_ID.eq(1L))
            .returning(LIKES.COMMENT_ID).fetch(LIKES.COMMENT_ID));

        assertThat(returned).containsExactlyInAnyOrder(100L, 101L, 103L);
        assertThat(events).singleElement().satisfies(event ->
            assertThat(event.tables()).singleElement().satisfies(change -> assertThat(change.stamped()).isEqualTo(3)));
        assertThat(plain.fetchCount(LIKES, LIKES.DELETED_AT.isNull())).as("committed").isEqualTo(3);
    }

    @Test
    void batchOfSoftDeletes_whileListening_isRefused_andNothingChanges() {
        DSLContext listening = listening(events::add);

        assertThatThrownBy(() -> listening.batch(listening.deleteFrom(LIKES).where(LIKES.USER_ID.eq(DSL.param("user", Long.class))))
                .bind(1L).bind(2L).execute())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("cannot soft-delete from \"likes\" in a JDBC batch while the policy has listeners");
        assertThatThrownBy(() -> listening.batch(listening.deleteFrom(LIKES).where(LIKES.USER_ID.eq(1L)),
                listening.deleteFrom(LIKES).where(LIKES.USER_ID.eq(2L))).execute())
            .isInstanceOf(SoftDeleteException.class);

        assertThat(plain.fetchCount(LIKES, LIKES.DELETED_AT.isNull())).isEqualTo(6);
        assertThat(events).isEmpty();
    }

    /** Issue 26: refusals are not events, but listeners see them (SoftDeleteListener.refused), and the caller gets them unchanged. */
    @Test
    void refusals_inStatementAndBeforeIt_reachTheListeners_andTheCallerUnchanged() {
        List<SoftDeleteException> refusals = new ArrayList<>();
        DSLContext listening = listening(new SoftDeleteListener() {
            @Override
            public void changed(SoftDeleteEvent event) {
                events.add(event);
            }

            @Override
            public void refused(SoftDeleteException refusal) {
                refusals.add(refusal);
                throw new IllegalStateException("a failing log");
            }
        });

        // carol (3) is deleted: the write's own check refuses it, in the statement
        assertThatThrownBy(() -> listening.insertInto(POSTS, POSTS.AUTHOR_ID, POSTS.TITLE).values(3L, "by carol").execute())
            .isInstanceOf(SoftDeleteException.class)
            .satisfies(e -> {
                assertThat(refusals).containsExactly((SoftDeleteException) e);
                assertThat(e.getSuppressed()).singleElement().satisfies(s -> assertThat(s).hasMessage("a failing log"));
            });
        // refused before it runs
        assertThatThrownBy(() -> listening.truncate(LIKES).execute()).isInstanceOf(SoftDeleteException.class)
            .satisfies(e -> assertThat(refusals).hasSize(2).last().isSameAs(e));
        assertThat(events).isEmpty();
    }

    @Test
    void noEvent_forADeleteThatMatchesNothing() {
        listening(events::add).deleteFrom(LIKES).where(LIKES.USER_ID.eq(99L)).execute();

        assertThat(events).isEmpty();
    }

    /** A hard delete tells the rows it removed from the table it names (as purged); the database's own ON DELETE actions are not counted. */
    @Test
    void hardDelete_tellsTheRowsItRemoved() {
        int before = plain.fetchCount(LIKES, LIKES.USER_ID.eq(4L));

        int deleted = SoftDelete.hardDelete(listening(events::add)).deleteFrom(LIKES).where(LIKES.USER_ID.eq(4L)).execute();

        assertThat(deleted).isEqualTo(before).isPositive();
        assertThat(plain.fetchCount(LIKES, LIKES.USER_ID.eq(4L))).as("hard-deleted").isZero();
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.operation()).isEqualTo(SoftDeleteEvent.Operation.HARD_DELETE);
            assertThat(event.tables()).singleElement().satisfies(change -> {
                assertThat(change.table().getName()).isEqualTo("likes");
                assertThat(change.purged()).isEqualTo(deleted);
                assertThat(change.stamped()).isZero();
            });
            assertThat(event.actor()).isEmpty();
        });
    }

    /** SQL text through SoftDelete.dataSource: a delete of one statement tells its count, as through jOOQ. */
    @Test
    void sqlText_delete_tellsItsCount_inAutoCommitAndInTheCallersTransaction() throws SQLException {
        DataSource dataSource = SoftDelete.dataSource(listening(events::add).configuration());
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            assertThat(statement.executeUpdate("delete from likes where user_id = 1")).isEqualTo(3);
            assertThat(events).singleElement().satisfies(event -> {
                assertThat(event.operation()).isEqualTo(SoftDeleteEvent.Operation.SOFT_DELETE);
                assertThat(event.tables()).singleElement().satisfies(change -> assertThat(change.stamped()).isEqualTo(3));
            });
            assertThat(plain.fetchCount(LIKES, LIKES.DELETED_AT.isNull())).as("committed").isEqualTo(3);

            connection.setAutoCommit(false);
            try (PreparedStatement prepared = connection.prepareStatement("delete from likes where user_id = ?")) {
                prepared.setLong(1, 2L);
                assertThat(prepared.execute()).isFalse();
                assertThat(prepared.getUpdateCount()).isEqualTo(2);
            }
            assertThat(events).hasSize(2).last().satisfies(event ->
                assertThat(event.tables()).singleElement().satisfies(change -> assertThat(change.stamped()).isEqualTo(2)));
            connection.rollback();
            assertThat(connection.getAutoCommit()).as("the caller's transaction is left to the caller").isFalse();
        }
        assertThat(plain.fetchCount(LIKES, LIKES.DELETED_AT.isNull())).as("the second delete rolled back").isEqualTo(3);
    }

    @Test
    void sqlText_listenerFails_inAutoCommit_theDeleteIsUndone_andTheFailureReachesTheCaller() throws SQLException {
        DataSource dataSource = SoftDelete.dataSource(listening(event -> {
            throw new IllegalStateException("audit is down");
        }).configuration());
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("delete from likes where user_id = 1"))
                .isInstanceOf(IllegalStateException.class).hasMessage("audit is down");
            assertThat(connection.getAutoCommit()).isTrue();
        }
        assertThat(plain.fetchCount(LIKES, LIKES.DELETED_AT.isNull())).isEqualTo(6);
    }

    @Test
    void sqlText_batchAndReturning_whileListening_areRefused_andNothingChanges() throws SQLException {
        List<SoftDeleteException> refusals = new ArrayList<>();
        DataSource dataSource = SoftDelete.dataSource(listening(new SoftDeleteListener() {
            @Override
            public void changed(SoftDeleteEvent event) {
                events.add(event);
            }

            @Override
            public void refused(SoftDeleteException refusal) {
                refusals.add(refusal);
            }
        }).configuration());
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             PreparedStatement prepared = connection.prepareStatement("delete from likes where user_id = ?")) {
            assertThatThrownBy(() -> statement.addBatch("delete from likes where user_id = 1")).isInstanceOf(SQLException.class)
                .hasMessageContaining("cannot soft-delete from \"likes\" in a JDBC batch while the policy has listeners");
            prepared.setLong(1, 1L);
            assertThatThrownBy(prepared::addBatch).isInstanceOf(SQLException.class).hasMessageContaining("in a JDBC batch");
            assertThatThrownBy(() -> statement.execute("delete from likes where user_id = 1 returning comment_id"))
                .isInstanceOf(SQLException.class).hasMessageContaining("DELETE ... RETURNING");
            // refused before it runs: jOOQ's parser reads it, the rewrite refuses it while jOOQ renders it
            assertThatThrownBy(() -> statement.execute("truncate likes")).isInstanceOf(SQLException.class);
        }
        assertThat(refusals).hasSize(4).allSatisfy(refusal -> assertThat(refusal).isInstanceOf(SoftDeleteException.class));
        assertThat(plain.fetchCount(LIKES, LIKES.DELETED_AT.isNull())).isEqualTo(6);
        assertThat(events).isEmpty();
    }

    /** A delete refused in a batch leaves the batch as it was: SQL passed through unparsed may still start one. */
    @Test
    void sqlText_aDeleteRefusedInABatch_leavesTheBatchAsItWas() throws SQLException {
        DataSource lenient = SoftDelete.dataSource(SoftDelete.allowPlainSql(listening(events::add)).configuration());
        try (Connection connection = lenient.getConnection(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.addBatch("delete from likes where user_id = 1")).isInstanceOf(SQLException.class)
                .hasMessageContaining("in a JDBC batch");
            // jOOQ's parser cannot read it: passed through, on a batch of its own, which the refused delete never started
            statement.addBatch("select ntile(id::int) over () from users");
            statement.clearBatch();
        }
        assertThat(plain.fetchCount(LIKES, LIKES.DELETED_AT.isNull())).isEqualTo(6);
        assertThat(events).isEmpty();
    }

    @Test
    void sqlText_hardDelete_tellsTheRowsItRemoved() throws SQLException {
        int before = plain.fetchCount(LIKES, LIKES.USER_ID.eq(4L));
        DataSource dataSource = SoftDelete.dataSource(SoftDelete.hardDelete(listening(events::add)).configuration());
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            assertThat(statement.executeUpdate("delete from likes where user_id = 4")).isEqualTo(before).isPositive();
        }

        assertThat(plain.fetchCount(LIKES, LIKES.USER_ID.eq(4L))).isZero();
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.operation()).isEqualTo(SoftDeleteEvent.Operation.HARD_DELETE);
            assertThat(event.tables()).singleElement().satisfies(change -> assertThat(change.purged()).isEqualTo(before));
        });
    }

    protected DSLContext listening(SoftDeleteListener listener) {
        return DSL.using(SoftDelete.install(database.newConfiguration(), SoftDeletes.POLICY, listener));
    }
}
