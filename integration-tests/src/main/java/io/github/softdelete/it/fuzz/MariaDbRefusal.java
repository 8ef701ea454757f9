package io.github.softdelete.it.fuzz;

import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.Set;
import java.util.function.Supplier;

import io.github.softdelete.SoftDeleteException;

/**
 * The refusals the fuzzers accept on MariaDB, by kind: shapes PostgreSQL runs and MariaDB cannot, which the
 * server refuses on both sides alike, or which the library refuses loudly (docs/mariadb.md, "What MariaDB cannot
 * do"). Each kind is accepted only for its own shape: its error code (or the library's message) and the shape of
 * the case that explains it, never an error alone. Anything else that differs is a mismatch. Immutable and
 * thread-safe.
 */
public enum MariaDbRefusal {

    /** {@code FULL JOIN}, {@code LATERAL} or {@code OUTER APPLY}: no such syntax, 1064 on both sides. */
    FULL_JOIN_OR_LATERAL("FULL JOIN, LATERAL or OUTER APPLY (1064 on both sides)"),
    /** An outer {@code USING} or {@code NATURAL} join over a soft-deletable null-extended side: the library's refusal. */
    OUTER_USING_JOIN("outer USING/NATURAL join over a soft-deletable side (library)"),
    /** {@code DELETE ... RETURNING} from a soft-deletable table: the library's refusal. */
    DELETE_RETURNING("DELETE ... RETURNING from a soft-deletable table (library)"),
    /** {@code UPDATE ... RETURNING}, which jOOQ emulates as {@code INSERT ... ON DUPLICATE KEY UPDATE}. */
    UPDATE_RETURNING("UPDATE ... RETURNING, jOOQ's INSERT ... ODKU (library marker guard, or 1054/1906 on both sides)"),
    /** {@code WITH} before an UPDATE or DELETE, or {@code UPDATE ... FROM}: no such syntax, 1064 on both sides. */
    DML_WITH_OR_UPDATE_FROM("WITH before UPDATE/DELETE, UPDATE ... FROM (1064 on both sides)"),
    /** A correlated subquery inside a derived table of jOOQ's workarounds: MariaDB resolves no outer reference there. */
    CORRELATED_IN_DERIVED_TABLE("correlated subquery in jOOQ's derived table (1054 on both sides)"),
    /** A multi-table UPDATE that sets a checked foreign key: the library's refusal. */
    MULTI_TABLE_KEY_UPDATE("multi-table UPDATE of a checked key (library)"),
    /** A batch of checked INSERTs under Connector/J's bulk protocol: the library's refusal. */
    BULK_INSERTS("batch of checked INSERTs under the bulk protocol (library)"),
    /**
     * A DELETE whose EXISTS holds nested set operations: MariaDB 10.11 refuses such an EXISTS in every SELECT (1222),
     * the library's staged anchor among them; its own DELETE escapes through jOOQ's derived table (docs/mariadb.md).
     */
    NESTED_SET_OPERATIONS_IN_EXISTS("DELETE with EXISTS over nested set operations (1222 in the library's anchor, as in any SELECT)");

    static final int PARSE_ERROR = 1064;
    static final int BAD_FIELD = 1054;
    static final int GENERATED_COLUMN_WRITE = 1906;
    static final int STATEMENT_TIMEOUT = 1969;
    static final int DIFFERENT_COLUMN_COUNTS = 1222;
    /**
     * How jOOQ renders its derived-table workarounds (LIMIT in IN, a DML statement's own table in a subquery): the
     * subquery may open with the parentheses of nested set operations ({@code (select * from (((select ...}, seed
     * 6489071272224382116, case 5201).
     */
    static final Pattern JOOQ_DERIVED_TABLE = Pattern.compile("\\(select \\* from \\(+select ");

    private final String description;

    MariaDbRefusal(String description) {
        this.description = description;
    }

    /** What the kind is, for reports. */
    public String description() {
        return description;
    }

