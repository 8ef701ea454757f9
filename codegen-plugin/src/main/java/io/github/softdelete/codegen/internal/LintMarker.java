package io.github.softdelete.codegen.internal;

import org.jooq.Field;

import io.github.softdelete.Marker;

/**
 * What the lint needs to know of one table's marker: the column that tells live rows from deleted
 * ones, and whether it is a timestamp or a flag, so that it can recognise a live-rows-only index
 * predicate and advise one.
 *
 * @param column       the state column: the timestamp, or the flag
 * @param flag         whether it is a boolean flag
 * @param nullableFlag whether the flag column is nullable (the library then reads NULL as live, with
 *                     {@code flag IS NOT TRUE})
 */
public record LintMarker(String column, boolean flag, boolean nullableFlag) {

    /** A timestamp marker. */
    public static LintMarker timestamp(String column) {
        return new LintMarker(column, false, false);
    }

    /**
     * What the lint needs of a policy's marker: its state column, as the library reads it for live rows.
     * The lint recognises and advises the live-rows predicate the library injects: IS NULL for a
     * timestamp, NOT flag for a NOT NULL flag, flag IS NOT TRUE for a nullable one.
     */
    public static LintMarker of(Marker marker) {
        Field<?> state = marker.stateColumn();
        if (marker.kind() == Marker.Kind.TIMESTAMP)
            return timestamp(state.getName());
        return new LintMarker(state.getName(), true, state.getDataType().nullable());
    }

    /**
     * Whether an expression, as {@code pg_get_expr} prints it and without enclosing parentheses, is
     * the predicate the library injects for live rows: {@code deleted_at IS NULL}; {@code NOT is_deleted}
     * (or {@code is_deleted = false}, which PostgreSQL's planner reduces to it) for a NOT NULL flag;
     * {@code is_deleted IS NOT TRUE} for a nullable one.
     */
    boolean isLive(String expression) {
        for (String name : LivePredicate.spellings(column)) {
            if (!flag && expression.equals(name + " IS NULL"))
                return true;
            if (flag && !nullableFlag && (expression.equals("NOT " + name) || expression.equals(name + " = false")))
                return true;
            if (flag && nullableFlag && expression.equals(name + " IS NOT TRUE"))
                return true;
        }
        return false;
    }

    /** The live predicate to put in a partial index's WHERE. */
    String liveSql() {
        return liveSql(Engine.POSTGRES);
    }

    /** The live predicate, its column quoted as {@code engine} needs. */
    String liveSql(Engine engine) {
        String quoted = engine.quote(column);
        return !flag ? quoted + " IS NULL" : nullableFlag ? quoted + " IS NOT TRUE" : "NOT " + quoted;
    }

    /** A short description for messages, e.g. {@code deleted_at} or {@code the flag is_deleted}. */
    String describe() {
        return flag ? "the flag " + column : column;
    }
}
