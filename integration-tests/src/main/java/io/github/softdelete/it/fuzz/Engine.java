package io.github.softdelete.it.fuzz;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

import io.github.softdelete.it.harness.TestDatabase;

/**
 * What the fuzzers' oracles do differently on each database: how they suspend foreign-key enforcement to
 * remove rows without cascading, how they bound a runaway statement, how they recognise the database's own
 * foreign-key refusal, and how they write a value as text in hand-written SQL. Immutable and thread-safe.
 */
public enum Engine {

    /** PostgreSQL: {@code session_replication_role} (a superuser's), {@code statement_timeout}, SQLSTATE 23503. */
    POSTGRES(SQLDialect.POSTGRES),

    /**
     * MariaDB: {@code foreign_key_checks} (any user's, per session), {@code max_statement_time}, errors 1451 and 1452
     * (their SQLSTATE, 23000, is every integrity violation's).
     */
    MARIADB(SQLDialect.MARIADB);

    /** MariaDB's ER_ROW_IS_REFERENCED_2: a DELETE refused by a RESTRICT or NO ACTION key. */
    static final int MARIADB_ROW_IS_REFERENCED = 1451;
    /** MariaDB's ER_NO_REFERENCED_ROW_2: a write of a foreign key whose parent does not exist. */
    static final int MARIADB_NO_REFERENCED_ROW = 1452;

    private final SQLDialect dialect;

    Engine(SQLDialect dialect) {
        this.dialect = dialect;
    }

    /** The engine of a test database. */
    public static Engine of(TestDatabase database) {
        return of(database.dialect());
    }

    /** The engine of a dialect's family. */
    public static Engine of(SQLDialect dialect) {
        return dialect.family() == SQLDialect.MARIADB ? MARIADB : POSTGRES;
    }

    /** The jOOQ dialect. */
    public SQLDialect dialect() {
        return dialect;
    }

    /**
     * Turns foreign-key enforcement off ({@code on == false}) or on again for the session of {@code ctx}, so that
     * rows can be removed without cascading and without refusal.
     *
     * @throws IllegalStateException on PostgreSQL, when the role is no superuser
     */
    public void enforceForeignKeys(DSLContext ctx, boolean on) {
        if (this == MARIADB) {
            ctx.execute("set foreign_key_checks = " + (on ? 1 : 0));
            return;
        }
        try {
            ctx.execute("set session_replication_role = " + (on ? "origin" : "replica"));
        } catch (DataAccessException e) {
            throw new IllegalStateException("the fuzz oracle removes rows with foreign keys suspended, which needs"
                + " a superuser role; run against the embedded or container server, or give the role of"
                + " SOFTDELETE_JDBC_USER superuser rights (" + e.getMessage() + ")", e);
        }
    }

    /** Makes a statement on {@code connection} that runs longer than 20 s fail, instead of hanging the run. */
    public void limitStatementTime(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(this == MARIADB ? "set session max_statement_time = 20" : "set statement_timeout = '20s'");
        }
    }

    /**
     * Updates the planner's statistics after the rows were loaded, so that every case of a run is planned from the same
     * statistics. On MariaDB too: InnoDB recalculates a table's statistics in the background some seconds after a tenth
     * of its rows changed, so without this the first cases of a run were planned from the empty tables' statistics and
     * the later ones from the loaded rows'.
     */
    public void analyze(DSLContext ctx) {
        if (this == POSTGRES) {
            ctx.execute("analyze");
            return;
        }
        List<String> tables = ctx.fetch("select table_name from information_schema.tables where table_schema = database()"
            + " and table_type = 'BASE TABLE'").getValues(0, String.class);
        if (!tables.isEmpty())
            ctx.fetch("analyze table " + tables.stream().map(table -> ctx.render(DSL.name(table))).collect(Collectors.joining(", ")));
    }

    /**
     * Whether {@code error} is the database's own foreign-key refusal: a RESTRICT or NO ACTION key that refuses a
     * DELETE, or a written key whose parent is missing.
     */
    public boolean isForeignKeyViolation(Throwable error) {
        if (!(error instanceof DataAccessException e))
            return false;
        if (this == POSTGRES)
            return "23503".equals(e.sqlState());
        SQLException sql = e.getCause(SQLException.class);
        return sql != null && (sql.getErrorCode() == MARIADB_ROW_IS_REFERENCED || sql.getErrorCode() == MARIADB_NO_REFERENCED_ROW);
    }

    /**
     * The name of the constraint behind a foreign-key refusal, read from MariaDB's message
     * ({@code ..., CONSTRAINT `t3_fk0` FOREIGN KEY ...}, which names it in every language), or null.
     */
    public String violatedConstraint(Throwable error) {
        SQLException sql = error instanceof DataAccessException e ? e.getCause(SQLException.class) : null;
        String message = sql == null ? null : sql.getMessage();
        int at = message == null ? -1 : message.indexOf("CONSTRAINT `");
        if (at < 0)
            return null;
        int start = at + "CONSTRAINT `".length();
        int end = message.indexOf('`', start);
        return end < 0 ? null : message.substring(start, end);
    }

    /** An SQL expression that is {@code expression} as text. */
    public String text(String expression) {
        return this == MARIADB ? "cast(" + expression + " as char)" : expression + "::text";
    }
}
