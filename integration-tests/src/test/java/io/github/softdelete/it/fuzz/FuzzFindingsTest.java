package io.github.softdelete.it.fuzz;

import static io.github.softdelete.it.db.Keys.COMMENTS__COMMENTS_AUTHOR_ID_FKEY;
import static io.github.softdelete.it.db.Keys.COMMENTS__COMMENTS_PARENT_ID_FKEY;
import static io.github.softdelete.it.db.Keys.COMMENTS__COMMENTS_POST_ID_FKEY;
import static io.github.softdelete.it.db.Keys.LIKES__LIKES_COMMENT_ID_FKEY;
import static io.github.softdelete.it.db.Keys.LIKES__LIKES_USER_ID_FKEY;
import static io.github.softdelete.it.db.Keys.POSTS__POSTS_AUTHOR_ID_FKEY;
import static io.github.softdelete.it.db.Keys.POSTS__POSTS_CATEGORY_ID_FKEY;
import static io.github.softdelete.it.db.Keys.POSTS__POSTS_EDITOR_ID_FKEY;
import static io.github.softdelete.it.db.Tables.CATEGORIES;
import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.LIKES;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import io.github.softdelete.OnDelete;
import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeletePolicy;
import io.github.softdelete.it.db.SoftDeletes;

import io.github.softdelete.it.db.tables.Likes;
import io.github.softdelete.it.db.tables.Users;
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

    /**
     * MariaDB random-schema fuzzer, seed 13: a cascading delete failed with 1054 (Unknown column 'id' in 'INSERT INTO')
     * on a connection where another policy had deleted before: the key table {@code softdelete_keys_<n>} is named by
     * the table's index in its policy and created if missing, so it kept the key columns of the other policy's table
     * <n> (here comments' id under the generated policy, likes' (user_id, comment_id) under this one, and back).
     */
    @Test
    void delete_connectionAnotherPolicyDeletedOnBefore_cascades() throws SQLException {
        // likes at index 2 and comments at 4, where the generated policy has comments at 2 and likes at 4
        SoftDeletePolicy other = SoftDeletePolicy.builder()
            .table(USERS, USERS.DELETED_AT).table(POSTS, POSTS.DELETED_AT).table(LIKES, LIKES.DELETED_AT)
            .table(CATEGORIES, CATEGORIES.DELETED_AT).table(COMMENTS, COMMENTS.DELETED_AT)
            .onDelete(COMMENTS__COMMENTS_AUTHOR_ID_FKEY, OnDelete.CASCADE).onDelete(COMMENTS__COMMENTS_PARENT_ID_FKEY, OnDelete.CASCADE)
            .onDelete(COMMENTS__COMMENTS_POST_ID_FKEY, OnDelete.CASCADE).onDelete(LIKES__LIKES_COMMENT_ID_FKEY, OnDelete.CASCADE)
            .onDelete(LIKES__LIKES_USER_ID_FKEY, OnDelete.CASCADE).onDelete(POSTS__POSTS_AUTHOR_ID_FKEY, OnDelete.CASCADE)
            .onDelete(POSTS__POSTS_CATEGORY_ID_FKEY, OnDelete.RESTRICT).onDelete(POSTS__POSTS_EDITOR_ID_FKEY, OnDelete.SET_NULL)
            .build();

        try (Connection connection = database.dataSource().getConnection()) {
            DSLContext first = DSL.using(SoftDelete.install(database.newConfiguration().set(connection), SoftDeletes.POLICY));
            DSLContext second = DSL.using(SoftDelete.install(database.newConfiguration().set(connection), other));
            first.deleteFrom(COMMENTS).where(COMMENTS.ID.eq(102L)).execute();

            int count = second.deleteFrom(COMMENTS).where(COMMENTS.ID.eq(104L)).execute();

            assertThat(count).isEqualTo(1);
        }
        assertThat(plain.fetchCount(LIKES, LIKES.COMMENT_ID.eq(104L).and(LIKES.DELETED_AT.isNull()))).isZero();
    }

    /**
     * MariaDB statement fuzzer, seed 2026, case 1063: a DELETE whose EXISTS holds nested set operations over its own
     * table failed with 1222 (The used SELECT statements have a different number of columns) in the staged anchor,
     * where MariaDB's own DELETE runs: jOOQ wraps the subquery of a DELETE that reads its table in a derived table,
     * the anchor (INSERT ... SELECT) does not, and MariaDB 10.11 refuses {@code EXISTS (((a) INTERSECT (b)) INTERSECT
     * ALL (c))} but not {@code EXISTS (SELECT * FROM (...) t)}.
     */
    @Test
    void delete_existsOverNestedSetOperationsOnItsTable_softDeletes() {
        Users u1 = USERS.as("u1");
        Users u2 = USERS.as("u2");
        Users u3 = USERS.as("u3");

        int count = ctx.deleteFrom(USERS).where(USERS.ID.eq(1L)).and(DSL.exists(DSL.select(u1.ID, u1.NAME).from(u1)
            .intersect(DSL.select(u2.ID, u2.NAME).from(u2)).intersectAll(DSL.select(u3.ID, u3.NAME).from(u3)))).execute();

        assertThat(count).isEqualTo(1);
        assertThat(plain.fetchValue(USERS.DELETED_AT, USERS.ID.eq(1L))).isNotNull();
    }
}
