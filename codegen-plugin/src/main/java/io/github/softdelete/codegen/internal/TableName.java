package io.github.softdelete.codegen.internal;

import java.util.Comparator;

import org.jooq.meta.TableDefinition;

/**
 * A table's name as the database spells it.
 *
 * @param schema the schema, e.g. {@code public}
 * @param table  the table, e.g. {@code posts}
 */
public record TableName(String schema, String table) implements Comparable<TableName> {

    private static final Comparator<TableName> ORDER =
        Comparator.comparing(TableName::schema).thenComparing(TableName::table);

    /** The name of a table in jOOQ's meta model, as the database spells it. */
    public static TableName of(TableDefinition table) {
        return new TableName(table.getSchema().getInputName(), table.getInputName());
    }

    /** The name quoted where SQL needs it, e.g. {@code public.posts}, for DDL in messages. */
    public String sql() {
        return Identifiers.quote(schema) + "." + Identifiers.quote(table);
    }

    @Override
    public int compareTo(TableName other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return schema + "." + table;
    }
}
