package io.github.softdelete.it.sqltext;

import static io.github.softdelete.it.db.Tables.ATTACHMENTS;
import static io.github.softdelete.it.db.Tables.CATEGORIES;
import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.DOCUMENTS;
import static io.github.softdelete.it.db.Tables.LIKES;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.POST_TAGS;
import static io.github.softdelete.it.db.Tables.PRODUCTS;
import static io.github.softdelete.it.db.Tables.TAGS;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.jooq.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.fixture.Rows;
import io.github.softdelete.it.harness.PostgresTest;

/**
 * Every refusal that reaches JDBC code through {@link SoftDelete#dataSource} is an {@link SQLException} with
 * the library's message, a SQLSTATE of its kind and the {@link SoftDeleteException} as its cause, on a
 * {@code PreparedStatement}, on a {@code Statement} and through Spring's JdbcTemplate, whichever of Spring's
 * three translators it uses; and a refused statement changes nothing.
 */
@PostgresTest
class JdbcRefusalsTest extends SeededDatabaseTest {

    private static final List<Table<?>> TABLES = List.of(USERS, CATEGORIES, POSTS, COMMENTS, LIKES, TAGS, POST_TAGS,
        PRODUCTS, DOCUMENTS, ATTACHMENTS);

    // Spring's three translators, in this order: JdbcTemplate's default (by exception class), by PostgreSQL's error
    // codes (when an application provides sql-error-codes.xml), by SQLSTATE class alone (the fallback of both).
    private static final List<SQLExceptionTranslator> TRANSLATORS = List.of(new SQLExceptionSubclassTranslator(),
        new SQLErrorCodeSQLExceptionTranslator("PostgreSQL"), new SQLStateSQLExceptionTranslator());

