package io.github.softdelete.internal.policy;

import java.util.List;

import org.jooq.Field;
import org.jooq.Table;

import io.github.softdelete.Marker;

/**
 * One soft-deletable table of a policy: the table as it was registered, and its marker.
 *
 * @param table       the table, unaliased
 * @param definition  the marker: which columns the library owns, and of which kind
 * @param markerIndex the position of the state column ({@link #marker()}) in {@code table.fields()}, or
 *                    -1 for tables without field metadata (plain {@code DSL.table(name(...))} registrations)
 * @param ownClass    whether the table's class belongs to this table alone (a generated class), so that
 *                    any instance of it, an alias included, mirrors the table's fields by index
 */
public record PolicyTable(Table<?> table, Marker definition, int markerIndex, boolean ownClass) {

    /** A table with a timestamp marker, as registered before marker kinds existed. */
    public PolicyTable(Table<?> table, Field<?> marker, int markerIndex) {
        this(table, Marker.timestamp(marker), markerIndex, TableRegistry.generatedClass(table.getClass()));
    }

    /**
     * The column that tells live rows from deleted ones: the flag when the marker has one, else the
     * timestamp. As a field of {@code table} when the table has field metadata.
     */
    public Field<?> marker() {
        return definition.stateColumn();
    }

    /** The state column's unqualified name. */
    public String markerName() {
        return marker().getName();
    }

    /** Whether the state column is a boolean flag (else it is a timestamp). */
    public boolean isFlag() {
        return definition.kind() != Marker.Kind.TIMESTAMP;
    }

    /**
     * The timestamp column that tells one delete's rows from another's, or null for a flag alone,
     * whose deletes cannot be told apart.
     */
    public Field<?> stamp() {
        return definition.timestampColumn().orElse(null);
    }

    /** The deleted-by column, or null. */
    public Field<?> deletedBy() {
        return definition.deletedByColumn().orElse(null);
    }

    /** Every column only the library writes. */
    public List<Field<?>> ownedColumns() {
        return definition.columns();
    }

    /** The table's unqualified name, as used to match {@code DSL.table(name(...))} references. */
    public String name() {
        return table.getName();
    }

    /** The schema's name, or null when the table was registered without one. */
    public String schemaName() {
        return table.getSchema() == null ? null : table.getSchema().getName();
    }

    /** The table's name in double quotes, the way error messages name it. */
    public String quotedName() {
        return '"' + name() + '"';
    }

    @Override
    public String toString() {
        return quotedName() + "." + markerName();
    }
}
