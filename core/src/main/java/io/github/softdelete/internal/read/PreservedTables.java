package io.github.softdelete.internal.read;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.QOM;

import io.github.softdelete.internal.jooq.JoinKind;
import io.github.softdelete.internal.jooq.Qom;
import io.github.softdelete.internal.jooq.TableShape;
import io.github.softdelete.internal.policy.ReadMode;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.sql.Predicates;
import io.github.softdelete.internal.sql.TableReference;

/**
 * The placement rule for soft-delete predicates in a table expression.
 *
 * <p>Each soft-deletable table's predicate goes into the ON clause of the join that introduces it,
 * when that join has one and the table is on a side the join may drop rows from; otherwise it is left
 * to the enclosing clause, and at the top to the WHERE clause of the statement. That gives:
 * <ul>
 *   <li>{@code A JOIN B ON c}: B's predicate into the ON (for an inner join, the same as WHERE);
 *       A's to the enclosing clause;</li>
 *   <li>{@code A LEFT JOIN B ON c}: B's into the ON, so deleted partners become nulls and the outer
 *       join never turns into an inner join; A's to the enclosing clause. RIGHT is the mirror image;</li>
 *   <li>{@code A FULL JOIN B ON c}: {@code c AND (A's predicate) = (B's predicate)} in the ON, and
 *       both predicates to the enclosing clause, where a null-extended row is kept (its marker is NULL;
 *       for deleted-row reads, its key is NULL) and a hidden row that the ON left unmatched is removed;</li>
 *   <li>CROSS, NATURAL, USING and APPLY joins have no ON to extend: both sides go to the enclosing
 *       clause when the join is inner; an outer one filters its null-extended sides before the join
 *       ({@link NullExtendedSides}), and leaves its preserved side to the enclosing clause.</li>
 * </ul>
 *
 * <p>Putting inner-join predicates into their ON rather than into WHERE is what also covers the joins
 * that jOOQ adds while rendering implicit path joins ({@code POSTS.users().EMAIL}): they never appear
 * in the statement's FROM list, but they are visited as joins.
 *
 * <p>Derived tables, lateral subqueries, CTEs and VALUES are not handled here: their own SELECTs are
 * visited, and filtered, on their own. {@code LATERAL} over a plain table is that table (jOOQ renders
 * it without the keyword).
 */
public final class PreservedTables {

    private PreservedTables() {
    }

    /**
     * The tables whose predicates the given FROM (or USING) list leaves to its statement's WHERE
     * clause. Returns an empty list, without allocating, when there are none.
     */
    public static List<TableReference> leftToWhere(TableRegistry registry, Collection<? extends Table<?>> from) {
        List<TableReference> out = null;
        for (Table<?> table : from)
            out = collect(registry, table, out, false);
        return out == null ? List.of() : out;
    }

    /**
     * What the ON clause of {@code join} must add, or null. For a FULL JOIN with soft-deletable tables
     * on both sides it is {@code (left predicates) = (right predicates)}, not their conjunction:
     * PostgreSQL runs a FULL JOIN only when its conditions are merge- or hash-joinable, and a condition
     * on one side only is neither (a FULL JOIN ON TRUE would fail). The equality is: it matches visible
     * rows only with visible rows, and the filter above the join removes rows of hidden ones. A side
     * without soft-deletable tables contributes an always-true condition on one of its columns.
     * Only for joins with an ON clause, and inner joins: the others are {@link NullExtendedSides}'.
     */
    static Condition onCondition(TableRegistry registry, QOM.JoinTable<?, ?> join, ReadMode mode) {
        if (Qom.kind(join) == JoinKind.FULL) {
            Condition left = Predicates.allOf(asList(collect(registry, join.$table1(), null, true)), mode);
            Condition right = Predicates.allOf(asList(collect(registry, join.$table2(), null, true)), mode);
            if (left == null && right == null)
                return null;
            return DSL.field(left != null ? left : alwaysTrue(join.$table1()))
                .eq(DSL.field(right != null ? right : alwaysTrue(join.$table2())));
        }
        List<TableReference> consumed = switch (Qom.kind(join)) {
            case INNER -> Qom.hasOn(join) ? collect(registry, join.$table2(), null, false) : null;
            case LEFT -> collect(registry, join.$table2(), null, false);
            default -> collect(registry, join.$table1(), null, false);
        };
        if (consumed == null)
            return null;
        return Predicates.allOf(consumed, mode);
    }

    /**
     * A condition that is true for every row of {@code side} and refers to it, so that a FULL JOIN
     * with soft-deletable tables on one side only still gets a two-sided, hash-joinable equality.
     * {@code x IS NOT DISTINCT FROM x} is true even for NULLs and for whole rows with some NULL
     * columns, where {@code x IS NULL OR x IS NOT NULL} is not.
     */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static Condition alwaysTrue(Table<?> side) {
        Field any = anyColumn(side);
        return any.isNotDistinctFrom(any);
    }

    // A column of the side, or, where jOOQ knows none (a CTE or plain name), PostgreSQL's whole-row reference.
    private static Field<?> anyColumn(Table<?> side) {
        if (side.fields().length > 0)
            return side.field(0);
        if (side instanceof QOM.JoinTable<?, ?> join)
            return anyColumn(join.$table1());
        if (side instanceof QOM.TableAlias<?> alias)
            return DSL.field(alias.$alias());
        return DSL.field(DSL.name(side.getName()));
    }

    private static List<TableReference> asList(List<TableReference> references) {
        return references == null ? List.of() : references;
    }

    private static List<TableReference> collect(TableRegistry registry, Table<?> table, List<TableReference> out, boolean nullExtendable) {
        TableShape shape = TableShape.of(table); // not instanceof: see TableShape
        if (shape.join())
            return collectJoin(registry, (QOM.JoinTable<?, ?>) table, out, nullExtendable);
        if (shape.lateral())
            return collect(registry, ((QOM.Lateral<?>) table).$arg1(), out, nullExtendable);
        TableReference reference = TableReference.resolve(registry, table);
        if (reference == null)
            return out;
        if (out == null)
            out = new ArrayList<>(4);
        out.add(nullExtendable ? reference.asNullExtendable() : reference);
        return out;
    }

    private static List<TableReference> collectJoin(TableRegistry registry, QOM.JoinTable<?, ?> join, List<TableReference> out, boolean nullExtendable) {
        return switch (Qom.kind(join)) {
            case INNER -> Qom.hasOn(join)
                ? collect(registry, join.$table1(), out, nullExtendable)
                : collect(registry, join.$table2(), collect(registry, join.$table1(), out, nullExtendable), nullExtendable);
            case LEFT -> collect(registry, join.$table1(), out, nullExtendable);
            case RIGHT -> collect(registry, join.$table2(), out, nullExtendable);
            // Without an ON clause, NullExtendedSides filters both sides before the join: nothing is left.
            case FULL -> Qom.hasOn(join)
                ? collect(registry, join.$table2(), collect(registry, join.$table1(), out, true), true)
                : out;
        };
    }
}
