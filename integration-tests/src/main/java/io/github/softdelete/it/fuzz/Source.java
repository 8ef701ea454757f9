package io.github.softdelete.it.fuzz;

import java.util.List;

import org.jooq.Table;

/**
 * One entry of a generated FROM clause: a base table, a derived table or a reference to a CTE.
 *
 * @param table   the table as the FROM clause renders it, usually aliased
 * @param base    the base table, or null for derived tables and CTEs
 * @param columns its columns, qualified by its alias
 */
record Source(Table<?> table, ReferenceSchema.TableInfo base, List<Column> columns) {

    /** The column of a base table by name, or null for other sources. */
    Column column(String name) {
        if (base == null)
            return null;
        int i = 0;
        for (ReferenceSchema.ColumnInfo info : base.columns()) {
            if (info.name().equals(name))
                return columns.get(i);
            i++;
        }
        return null;
    }
}
