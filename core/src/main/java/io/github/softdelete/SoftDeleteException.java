package io.github.softdelete;

import org.jooq.exception.DataAccessException;

import io.github.softdelete.internal.install.InStatementCheck;

/**
 * The base of every error that the soft-delete library raises at run time: a statement it refuses to
 * run because running it would leak deleted rows, lose data, or break the soft-delete rules.
 *
 * <p>It extends jOOQ's {@link DataAccessException}, so code that already catches jOOQ's exceptions
 * catches ours too. Misconfiguration is reported earlier, as {@link IllegalArgumentException} or
 * {@link IllegalStateException}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class SoftDeleteException extends DataAccessException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that names the table, the problem and the way out.
     *
     * @param message the message
     */
    public SoftDeleteException(String message) {
        super(message);
    }

    /**
     * Creates an exception that wraps the database error that caused it.
     *
     * @param message the message
     * @param cause   the underlying error
     */
    public SoftDeleteException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * {@return the statement that the database ran and whose own check refused it, for debugging, or null} A refusal
     * raised inside the database (a RESTRICT key, a deleted parent, a missing actor) keeps its cause short, without
     * the statement, which is often kilobytes of generated SQL; this is where the statement is, and the server's own
     * error is the cause's {@link java.sql.SQLException#getNextException() next exception}. Refusals raised before a
     * statement runs have none.
     */
    public String sql() {
        for (Throwable t = getCause(); t != null; t = t.getCause())
            if (t instanceof InStatementCheck check)
                return check.sql();
        return null;
    }
}