    /**
     * The kind of accepted refusal a case ended in, or null when it is none.
     *
     * @param shapes   the case's shapes
     * @param sql      the case's SQL without the listener, rendered only when needed
     * @param actual   what the listener's side threw, or null
     * @param expected what the oracle threw, or null
     */
    static MariaDbRefusal of(Set<Shape> shapes, Supplier<String> sql, Throwable actual, Throwable expected) {
        SoftDeleteException refusal = Outcome.refusal(actual);
        if (refusal != null)
            return byLibrary(shapes, refusal.getMessage());
        if (actual != null && expected == null && errorCode(actual) == DIFFERENT_COLUMN_COUNTS && shapes.contains(Shape.DELETE)
            && shapes.contains(Shape.SET_OPERATION_IN_SUBQUERY) && (shapes.contains(Shape.EXISTS) || shapes.contains(Shape.NOT_EXISTS)))
            return NESTED_SET_OPERATIONS_IN_EXISTS;
        if (actual == null || expected == null)
            return null;
        int code = errorCode(actual);
        if (code == 0 || code != errorCode(expected))
            return null;
        boolean returningUpdate = shapes.contains(Shape.UPDATE) && shapes.contains(Shape.RETURNING);
        if (code == PARSE_ERROR) {
            if (shapes.contains(Shape.FULL_JOIN) && near(actual, expected, "full outer join", "outer join")
                || near(actual, expected, "lateral", "outer apply"))
                return FULL_JOIN_OR_LATERAL;
            if (shapes.contains(Shape.STATEMENT_WITH_CTE) && near(actual, expected, "delete", "update")
                || shapes.contains(Shape.UPDATE_FROM) && near(actual, expected, "from"))
                return DML_WITH_OR_UPDATE_FROM;
            return null;
        }
        if (returningUpdate && (code == BAD_FIELD || code == GENERATED_COLUMN_WRITE))
            return UPDATE_RETURNING;
        if (code == BAD_FIELD && shapes.contains(Shape.CORRELATED_SUBQUERY) && inJooqDerivedTable(sql.get()))
            return CORRELATED_IN_DERIVED_TABLE;
        return null;
    }

    private static MariaDbRefusal byLibrary(Set<Shape> shapes, String message) {
        boolean outerJoin = shapes.contains(Shape.LEFT_JOIN) || shapes.contains(Shape.RIGHT_JOIN) || shapes.contains(Shape.FULL_JOIN);
        if (message.contains("JOIN without an ON clause (USING or NATURAL) on MariaDB") && shapes.contains(Shape.USING_JOIN) && outerJoin)
            return OUTER_USING_JOIN;
        if (message.contains("with DELETE ... RETURNING on MariaDB") && shapes.contains(Shape.DELETE) && shapes.contains(Shape.RETURNING))
            return DELETE_RETURNING;
        if (message.startsWith("cannot write the soft-delete marker") && shapes.contains(Shape.UPDATE) && shapes.contains(Shape.RETURNING))
            return UPDATE_RETURNING;
        if (message.startsWith("cannot check an UPDATE of a join that sets") && shapes.contains(Shape.UPDATE))
            return MULTI_TABLE_KEY_UPDATE;
        if (message.startsWith("cannot run this batch of INSERTs on MariaDB through the driver's bulk protocol")
            && shapes.contains(Shape.UPDATE) && shapes.contains(Shape.RETURNING))
            return BULK_INSERTS; // jOOQ's INSERT ... ODKU emulation of UPDATE ... RETURNING is the fuzzers' only INSERT
        return null;
    }

    /** Whether {@code sql} has one of jOOQ's derived-table workarounds. */
    static boolean inJooqDerivedTable(String sql) {
        return JOOQ_DERIVED_TABLE.matcher(sql.toLowerCase(Locale.ROOT)).find();
    }

    /** Whether {@code error} is MariaDB's ER_STATEMENT_TIMEOUT (1969): max_statement_time exceeded. */
    static boolean timedOut(Throwable error) {
        return errorCode(error) == STATEMENT_TIMEOUT;
    }

    /** MariaDB's error code behind {@code error}, or 0. */
    static int errorCode(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause())
            if (t instanceof SQLException sql && sql.getErrorCode() != 0)
                return sql.getErrorCode();
        return 0;
    }

    // Whether both errors' 1064 names text that starts with one of the tokens.
    private static boolean near(Throwable actual, Throwable expected, String... tokens) {
        String a = near(actual);
        String e = near(expected);
        for (String token : tokens)
            for (String other : tokens)
                if (a.startsWith(token) && e.startsWith(other))
                    return true;
        return false;
    }

    // The text a 1064 names ("... to use near 'full outer join ...' at line 1"), lower case, without the database names.
    private static String near(Throwable error) {
        String message = "";
        for (Throwable t = error; t != null; t = t.getCause())
            if (t instanceof SQLException sql && sql.getMessage() != null)
                message = sql.getMessage();
        int at = message.indexOf("near '");
        String near = at < 0 ? "" : message.substring(at + "near '".length());
        return near.replaceAll("`softdelete_[a-z0-9_]+`\\.", "").toLowerCase(Locale.ROOT);
    }
}
