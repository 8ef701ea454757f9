package io.github.softdelete.internal;

import org.jooq.Field;
import org.jooq.Table;

/**
 * One soft-deletable table of a policy: the table as it was registered, and its marker column.
 *
 * @param table       the table, unaliased
 * @param marker      the marker column ({@code deleted_at}), as a field of {@code table} when the table
 *                    has field metadata
 * @param markerIndex the marker's position in {@code table.fields()}, or -1 for tables without field
 *                    metadata (plain {@code DSL.table(name(...))} registrations)
 */
public record PolicyTable(Table<?> table, Field<?> marker, int markerIndex) {

    /** The marker column's unqualified name. */
    public String markerName() {
        return marker.getName();
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
