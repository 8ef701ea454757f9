package io.github.softdelete.internal.purge;

import java.util.ArrayList;
import java.util.List;

import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.UniqueKey;
import org.jooq.impl.DSL;

import io.github.softdelete.internal.policy.DatabaseCatalog;
import io.github.softdelete.internal.policy.PolicyTable;

/**
 * The primary key a purge pages through: from the table's jOOQ metadata (generated tables), else
 * from the database's catalog (tables registered by name).
 *
 * <p>Batches page by key ({@code WHERE key > last ORDER BY key LIMIT n}), which needs a key that is
 * unique and stable between transactions; PostgreSQL's {@code ctid}, which the cascades use within one
 * statement, changes whenever a row is updated, so a table without a primary key is refused.
 *
 * @param columns the key's column names, in key order
 * @param types   their types
 */
record PrimaryKey(List<String> columns, List<DataType<?>> types) {

    static PrimaryKey of(DSLContext plain, PolicyTable table) {
        UniqueKey<?> key = table.table().getPrimaryKey();
        if (key == null)
            key = fromCatalog(plain, table);
        if (key == null)
            throw new IllegalArgumentException("cannot purge " + table.quotedName() + ": it has no primary key, and"
                + " batches page through a table by its primary key; add a primary key to the table");
        List<String> columns = new ArrayList<>();
        List<DataType<?>> types = new ArrayList<>();
        for (Field<?> field : key.getFields()) {
            columns.add(field.getName());
            types.add(field.getDataType());
        }
        return new PrimaryKey(columns, types);
    }

    private static UniqueKey<?> fromCatalog(DSLContext plain, PolicyTable table) {
        // DSL.currentSchema(): current_schema on PostgreSQL, database() on MariaDB, whose schemas are databases.
        // The schema the statements name, after the context's RenderMapping (generated classes of another database)
        String schema = table.table().getSchema() != null && table.schemaName() != null ? plain.map(table.table().getSchema()).getName()
            : plain.select(DSL.currentSchema()).fetchOne().value1();
        Table<?> found = DatabaseCatalog.table(plain, schema, table.name());
        return found == null ? null : found.getPrimaryKey();
    }
}
