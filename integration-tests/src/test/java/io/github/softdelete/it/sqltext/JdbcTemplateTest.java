package io.github.softdelete.it.sqltext;

import static io.github.softdelete.it.db.Tables.CATEGORIES;
import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.LIKES;
import static io.github.softdelete.it.db.Tables.POSTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.jooq.Configuration;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.core.JdbcTemplate;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.harness.PostgresTest;

/** Spring's JdbcTemplate over {@link SoftDelete#dataSource}: JDBC code gets soft deletes without jOOQ's DSL. */
@PostgresTest
class JdbcTemplateTest extends SeededDatabaseTest {

    private final JdbcTemplate jdbc;

    JdbcTemplateTest() {
        this.jdbc = new JdbcTemplate(SoftDelete.dataSource(ctx.configuration()));
    }

    @Test
    void documentedUsage_readsLiveRows_deleteIsSoft() {
        // snippet:begin sql-text-datasource
        DataSource filtered = SoftDelete.dataSource(ctx.configuration());
        JdbcTemplate jdbc = new JdbcTemplate(filtered);

        List<Long> live = jdbc.queryForList("select id from users order by id", Long.class);
        jdbc.update("delete from posts where id = ?", 10L);
        // snippet:end sql-text-datasource

        assertThat(live).containsExactly(1L, 2L, 4L);
        assertThat(plain.fetchCount(POSTS, POSTS.DELETED_AT.isNotNull())).isEqualTo(3);
    }

    @Test
    void queryForList_liveRowsOnly() {
        assertThat(jdbc.queryForList("select id from users order by id", Long.class)).containsExactly(1L, 2L, 4L);
        assertThat(jdbc.queryForList("SELECT P.ID FROM Posts P JOIN Users U ON U.ID = P.AUTHOR_ID ORDER BY 1", Long.class))
            .containsExactly(10L, 12L, 15L);
        assertThat(jdbc.queryForObject("select count(*) from comments where post_id in (select id from posts)", Long.class))
            .isEqualTo(3L);
    }

    @Test
    void bindVariables_passThrough() {
        assertThat(jdbc.queryForObject("select name from users where id = ?", String.class, 1L)).isEqualTo("alice");
        assertThatThrownBy(() -> jdbc.queryForObject("select name from users where id = ?", String.class, 3L))
            .isInstanceOf(EmptyResultDataAccessException.class);
        assertThat(jdbc.queryForList("select id from posts where author_id = ? and title <> ? order by id", Long.class, 2L, "x"))
            .containsExactly(12L);
    }

