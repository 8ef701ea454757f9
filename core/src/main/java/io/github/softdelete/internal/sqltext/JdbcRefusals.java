package io.github.softdelete.internal.sqltext;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;

import io.github.softdelete.SoftDeleteException;


/**
 * How a refusal reaches JDBC code through {@code SqlTextDataSource}: always as an {@link SQLException},
 * never as the unchecked {@link SoftDeleteException}, which JDBC code does not expect and Spring's
 * exception translation lets through untranslated. The SQLException carries the library's message, a
 * SQLSTATE of the class that says what kind of refusal it is, and the {@code SoftDeleteException} as its cause.
 *
 * <p>Two kinds, two SQLSTATE classes, chosen for what Spring's translators make of them
 * ({@code SQLExceptionSubclassTranslator}, JdbcTemplate's default; {@code SQLErrorCodeSQLExceptionTranslator}
 * with PostgreSQL's codes, used when an application provides an {@code sql-error-codes.xml};
 * {@code SQLStateSQLExceptionTranslator}, the last fallback of both):
 * <ul>
 *   <li>The data refuses: an in-statement check found a live child under a RESTRICT key, or a deleted
 *       parent, or another state of the rows that the statement must not change. The same statement runs on
 *       other data. Class 23, integrity constraint violation, as a
 *       {@link SQLIntegrityConstraintViolationException}: {@code 23503} (foreign_key_violation) where a hard
 *       DELETE or a write would break the foreign key in the same way, which is what PostgreSQL reports for
 *       those; {@code 23000} for the others. All three translators: {@code DataIntegrityViolationException},
 *       whose message is the library's.</li>
 *   <li>The statement is refused, whatever the data: jOOQ's parser does not read it, or a rule forbids its
 *       shape (a write of the marker, MERGE, TRUNCATE, a view it cannot write through). {@code 0A000},
 *       feature_not_supported, as PostgreSQL reports statements it does not support, as a
 *       {@link SQLFeatureNotSupportedException} (JDBC's class for 0A). Spring's default and error-code translators:
 *       {@code InvalidDataAccessApiUsageException}, with the library's message; the SQLSTATE translator alone maps
 *       no class 0A, and gives an {@code UncategorizedSQLException}, with the message and SQLSTATE. Class 42
 *       (syntax error or access rule violation) would map to {@code BadSqlGrammarException} everywhere, whose
 *       message is only "bad SQL grammar [sql]": it would hide the library's message, the way out, behind a wrong
 *       claim about the SQL.</li>
 * </ul>
 * In-statement refusals used to carry PostgreSQL's {@code 22P02}, the SQLSTATE of the library's mechanism (a
 * failing cast), not of the refusal; Spring mapped it to the same {@code DataIntegrityViolationException}.
 */
public final class JdbcRefusals {

    /** foreign_key_violation: a refusal where a hard DELETE or write would violate the foreign key. */
    public static final String FOREIGN_KEY_VIOLATION = "23503";

    /** integrity_constraint_violation: the other refusals of an in-statement check. */
    public static final String INTEGRITY_CONSTRAINT_VIOLATION = "23000";

    /** feature_not_supported: a statement refused whatever the data. */
    static final String STATEMENT_REFUSED = "0A000";

    private JdbcRefusals() {
    }

    /** An in-statement check's refusal, with the SQLSTATE that {@code StatementRefusals} gave its kind. */
    public static SQLException ofCheck(SoftDeleteException refusal, String sqlState) {
        return new SQLIntegrityConstraintViolationException(refusal.getMessage(), sqlState, 0, refusal);
    }

    /** A statement refused before it ran: by the parser's verdict, or by a rule while jOOQ rendered it. */
    public static SQLException ofStatement(SoftDeleteException refusal) {
        return new SQLFeatureNotSupportedException(refusal.getMessage(), STATEMENT_REFUSED, 0, refusal);
    }

    /**
     * What JDBC code sees for an unchecked exception that jOOQ's parsing connection threw: a refusal as
     * {@link #ofStatement}, jOOQ's own failures (a bind value never set, ...) as an SQLException that names the
     * statement and has jOOQ's exception as its cause, with no SQLSTATE: the library does not know what it means.
     */
    public static SQLException of(RuntimeException e, String sql) {
        if (e instanceof SoftDeleteException refusal)
            return ofStatement(refusal);
        return new SQLException("jOOQ's parsing connection failed on the SQL statement \"" + ParseVerdicts.start(sql)
            + "\": " + e, e);
    }
}
