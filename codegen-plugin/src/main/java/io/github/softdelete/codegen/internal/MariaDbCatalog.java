package io.github.softdelete.codegen.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * MariaDB's catalog, read from {@code information_schema} for the lint and the generated policy: a schema is a
 * database there. Indexes come from {@code STATISTICS} (MariaDB has no partial index: a unique key counts no deleted
 * rows when one of its columns is a generated column NULL on deleted rows, which the {@code COLUMNS} read here
 * tells, {@link LiveColumn}), foreign keys with their ON DELETE rules from {@code REFERENTIAL_CONSTRAINTS} and their
 * columns from {@code KEY_COLUMN_USAGE}, views from {@code VIEWS} (the tables they read from their definitions:
 * {@link BackquotedChains}).
 *
 * <p>The queries are built with the DSL, one row per column where a key has several, joined here: jOOQ renders
 * MariaDB's {@code GROUP_CONCAT} with session statements that a connection may refuse. Thread-safe: holds no state.
 */
final class MariaDbCatalog {

    private static final Table<?> COLUMNS = table(name("information_schema", "COLUMNS"));
    private static final Table<?> TABLES = table(name("information_schema", "TABLES"));
    private static final Table<?> STATISTICS = table(name("information_schema", "STATISTICS"));
    private static final Table<?> VIEWS = table(name("information_schema", "VIEWS"));
    private static final Table<?> RULES = table(name("information_schema", "REFERENTIAL_CONSTRAINTS")).as("r");
    private static final Table<?> KEY_COLUMNS = table(name("information_schema", "KEY_COLUMN_USAGE")).as("k");

    private static final Field<String> SCHEMA = text("TABLE_SCHEMA");
    private static final Field<String> TABLE = text("TABLE_NAME");

    private MariaDbCatalog() {
    }

    /**
     * Reads the catalog of the databases {@code schemas}.
     *
     * @throws org.jooq.exception.DataAccessException when a catalog query fails
     */
    static Catalog read(DSLContext ctx, List<String> schemas) {
        String current = ctx.select(DSL.currentSchema()).fetchOne().value1();
        List<CatalogForeignKey> keys = new ArrayList<>();
        Map<TableName, Map<String, List<String>>> referencing = new HashMap<>();
        foreignKeys(ctx, schemas, keys, referencing);
        return new Catalog(indexes(ctx, schemas, referencing), keys, views(ctx, schemas), columns(ctx, schemas),
            Engine.MARIADB, current);
    }

    private static List<CatalogColumn> columns(DSLContext ctx, List<String> schemas) {
        Map<TableName, String> tableCollations = new HashMap<>();
        for (Record row : ctx.select(SCHEMA, TABLE, text("TABLE_COLLATION")).from(TABLES).where(SCHEMA.in(schemas)).fetch())
            tableCollations.put(new TableName(row.get(0, String.class), row.get(1, String.class)), row.get(2, String.class));
        List<CatalogColumn> columns = new ArrayList<>();
        for (Record row : ctx.select(SCHEMA, TABLE, text("COLUMN_NAME"), text("COLUMN_TYPE"), text("COLLATION_NAME"),
                    text("GENERATION_EXPRESSION"), text("IS_GENERATED"))
                .from(COLUMNS).where(SCHEMA.in(schemas))
                .orderBy(SCHEMA, TABLE, field(name("ORDINAL_POSITION"))).fetch()) {
            TableName table = new TableName(row.get(0, String.class), row.get(1, String.class));
            String collation = row.get(4, String.class);
            boolean generated = !"NEVER".equals(row.get(6, String.class));
            columns.add(new CatalogColumn(table, row.get(2, String.class), row.get(3, String.class),
                collation == null || collation.equals(tableCollations.get(table)) ? null : collation,
                generated ? row.get(5, String.class) : null));
        }
        return columns;
    }

    // One row per key column, in key order; "referencing" gets, per parent table, the keys that reference each index.
    private static void foreignKeys(DSLContext ctx, List<String> schemas, List<CatalogForeignKey> keys,
                                    Map<TableName, Map<String, List<String>>> referencing) {
        Field<String> schema = text("r", "CONSTRAINT_SCHEMA");
        Field<String> table = text("r", "TABLE_NAME");
        Field<String> constraint = text("r", "CONSTRAINT_NAME");
        Field<String> parentSchema = text("k", "REFERENCED_TABLE_SCHEMA");
        Map<List<String>, List<Record>> rows = new LinkedHashMap<>();
        for (Record row : ctx.select(schema, table, constraint, parentSchema, text("r", "REFERENCED_TABLE_NAME"),
                    text("r", "DELETE_RULE"), text("r", "UNIQUE_CONSTRAINT_NAME"), text("k", "COLUMN_NAME"))
                .from(RULES).join(KEY_COLUMNS)
                .on(text("k", "CONSTRAINT_SCHEMA").eq(schema).and(text("k", "TABLE_NAME").eq(table))
                    .and(text("k", "CONSTRAINT_NAME").eq(constraint)))
                .where(schema.in(schemas).or(parentSchema.in(schemas)))
                .orderBy(schema, table, constraint, field(name("k", "ORDINAL_POSITION")))
                .fetch())
            rows.computeIfAbsent(List.of(row.get(0, String.class), row.get(1, String.class), row.get(2, String.class)),
                k -> new ArrayList<>()).add(row);
        rows.forEach((key, columns) -> {
            Record first = columns.get(0);
            TableName parent = new TableName(first.get(3, String.class), first.get(4, String.class));
            keys.add(new CatalogForeignKey(key.get(2), new TableName(key.get(0), key.get(1)),
                columns.stream().map(r -> r.get(7, String.class)).toList(), parent,
                CatalogForeignKey.mariaDbRule(first.get(5, String.class))));
            referencing.computeIfAbsent(parent, t -> new HashMap<>())
                .computeIfAbsent(first.get(6, String.class), i -> new ArrayList<>()).add(key.get(2));
        });
    }

