package io.github.softdelete.internal.sql;

import java.util.List;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Table;

import io.github.softdelete.internal.jooq.FlagCondition;
import io.github.softdelete.internal.policy.PolicyTable;

/**
 * The predicates that tell live rows from deleted ones, for every marker kind. Every rule of the
 * library builds them here, and so do the purge ({@code internal.purge}) and the helpers of generated
 * tables ({@code SoftDeletableTable.live()}, {@code deleted()}), so a marker kind changes what they
 * produce in one place. Public for those two; not an API.
 *
 * <table>
 *   <caption>Predicates by state column</caption>
 *   <tr><th>state column</th><th>live</th><th>deleted</th></tr>
 *   <tr><td>timestamp</td><td>{@code deleted_at IS NULL}</td><td>{@code deleted_at IS NOT NULL}</td></tr>
 *   <tr><td>flag, NOT NULL</td><td>{@code NOT is_deleted}</td><td>{@code is_deleted}</td></tr>
 *   <tr><td>flag, nullable (NULL counts as live)</td><td>{@code is_deleted IS NOT TRUE}</td><td>{@code is_deleted IS TRUE}</td></tr>
 * </table>
 * Above a FULL JOIN, a null-extended row must count as live (its timestamp is NULL, and so is its
 * flag), so there a flag's live predicate is {@code IS NOT TRUE} whatever the column's nullability.
 */
public final class MarkerPredicates {

    private MarkerPredicates() {
    }

    /** The live predicate on {@code state}, the state column of {@code table} as a reference names it. */
    public static Condition live(PolicyTable table, Field<?> state, boolean nullExtendable) {
        return live(table.isFlag(), nullable(table), state, nullExtendable);
    }

    /** The live predicate on {@code state}, the state column of {@code table} as a statement of the purge names it. */
    public static Condition live(PolicyTable table, Field<?> state) {
        return live(table, state, false);
    }

    /** The deleted predicate on {@code state}. */
    public static Condition deleted(PolicyTable table, Field<?> state) {
        return deleted(table.isFlag(), nullable(table), state);
    }

    /**
     * The live predicate on {@code marker}, a generated table's marker column (or its alias's): a flag when
     * its type is {@code Boolean}, else a timestamp.
     */
    public static Condition live(Field<?> marker) {
        return live(marker.getType() == Boolean.class, marker.getDataType().nullable(), marker, false);
    }

    /** The deleted predicate on {@code marker}, as {@link #live(Field)}. */
    public static Condition deleted(Field<?> marker) {
        return deleted(marker.getType() == Boolean.class, marker.getDataType().nullable(), marker);
    }

    private static Condition live(boolean flag, boolean nullable, Field<?> state, boolean nullExtendable) {
        if (!flag)
            return state.isNull();
        return new FlagCondition(state, nullable || nullExtendable ? FlagCondition.Test.IS_NOT_TRUE : FlagCondition.Test.NOT_SET);
    }

    private static Condition deleted(boolean flag, boolean nullable, Field<?> state) {
        if (!flag)
            return state.isNotNull();
        return new FlagCondition(state, nullable ? FlagCondition.Test.IS_TRUE : FlagCondition.Test.SET);
    }

    /** Live rows of {@code reference}, a reference to {@code table} (aliased or not). */
    public static Condition live(PolicyTable table, Table<?> reference) {
        return live(table, column(reference, table, table.marker()), false);
    }

    /** Deleted rows of {@code reference}, a reference to {@code table}. */
    public static Condition deleted(PolicyTable table, Table<?> reference) {
        return deleted(table, column(reference, table, table.marker()));
    }

    /** {@code column}, one of {@code table}'s, as a field of {@code reference}. */
    public static Field<?> column(Table<?> reference, PolicyTable table, Field<?> column) {
        return RowSets.on(reference, List.of(column)).get(0);
    }

    // A flag whose nullability jOOQ does not know (DSL.field(name, BOOLEAN) is nullable by default: jOOQ's
    // Nullability.nullable() is false for NOT_NULL only, 3.19)
    // is treated as nullable: IS NOT TRUE is right for both, NOT flag only for NOT NULL columns.
    private static boolean nullable(PolicyTable table) {
        return table.marker().getDataType().nullable();
    }
}
