package io.github.softdelete.internal.sql;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.QOM;

import io.github.softdelete.internal.jooq.TableShape;
import io.github.softdelete.internal.policy.PolicyTable;
import io.github.softdelete.internal.policy.ReadMode;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.policy.UnfilteredTable;

/**
 * A soft-deletable table as one query refers to it: the policy entry plus the marker column qualified
 * the way this reference must be qualified (by its alias when it has one).
 *
 * @param table          the policy entry
 * @param marker         the marker column of this reference, e.g. {@code "p"."deleted_at"} for {@code POSTS.as("p")}
 * @param reference      the table reference itself
 * @param nullExtendable whether a FULL JOIN may null-extend this reference below the clause that filters it
 */
public record TableReference(PolicyTable table, Field<?> marker, Table<?> reference, boolean nullExtendable) {

    /**
     * Resolves a table that appears in a FROM clause, a join, or as a DML target. Returns null when the
     * table is not soft-deletable, or when the user asked to read it unfiltered.
     */
    public static TableReference resolve(TableRegistry registry, Table<?> reference) {
        if (reference instanceof UnfilteredTable<?>)
            return null;
        if (TableShape.of(reference).alias()) { // not instanceof: see TableShape
            QOM.TableAlias<?> alias = (QOM.TableAlias<?>) reference;
            PolicyTable entry = registry.lookup(alias.$aliased());
            return entry == null ? null : new TableReference(entry, markerOf(reference, entry, alias.$alias()), reference, false);
        }
        PolicyTable entry = registry.lookup(reference);
        return entry == null ? null : new TableReference(entry, markerOf(reference, entry, reference.getQualifiedName()), reference, false);
    }

    /** This reference, as a side of a FULL JOIN: filtered above the join, where it may be null-extended. */
    public TableReference asNullExtendable() {
        return nullExtendable ? this : new TableReference(table, marker, reference, true);
    }

    /**
     * The predicate that keeps only the rows the read mode wants, or null for {@link ReadMode#ALL}.
     *
     * <p>Above a FULL JOIN, a null-extended row of this table must survive: its marker is NULL, which
     * the live predicate keeps ({@code IS NULL}, {@code IS NOT TRUE}), but the deleted predicate would
     * not, so for deleted-row reads the predicate also accepts a null key, which only a null-extended
     * row has.
     */
    public Condition predicate(ReadMode mode) {
        return switch (mode) {
            case LIVE -> MarkerPredicates.live(table, marker, nullExtendable);
            case DELETED -> nullExtendable
                ? MarkerPredicates.deleted(table, marker).or(nullExtended())
                : MarkerPredicates.deleted(table, marker);
            case ALL -> null;
        };
    }

    private Condition nullExtended() {
        return RowSets.on(reference, RowSets.key(table)).get(0).isNull();
    }

    // Generated tables (and their aliases, even with renamed columns) expose the marker at the same
    // index, qualified by the alias. Plain named tables have no fields, so qualify the name ourselves.
    private static Field<?> markerOf(Table<?> reference, PolicyTable entry, Name qualifier) {
        if (TableRegistry.sameShape(reference, entry) || sameShapeAlias(reference, entry))
            return reference.field(entry.markerIndex());
        Field<?> byName = reference.field(entry.markerName());
        if (byName != null)
            return byName;
        return DSL.field(qualifier.append(entry.markerName()), entry.marker().getDataType());
    }

    private static boolean sameShapeAlias(Table<?> reference, PolicyTable entry) {
        return reference instanceof QOM.TableAlias<?> alias
            && TableRegistry.sameShape(alias.$aliased(), entry)
            && reference.fieldsRow().size() == entry.table().fieldsRow().size();
    }
}
