package io.github.softdelete.it.sqltext;

import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.LIKES;
import static io.github.softdelete.it.db.Tables.POSTS;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.OffsetDateTime;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.fixture.SoftDeleteDatabase;
import io.github.softdelete.it.harness.MariaDbTest;

/**
 * DELETEs sent as SQL text through {@link SoftDelete#dataSource} on MariaDB, on one connection, as a pool hands it
 * out again: each must stamp the rows it deletes with a stamp of its own, and a cascade must reach the children, as
 * through jOOQ's DSL. On the reference rows: post 10 with live comments 100 and 102, live likes (1, 100), (2, 102).
 */
@MariaDbTest
class SqlTextDeletesOnMariaDbTest extends SeededDatabaseTest {

    @Test
    void leafDelete_freshConnection_stampsTheRow() throws Exception {
        try (Connection connection = database.dataSource().getConnection()) {
            assertThat(jdbc(connection).update("delete from likes where user_id = ? and comment_id = ?", 1L, 100L)).isEqualTo(1);

            assertThat(likeStamp(1L, 100L)).as("the like's stamp").isNotNull(); // was NULL: the like stayed live
        }
    }

    @Test
    void leafDelete_afterAnotherDelete_takesAStampOfItsOwn() throws Exception {
        try (Connection connection = database.dataSource().getConnection()) {
            library(connection).deleteFrom(LIKES).where(LIKES.USER_ID.eq(2L)).execute();
            jdbc(connection).update("delete from likes where user_id = ? and comment_id = ?", 1L, 100L);

            // was equal: a restore of the first delete brings back the like the second deleted
            assertThat(likeStamp(1L, 100L)).isNotNull().isNotEqualTo(likeStamp(2L, 102L));
        }
    }

    @Test
    void cascadingDelete_freshConnection_reachesTheChildren() throws Exception {
        try (Connection connection = database.dataSource().getConnection()) {
            // was 1146: Table '...softdelete_keys_5' doesn't exist
            assertThat(jdbc(connection).update("delete from posts where id = ?", 10L)).isEqualTo(1);

            assertThat(plain.fetchCount(COMMENTS, COMMENTS.POST_ID.eq(10L).and(COMMENTS.DELETED_AT.isNull()))).isZero();
        }
    }

    @Test
    void cascadingDelete_afterACascade_reachesTheChildren() throws Exception {
        try (Connection connection = database.dataSource().getConnection()) {
            library(connection).deleteFrom(POSTS).where(POSTS.ID.eq(12L)).execute(); // makes the key tables
            assertThat(jdbc(connection).update("delete from posts where id = ?", 10L)).isEqualTo(1);

            // were live: the anchor filled the key table, and nothing ran after it
            assertThat(plain.fetchValue(POSTS.DELETED_AT, POSTS.ID.eq(10L))).isNotNull();
            assertThat(plain.fetchCount(COMMENTS, COMMENTS.POST_ID.eq(10L).and(COMMENTS.DELETED_AT.isNull()))).isZero();
        }
    }

    private static DSLContext library(Connection connection) {
        return DSL.using(SoftDelete.install(database.newConfiguration().set(connection), SoftDeleteDatabase.POLICY));
    }

    private static JdbcTemplate jdbc(Connection connection) {
        return new JdbcTemplate(SoftDelete.dataSource(library(connection).configuration()));
    }

    private static OffsetDateTime likeStamp(long user, long comment) {
        return plain.fetchValue(LIKES.DELETED_AT, LIKES.USER_ID.eq(user).and(LIKES.COMMENT_ID.eq(comment)));
    }
}
