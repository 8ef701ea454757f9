package io.github.softdelete.it.fuzz;

import static io.github.softdelete.it.db.Tables.LIKES;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDelete;

import io.github.softdelete.it.db.tables.Likes;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.harness.PostgresTest;

/**
 * What the differential fuzzers found, each reduced to the smallest statement on the reference rows that
 * shows it, kept so that it stays fixed. {@link FuzzFindingsOnMariaDbTest} runs them on MariaDB.
 */
@PostgresTest
class FuzzFindingsTest extends SeededDatabaseTest {

    /** MariaDB statement fuzzer, seed 1, case 53: {@code DELETE FROM likes AS t0 ...} failed with 1054 (SET named likes, not t0). */
    @Test
    void delete_aliasedTargetWithoutChildren_softDeletesItsRows() {
        Likes l = LIKES.as("l");

        int count = ctx.deleteFrom(l).where(l.USER_ID.eq(1L)).execute();

        assertThat(count).isEqualTo(3);
        assertThat(plain.fetchCount(LIKES, LIKES.USER_ID.eq(1L).and(LIKES.DELETED_AT.isNull()))).isZero();
    }

    /**
     * MariaDB statement fuzzer, seed 1, case 6: a DELETE ... USING that joins one target row with several rows
     * failed with 1062 (Duplicate entry) in the staged anchor's key table.
     */
    @Test
    void deleteUsing_targetRowJoinedWithSeveralRows_softDeletesItOnce() {
        // alice (1) has three live likes
        int count = ctx.deleteFrom(USERS).using(LIKES).where(LIKES.USER_ID.eq(USERS.ID)).and(USERS.ID.eq(1L)).execute();

        assertThat(count).isEqualTo(1);
        assertThat(plain.fetchValue(USERS.DELETED_AT, USERS.ID.eq(1L))).isNotNull();
        assertThat(plain.fetchCount(LIKES, LIKES.USER_ID.eq(1L).and(LIKES.DELETED_AT.isNull()))).isZero();
    }

    /**
     * MariaDB SQL-text statement fuzzer, seed 1, cases 0, 6 and 7: a DELETE sent as SQL text through
     * {@code SoftDelete.dataSource(...)}, naming its table as the context renders it (qualified by the database on
     * MariaDB), reached the server as a hard DELETE (1451 from a RESTRICT key, rows physically gone).
     */
    @Test
    void sqlTextDelete_tableQualifiedAsTheContextRendersIt_softDeletes() throws SQLException {
        String sql = "delete from " + plain.render(LIKES) + " where user_id = 1";

        try (Connection connection = SoftDelete.dataSource(ctx.configuration()).getConnection();
             Statement statement = connection.createStatement()) {
            assertThat(statement.executeUpdate(sql)).isEqualTo(3);
        }

        assertThat(plain.fetchCount(LIKES, LIKES.USER_ID.eq(1L))).as("alice's likes, deleted or not").isEqualTo(3);
        assertThat(plain.fetchCount(LIKES, LIKES.USER_ID.eq(1L).and(LIKES.DELETED_AT.isNull()))).isZero();
    }

    /** MariaDB SQL-text statement fuzzer, seed 1, case 3: a read sent as SQL text, naming its table as the context renders it, saw deleted rows. */
    @Test
    void sqlTextRead_tableQualifiedAsTheContextRendersIt_hidesDeletedRows() throws SQLException {
        String sql = "select count(*) from " + plain.render(USERS);
        int live = plain.fetchCount(USERS, USERS.DELETED_AT.isNull());

        try (Connection connection = SoftDelete.dataSource(ctx.configuration()).getConnection();
             Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery(sql)) {
            count.next();
            assertThat(count.getInt(1)).isEqualTo(live);
        }
    }
}
