package io.github.softdelete.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import io.github.softdelete.OnDelete;
import io.github.softdelete.SoftDeletePolicy;

/**
 * A policy read from PostgreSQL's catalog: every table of the schema with a timestamp marker column,
 * and every foreign key that references one, with its real {@code ON DELETE} rule
 * ({@code pg_constraint.confdeltype}), which jOOQ 3.19's metadata does not carry.
 *
 * <p>Until the core library reads a policy from the catalog itself, this small reader does; it
 * registers tables by name and keys as relations of one column. A key of several columns that
 * references a soft-deletable table cannot be declared that way, so it is refused, pointing to
 * {@code --policy-class}. Relations declared this way are named {@code child_column_fkey} in reports.
 */
final class CatalogPolicy {

    private static final String MARKED_TABLES = """
        select c.relname::text, format_type(a.atttypid, a.atttypmod)
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attname = {1} and a.attnum > 0 and not a.attisdropped
        where n.nspname = {0} and c.relkind in ('r', 'p')
        order by 1""";

    // conparentid = 0: a key on a partitioned table is cloned onto each partition; read it once.
    private static final String KEYS = """
        select c.conname::text, cn.nspname::text, ct.relname::text, pt.relname::text, c.confdeltype::text,
               array(select a.attname::text from unnest(c.conkey) with ordinality as k(attnum, ord)
                     join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum order by k.ord),
               array(select a.attname::text from unnest(c.confkey) with ordinality as k(attnum, ord)
                     join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.attnum order by k.ord)
        from pg_constraint c
        join pg_class ct on ct.oid = c.conrelid
        join pg_namespace cn on cn.oid = ct.relnamespace
        join pg_class pt on pt.oid = c.confrelid
        join pg_namespace pn on pn.oid = pt.relnamespace
        where c.contype = 'f' and c.conparentid = 0 and pn.nspname = {0}
        order by 1, 2, 3""";

    private CatalogPolicy() {
    }

    static SoftDeletePolicy read(DSLContext plain, String schema, String marker, PrintWriter err) {
        Map<String, Table<?>> tables = new LinkedHashMap<>();
        SoftDeletePolicy.Builder builder = SoftDeletePolicy.builder();
        for (Record row : plain.resultQuery(MARKED_TABLES, DSL.val(schema), DSL.val(marker)).fetch()) {
            String name = row.get(0, String.class);
            DataType<?> type = markerType(row.get(1, String.class));
            if (type == null) {
                err.println("softdelete: leaving out " + schema + "." + name + ": its " + marker + " column is "
                    + row.get(1, String.class) + ", not a timestamp, so it holds no time of deletion to purge by");
                continue;
            }
            Table<?> table = DSL.table(DSL.name(schema, name));
            tables.put(name, table);
            builder.table(table, DSL.field(DSL.name(marker), type));
        }
        if (tables.isEmpty())
            throw new UsageException("schema \"" + schema + "\" has no table with a timestamp column named \"" + marker
                + "\"; pass the schema with --schema and the marker with --marker-column, or a --policy-class");
        for (Record row : plain.resultQuery(KEYS, DSL.val(schema)).fetch())
            declare(builder, tables, row);
        return builder.build();
    }

    private static void declare(SoftDeletePolicy.Builder builder, Map<String, Table<?>> tables, Record row) {
        Table<?> parent = tables.get(row.get(3, String.class));
        if (parent == null)
            return;
        String[] childColumns = row.get(5, String[].class);
        String[] parentColumns = row.get(6, String[].class);
        if (childColumns.length != 1)
            throw new IllegalStateException("foreign key " + row.get(0, String.class) + " references the soft-deletable"
                + " table " + parent.getName() + " through " + childColumns.length + " columns, which the catalog policy"
                + " cannot declare; use --policy-class with the policy softdelete-codegen generated");
        Table<?> child = DSL.table(DSL.name(row.get(1, String.class), row.get(2, String.class)));
        builder.relation(child, DSL.field(DSL.name(childColumns[0])), parent, DSL.field(DSL.name(parentColumns[0])),
            rule(row.get(4, String.class)));
    }

    private static DataType<?> markerType(String sqlType) {
        if (sqlType.startsWith("timestamp with time zone"))
            return SQLDataType.TIMESTAMPWITHTIMEZONE;
        if (sqlType.startsWith("timestamp"))
            return SQLDataType.LOCALDATETIME;
        return null;
    }

    // pg_constraint.confdeltype: a no action, r restrict, c cascade, n set null, d set default.
    private static OnDelete rule(String code) {
        return switch (code) {
            case "r" -> OnDelete.RESTRICT;
            case "c" -> OnDelete.CASCADE;
            case "n" -> OnDelete.SET_NULL;
            case "d" -> OnDelete.SET_DEFAULT;
            default -> OnDelete.NO_ACTION;
        };
    }

    static List<String> names(SoftDeletePolicy policy) {
        List<String> names = new ArrayList<>();
        for (Table<?> table : policy.tables())
            names.add(table.getName());
        return names;
    }
}
