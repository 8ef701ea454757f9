package io.github.softdelete.internal.jooq;

import java.lang.reflect.Method;
import java.sql.SQLException;

/**
 * What the library reads from a database error: the SQLSTATE, and the structured fields that
 * PostgreSQL sends beside its message. Never the message's wording: servers speak the language of
 * their {@code lc_messages} setting, and translate the quotes too ({@code »...«} in German).
 *
 * <p>The constraint name of a unique violation is PostgreSQL's {@code C} field, which the PostgreSQL
 * JDBC driver exposes as {@code PSQLException.getServerErrorMessage().getConstraint()}. Core must not
 * depend on the driver, so both methods are found by name on the exception at hand; another driver, or
 * one that does not report the field, gives null, and the caller says that it does not know.
 */
public final class ServerErrors {

    /** PostgreSQL's unique_violation. */
    public static final String UNIQUE_VIOLATION = "23505";

    /** PostgreSQL's invalid_text_representation: what {@code CAST('softdelete-...' AS integer)} raises. */
    public static final String INVALID_TEXT_REPRESENTATION = "22P02";

    /** MariaDB's ER_DATA_OUT_OF_RANGE, SQLSTATE 22003: what an in-statement check's overflow raises there. */
    public static final int MARIADB_OUT_OF_RANGE = 1690;

    /**
     * Whether {@code error} is what the library's in-statement checks raise on purpose ({@code RefusalMark}):
     * PostgreSQL's SQLSTATE 22P02 (a failed CAST), or MariaDB's error 1690 under SQLSTATE 22003 (an overflow).
     * Which check failed is read from the token the server quotes, never from the message's words
     * ({@code StatementRefusals}).
     */
    public static boolean isFailedCheck(SQLException error) {
        return INVALID_TEXT_REPRESENTATION.equals(error.getSQLState())
            || "22003".equals(error.getSQLState()) && error.getErrorCode() == MARIADB_OUT_OF_RANGE;
    }

    /** MariaDB's ER_UNSUPPORTED_PS: a statement the server's prepared-statement (or bulk) protocol does not take. */
    public static final int MARIADB_UNSUPPORTED_PS = 1295;

    /** MariaDB's ER_DUP_ENTRY, under the SQLSTATE 23000 that every integrity violation shares there. */
    public static final int MARIADB_DUPLICATE_KEY = 1062;

    private ServerErrors() {
    }

    /**
     * Whether {@code error} is a duplicate in a unique key: PostgreSQL's SQLSTATE 23505, or MariaDB's error code
     * 1062 (its SQLSTATE, 23000, is also that of a foreign key's refusal, so the code decides).
     */
    public static boolean isUniqueViolation(Throwable error) {
        SQLException sql = sqlException(error);
        if (sql == null)
            return false;
        return UNIQUE_VIOLATION.equals(sql.getSQLState())
            || "23000".equals(sql.getSQLState()) && sql.getErrorCode() == MARIADB_DUPLICATE_KEY;
    }

    /** PostgreSQL's foreign_key_violation. */
    public static final String FOREIGN_KEY_VIOLATION = "23503";

    /** MariaDB's ER_ROW_IS_REFERENCED_2: a DELETE or key UPDATE of a row that a foreign key still references. */
    public static final int MARIADB_ROW_IS_REFERENCED = 1451;

    /** MariaDB's ER_NO_REFERENCED_ROW_2: an INSERT or UPDATE whose foreign key names no row. */
    public static final int MARIADB_NO_REFERENCED_ROW = 1452;

    /**
     * Whether {@code error} is a foreign key's refusal: PostgreSQL's SQLSTATE 23503, or MariaDB's error code 1451 or
     * 1452 under SQLSTATE 23000.
     */
    public static boolean isForeignKeyViolation(Throwable error) {
        SQLException sql = sqlException(error);
        if (sql == null)
            return false;
        return FOREIGN_KEY_VIOLATION.equals(sql.getSQLState()) || "23000".equals(sql.getSQLState())
            && (sql.getErrorCode() == MARIADB_ROW_IS_REFERENCED || sql.getErrorCode() == MARIADB_NO_REFERENCED_ROW);
    }

    /** The first SQLException in {@code error}'s cause chain, or null. */
    public static SQLException sqlException(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause())
            if (t instanceof SQLException sql)
                return sql;
        return null;
    }

    /** The constraint the server named in the error's structured fields, or null when the driver does not say. */
    public static String constraint(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            Object fields = call(t, "getServerErrorMessage");
            Object constraint = fields == null ? null : call(fields, "getConstraint");
            if (constraint instanceof String name && !name.isEmpty())
                return name;
        }
        return null;
    }

    private static Object call(Object target, String method) {
        try {
            Method m = target.getClass().getMethod(method);
            return m.getParameterCount() == 0 ? m.invoke(target) : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // not the PostgreSQL driver, or a driver that hides the field
        }
    }
}