    private static List<CatalogIndex> indexes(DSLContext ctx, List<String> schemas,
                                              Map<TableName, Map<String, List<String>>> referencing) {
        Field<String> index = text("INDEX_NAME");
        Map<List<String>, List<Record>> rows = new LinkedHashMap<>();
        for (Record row : ctx.select(SCHEMA, TABLE, index, field(name("NON_UNIQUE"), SQLDataType.BIGINT), text("COLUMN_NAME"),
                    field(name("SUB_PART"), SQLDataType.BIGINT), text("INDEX_TYPE"), text("IGNORED"))
                .from(STATISTICS).where(SCHEMA.in(schemas))
                .orderBy(SCHEMA, TABLE, index, field(name("SEQ_IN_INDEX"))).fetch())
            rows.computeIfAbsent(List.of(row.get(0, String.class), row.get(1, String.class), row.get(2, String.class)),
                k -> new ArrayList<>()).add(row);
        List<CatalogIndex> indexes = new ArrayList<>();
        rows.forEach((key, columns) -> {
            TableName table = new TableName(key.get(0), key.get(1));
            Record first = columns.get(0);
            boolean unique = first.get(3, Long.class) == 0;
            String type = first.get(6, String.class);
            // The optimizer never uses an IGNORED index (MariaDB 10.6+), nor a FULLTEXT or SPATIAL one for a key lookup.
            boolean valid = !type.equals("FULLTEXT") && !type.equals("SPATIAL") && !"YES".equals(first.get(7, String.class));
            List<String> keyColumns = columns.stream().map(r -> r.get(4, String.class)).toList();
            List<String> keyText = columns.stream().map(r -> Identifiers.backquote(r.get(4, String.class))
                + (r.get(5, Long.class) == null ? "" : "(" + r.get(5, Long.class) + ")")).toList();
            // MariaDB lists every unique index as a UNIQUE constraint of the same name (the primary key as PRIMARY).
            indexes.add(new CatalogIndex(table, key.get(2), unique, key.get(2).equals("PRIMARY"),
                valid, unique ? key.get(2) : null, null, keyColumns, keyText,
                "CREATE " + (unique ? "UNIQUE " : "") + "INDEX " + Identifiers.backquote(key.get(2)) + " ON "
                    + Identifiers.backquote(table.table()) + " (" + String.join(", ", keyText) + ")",
                false, referencing.getOrDefault(table, Map.of()).getOrDefault(key.get(2), List.of()).stream().sorted().toList()));
        });
        return indexes;
    }

    private static List<CatalogView> views(DSLContext ctx, List<String> schemas) {
        Map<TableName, String> definitions = new LinkedHashMap<>();
        for (Record row : ctx.select(SCHEMA, TABLE, field(name("VIEW_DEFINITION"), SQLDataType.CLOB))
                .from(VIEWS).where(SCHEMA.in(schemas)).orderBy(SCHEMA, TABLE).fetch())
            definitions.put(new TableName(row.get(0, String.class), row.get(1, String.class)), row.get(2, String.class));
        Map<TableName, Set<TableName>> candidates = new LinkedHashMap<>();
        Set<String> named = new HashSet<>();
        definitions.forEach((view, definition) -> {
            Set<TableName> tables = new TreeSet<>();
            for (List<String> chain : BackquotedChains.of(definition))
                tables.add(new TableName(chain.get(0), chain.get(1)));
            tables.forEach(table -> named.add(table.schema()));
            candidates.put(view, tables);
        });
        Set<TableName> existing = new HashSet<>();
        if (!named.isEmpty())
            for (Record row : ctx.select(SCHEMA, TABLE).from(TABLES).where(SCHEMA.in(named)).fetch())
                existing.add(new TableName(row.get(0, String.class), row.get(1, String.class)));
        List<CatalogView> views = new ArrayList<>();
        definitions.forEach((view, definition) -> views.add(new CatalogView(view,
            candidates.get(view).stream().filter(existing::contains).filter(t -> !t.equals(view)).toList(), definition)));
        return views;
    }

    private static Field<String> text(String... name) {
        return field(name(name), SQLDataType.VARCHAR);
    }
}
