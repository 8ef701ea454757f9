package io.github.softdelete.internal.install;

import java.sql.SQLException;

/**
 * The cause of a refusal that a statement's own check raised inside PostgreSQL (a RESTRICT key, a deleted parent,
 * a missing actor: the library's failing cast), kept short: what a user reads of a refusal is its message and the
 * chain of causes under it, and the server's error quotes the library's mark ({@code invalid input syntax for type
 * integer: "softdelete-restrict:..."}) while jOOQ's wraps it in the whole statement, often kilobytes of SQL
 * (jOOQ's {@code Tools.translate(String, SQLException)}: {@code "SQL [" + sql + "]; " + message}, 3.19).
 *
 * <p>For debugging both stay reachable, outside the printed chain: the server's error as this exception's
 * {@linkplain #getNextException() next exception} (JDBC's own chain, which stack traces do not print), and the
 * statement through {@code SoftDeleteException.sql()}. The SQLSTATE and vendor code are the server's, so code that
 * reads them from the chain reads the same as before.
 */
public final class InStatementCheck extends SQLException {

    private static final long serialVersionUID = 1L;

    private final transient String sql;

    private InStatementCheck(SQLException server, String sql) {
        super("the statement's own check refused it, inside the database (SQLSTATE " + server.getSQLState() + "); the"
            + " server's error is this exception's getNextException(), the statement SoftDeleteException.sql()",
            server.getSQLState(), server.getErrorCode());
        this.sql = sql;
        setNextException(server);
    }

    /** The short cause of a refusal that {@code server}, raised by running {@code sql}, stands for. */
    static InStatementCheck of(SQLException server, String sql) {
        return new InStatementCheck(server, sql);
    }

    /** The statement the database ran and its check refused, as sent. */
    public String sql() {
        return sql;
    }
}