    @Test
    void leftJoinUsing_selectStar_sameColumnsAsTheTable() {
        assumeFalse(onMariaDb(), "PostgreSQL shape: MariaDB refuses LEFT JOIN ... USING over a soft-deletable side (ReadFilteringMatrixTest covers it)");
        List<Map<String, Object>> rows = jdbc.queryForList("select * from tags left join users using (id) order by id");

        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).keySet()).containsExactly("id", "name", "email", "deleted_at");
        assertThat(rows).extracting(row -> row.get("email")).containsExactly("alice@example.com", "bob@example.com", null);
    }

    @Test
    void delete_cascadesAsSoftDelete_andRestoreBringsItBack() {
        int deleted = jdbc.update("delete from posts where id = ?", 10L);

        assertThat(deleted).isEqualTo(1);
        assertThat(plain.fetchCount(POSTS, POSTS.ID.eq(10L).and(POSTS.DELETED_AT.isNotNull()))).isEqualTo(1);
        assertThat(plain.fetchCount(COMMENTS, COMMENTS.POST_ID.eq(10L).and(COMMENTS.DELETED_AT.isNull()))).isZero();
        assertThat(plain.fetchCount(LIKES, LIKES.COMMENT_ID.in(100L, 102L).and(LIKES.DELETED_AT.isNull()))).isZero();
        assertThat(jdbc.queryForList("select id from comments where post_id = 10", Long.class)).isEmpty();

        SoftDelete.restore(ctx, POSTS, POSTS.ID.eq(10L));

        assertThat(jdbc.queryForList("select id from comments where post_id = ? order by id", Long.class, 10L))
            .containsExactly(100L, 102L);
        // (3, 100) stays deleted: its other parent, user 3, is deleted (restore's rule)
        assertThat(jdbc.queryForList("select user_id from likes where comment_id in (100, 102) order by 1", Long.class))
            .containsExactly(1L, 2L);
    }

    @Test
    void refusedCascade_restrictKey_libraryMessage_throughSpringsTranslation() {
        // posts 10 and 12 are live in category 1, over a RESTRICT key
        assertThatThrownBy(() -> jdbc.update("delete from categories where id = ?", 1L))
            .isInstanceOf(DataIntegrityViolationException.class)
            .hasMessageContaining("cannot soft-delete from \"categories\": live rows in \"posts\" reference it through posts_category_id_fkey")
            .cause().isInstanceOf(SQLIntegrityConstraintViolationException.class)
            .cause().isInstanceOf(SoftDeleteException.class);
        assertThat(plain.fetchCount(CATEGORIES, CATEGORIES.ID.eq(1L).and(CATEGORIES.DELETED_AT.isNull()))).isEqualTo(1);
    }

    @Test
    void refusedWrite_deletedParent_libraryMessage_throughSpringsTranslation() {
        // user 3 (carol) is deleted
        assertThatThrownBy(() -> jdbc.update("update posts set author_id = ? where id = ?", 3L, 10L))
            .isInstanceOf(DataIntegrityViolationException.class)
            .hasMessageContaining("cannot write rows of \"posts\" that reference a deleted row of \"users\" through posts_author_id_fkey")
            .satisfies(e -> assertThat(SoftDeleteException.class.isInstance(e.getCause().getCause())).isTrue());
        assertThatThrownBy(() -> jdbc.batchUpdate("update posts set author_id = ? where id = ?",
                List.of(new Object[] { 2L, 10L }, new Object[] { 3L, 12L })))
            .isInstanceOf(DataAccessException.class)
            .hasMessageContaining("through posts_author_id_fkey");
        // MariaDB's driver runs a batch in auto-commit one statement at a time: the row before the refused one stays written
        assertThat(plain.fetchValue(POSTS.AUTHOR_ID, POSTS.ID.eq(10L))).isEqualTo(onMariaDb() ? 2L : 1L);
        assertThat(plain.fetchValue(POSTS.AUTHOR_ID, POSTS.ID.eq(12L))).isEqualTo(2L);
    }

    @Test
    void refusals_plainJdbc_sqlExceptionWithTheSqlStateOfItsKind_softDeleteExceptionAsCause() throws SQLException {
        DataSource filtered = SoftDelete.dataSource(ctx.configuration());
        try (Connection connection = filtered.getConnection(); Statement statement = connection.createStatement();
                PreparedStatement prepared = connection.prepareStatement("delete from categories where id = ?")) {
            SQLException write = catchThrowableOfType(() -> statement.executeUpdate("update posts set author_id = 3 where id = 10"),
                SQLException.class);
            assertThat(write.getSQLState()).isEqualTo("23503");
            assertThat((Throwable) write).hasMessageContaining("cannot write rows of \"posts\"").hasCauseInstanceOf(SoftDeleteException.class);

            prepared.setLong(1, 1L);
            SQLException cascade = catchThrowableOfType(prepared::executeUpdate, SQLException.class);
            assertThat((Throwable) cascade).hasMessageStartingWith("cannot soft-delete from \"categories\"").hasCauseInstanceOf(SoftDeleteException.class);
        }
    }

    @Test
    void batchUpdate_bindsEachRow() {
        int[] counts = jdbc.batchUpdate("delete from likes where user_id = ? and comment_id = ?",
            List.of(new Object[] { 1L, 100L }, new Object[] { 2L, 102L }));

        assertThat(counts).containsExactly(1, 1);
        assertThat(plain.fetchCount(LIKES, LIKES.DELETED_AT.isNotNull())).isEqualTo(3);
    }

    @Test
    void unparseableStatement_refusedByDefault_quotingItsStart() {
        assertThatThrownBy(() -> jdbc.queryForList("select ntile(id::int) over () from users"))
            .isInstanceOf(InvalidDataAccessApiUsageException.class)
            .hasMessageContaining("\"select ntile(id::int) over () from users\"")
            .hasMessageContaining("SoftDelete.allowPlainSql(ctx)")
            .cause().isInstanceOf(SQLFeatureNotSupportedException.class)
            .cause().isInstanceOf(SoftDeleteException.class);
    }

    @Test
    void unparseableStatement_passedThroughUnfiltered_whenChosen() {
        assumeFalse(onMariaDb(), "PostgreSQL cast syntax (::int)");
        // snippet:begin sql-text-pass-through
        DataSource lenient = SoftDelete.dataSource(SoftDelete.allowPlainSql(ctx).configuration());
        // snippet:end sql-text-pass-through
        JdbcTemplate passing = new JdbcTemplate(lenient);

        assertThat(passing.queryForList("select ntile(id::int) over () from users")).hasSize(4);
        assertThat(passing.queryForList("select id from users", Long.class)).containsExactlyInAnyOrder(1L, 2L, 4L);
    }

    @Test
    void contextFlags_applyToTheDataSource() {
        DataSource deleted = SoftDelete.dataSource(SoftDelete.onlyDeleted(ctx).configuration());

        assertThat(new JdbcTemplate(deleted).queryForList("select id from users", Long.class)).containsExactly(3L);
        assertThat(jdbc.queryForList("select id from users order by id", Long.class)).containsExactly(1L, 2L, 4L);
    }

    @Test
    void plainStatement_parsedToo() {
        List<Long> ids = jdbc.execute((java.sql.Connection connection) -> {
            try (var statement = connection.createStatement();
                    var rs = statement.getConnection().createStatement().executeQuery("select id from users order by id")) {
                List<Long> out = new java.util.ArrayList<>();
                while (rs.next())
                    out.add(rs.getLong(1));
                return out;
            }
        });

        assertThat(ids).containsExactly(1L, 2L, 4L);
    }

    @Test
    void setCommand_thatJooqParsesAsNothing_sentUnchanged() {
        assumeFalse(onMariaDb(), "PostgreSQL setting statement_timeout");
        String timeout = jdbc.execute((java.sql.Connection connection) -> {
            try (var statement = connection.createStatement()) {
                statement.execute("SET statement_timeout = 12345");
            }
            try (var statement = connection.prepareStatement("select current_setting('statement_timeout')"); var rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        });

        assertThat(timeout).isEqualTo("12345ms");
    }

    @Test
    void dataSource_withoutListener_refused() {
        Configuration bare = database.newConfiguration();

        assertThatThrownBy(() -> SoftDelete.dataSource(bare)).isInstanceOf(IllegalStateException.class);
        assertThat(DSL.using(bare).fetchCount(POSTS)).isEqualTo(6);
    }
}