    /**
     * One refusal: the statement, what must be set up first, what JDBC code sees, and what each of
     * {@link #TRANSLATORS} makes of it.
     */
    record Refusal(String name, String setup, boolean repeatableRead, String sql, String sqlState,
            Class<? extends SQLException> jdbcType, List<Class<? extends DataAccessException>> springTypes, String message) {

        static Refusal ofData(String name, String setup, String sql, String sqlState, String message) {
            return new Refusal(name, setup, false, sql, sqlState, SQLIntegrityConstraintViolationException.class,
                List.of(DataIntegrityViolationException.class, DataIntegrityViolationException.class, DataIntegrityViolationException.class),
                message);
        }

        static Refusal ofStatement(String name, String sql, String message) {
            return new Refusal(name, null, false, sql, "0A000", SQLFeatureNotSupportedException.class,
                List.of(InvalidDataAccessApiUsageException.class, InvalidDataAccessApiUsageException.class, UncategorizedSQLException.class),
                message);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Refusal> refusals() {
        return Stream.of(
            // posts 10 and 12 are live in category 1, over a RESTRICT key
            Refusal.ofData("restrictKey_delete", null, "delete from categories where id = 1", "23503",
                "cannot soft-delete from \"categories\": live rows in \"posts\" reference it through posts_category_id_fkey"),
            // user 3 is deleted
            Refusal.ofData("deletedParent_update", null, "update posts set author_id = 3 where id = 10", "23503",
                "cannot write rows of \"posts\" that reference a deleted row of \"users\" through posts_author_id_fkey"),
            // post 11 is deleted
            Refusal.ofData("deletedParent_insert", null, "insert into comments (post_id, author_id, body) values (11, 1, 'x')", "23503",
                "cannot write rows of \"comments\" that reference a deleted row of \"posts\" through comments_post_id_fkey"),
            new Refusal("keyChange_repeatableRead", null, true, "update posts set author_id = 2 where id = 10", "23000",
                SQLIntegrityConstraintViolationException.class,
                List.of(DataIntegrityViolationException.class, DataIntegrityViolationException.class, DataIntegrityViolationException.class),
                "cannot change the key posts_author_id_fkey of rows of \"posts\" at REPEATABLE READ"),
            // user 1's document has a deleted-by column, which the cascade would write without an actor
            Refusal.ofData("cascadeWithoutActor", "insert into documents (id, owner_id, title) values (1, 1, 'd')",
                "delete from users where id = 1", "23000", "its deleted-by column \"documents\".deleted_by needs to know who deletes"),
            Refusal.ofStatement("markerWrite_update", "update posts set deleted_at = now() where id = 10",
                "cannot write the soft-delete marker \"posts\".deleted_at in an UPDATE"),
            Refusal.ofStatement("truncate", "truncate posts", "cannot TRUNCATE"),
            Refusal.ofStatement("unparseable_ntileOverAColumn", "select ntile(id::int) over () from users",
                "cannot filter the SQL statement \"select ntile(id::int) over () from users\": it names a soft-deletable table, and jOOQ's parser does not read it"),
            // jOOQ's parser throws an IllegalStateException here, not its ParserException
            Refusal.ofStatement("unparseable_wholeRowScalarSubqueryOfACte",
                "with c as (select id from users) select (select * from c where id = 3) as deleted_user",
                "jOOQ's parser does not read it (IllegalStateException: Only single-column selects have a scalar type)"));
    }

    private final DataSource filtered;

    JdbcRefusalsTest() {
        this.filtered = SoftDelete.dataSource(ctx.configuration());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusal_preparedStatement_sqlExceptionOfItsKind_changesNothing(Refusal refusal) throws SQLException {
        assumeFalse(onMariaDb() && refusal.name().equals("keyChange_repeatableRead"),
            "MariaDB's locking reads see the latest parent at REPEATABLE READ: no refusal there (LiveParentsOnMariaDbTest)");
        List<String> before = setUp(refusal);

        SQLException refused;
        try (Connection connection = filtered.getConnection()) {
            begin(connection, refusal);
            refused = catchThrowableOfType(() -> {
                try (PreparedStatement statement = connection.prepareStatement(refusal.sql())) {
                    statement.execute();
                }
            }, SQLException.class);
            connection.rollback();
        }

        assertRefusal(refused, refusal);
        assertThat(snapshot()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusal_statement_sqlExceptionOfItsKind_changesNothing(Refusal refusal) throws SQLException {
        assumeFalse(onMariaDb() && refusal.name().equals("keyChange_repeatableRead"),
            "MariaDB's locking reads see the latest parent at REPEATABLE READ: no refusal there (LiveParentsOnMariaDbTest)");
        List<String> before = setUp(refusal);

        SQLException refused;
        try (Connection connection = filtered.getConnection(); Statement statement = connection.createStatement()) {
            begin(connection, refusal);
            refused = catchThrowableOfType(() -> statement.execute(refusal.sql()), SQLException.class);
            connection.rollback();
        }

        assertRefusal(refused, refusal);
        assertThat(snapshot()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusal_jdbcTemplate_everySpringTranslator_theExpectedDataAccessException_withTheLibrarysMessage(Refusal refusal) {
        assumeFalse(onMariaDb() && refusal.name().equals("keyChange_repeatableRead"),
            "MariaDB's locking reads see the latest parent at REPEATABLE READ: no refusal there (LiveParentsOnMariaDbTest)");
        List<String> before = setUp(refusal);

        for (int t = 0; t < TRANSLATORS.size(); t++) {
            SQLExceptionTranslator translator = TRANSLATORS.get(t);
            JdbcTemplate jdbc = new JdbcTemplate(filtered);
            jdbc.setExceptionTranslator(translator);
            RuntimeException translated = catchThrowableOfType(() -> {
                if (refusal.repeatableRead())
                    jdbc.execute((ConnectionCallback<Object>) connection -> {
                        begin(connection, refusal);
                        try (Statement statement = connection.createStatement()) {
                            return statement.execute(refusal.sql());
                        } finally {
                            connection.rollback();
                            connection.setAutoCommit(true);
                        }
                    });
                else
                    jdbc.update(refusal.sql());
            }, RuntimeException.class);

            assertThat(translated).as(translator.getClass().getSimpleName())
                .isInstanceOf(refusal.springTypes().get(t))
                .hasMessageContaining(refusal.message());
            assertThat(causes(translated)).as(translator.getClass().getSimpleName()).hasAtLeastOneElementOfType(SoftDeleteException.class);
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void mixedBatch_passThroughDataSource_statementRefusal() throws SQLException {
        DataSource lenient = SoftDelete.dataSource(SoftDelete.allowPlainSql(ctx).configuration());
        List<String> before = snapshot();

        SQLException refused;
        try (Connection connection = lenient.getConnection(); Statement statement = connection.createStatement()) {
            statement.addBatch("update posts set title = 'parsed' where id = 10");
            refused = catchThrowableOfType(() -> statement.addBatch("select ntile(id::int) over () from users"), SQLException.class);
        }

        assertThat((Throwable) refused).isInstanceOf(SQLFeatureNotSupportedException.class)
            .hasMessageContaining("the batch mixes statements").hasCauseInstanceOf(SoftDeleteException.class);
        assertThat(refused.getSQLState()).isEqualTo("0A000");
        assertThat(snapshot()).isEqualTo(before);
    }

    private List<String> setUp(Refusal refusal) {
        if (refusal.setup() != null)
            plain.execute(refusal.setup());
        return snapshot();
    }

    private static void begin(Connection connection, Refusal refusal) throws SQLException {
        connection.setAutoCommit(false);
        if (refusal.repeatableRead())
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    }

    private static void assertRefusal(SQLException refused, Refusal refusal) {
        assertThat((Throwable) refused).isInstanceOf(refusal.jdbcType()).hasMessageContaining(refusal.message())
            .hasCauseInstanceOf(SoftDeleteException.class);
        assertThat(refused.getSQLState()).isEqualTo(refusal.sqlState());
        assertThat(refused.getCause()).hasMessage(refused.getMessage());
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> causes = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause())
            causes.add(t);
        return causes;
    }

    // Every row of every table, so that a refusal is seen to change nothing.
    private List<String> snapshot() {
        List<String> rows = new ArrayList<>();
        for (Table<?> table : TABLES)
            Rows.of(plain.selectFrom(table).orderBy(table.fields()).fetch()).forEach(row -> rows.add(table.getName() + ": " + row));
        return rows;
    }
}
