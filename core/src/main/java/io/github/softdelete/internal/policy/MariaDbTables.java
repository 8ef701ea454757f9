package io.github.softdelete.internal.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jooq.Constraint;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Meta;
import org.jooq.Name;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultDataType;
import org.jooq.impl.SQLDataType;

/**
 * The tables of a MariaDB database as jOOQ metadata, read from {@code information_schema} (tables, columns, primary,
 * unique and foreign keys) and turned into jOOQ's in-memory metadata by its DDL interpreter
 * ({@code DSLContext.meta(Query...)}).
 *
 * <p>Why not {@code DSLContext.meta()}: jOOQ's reader of MariaDB's catalog follows the newest MariaDB, and jOOQ 3.21's
 * asks for {@code information_schema.COLUMNS.IS_SYSTEM_TIME_PERIOD_START}, which MariaDB 10.11 does not have: reading
 * the catalog failed there. The columns read here exist in every MariaDB since 10.2. A column is typed as jOOQ types
 * MariaDB's type name, and {@code tinyint(1)} (BOOLEAN's storage) as a boolean, as jOOQ's own reader does.
 */
final class MariaDbTables {

    private static final Table<?> TABLES = DSL.table(DSL.name("information_schema", "TABLES"));
    private static final Table<?> COLUMNS = DSL.table(DSL.name("information_schema", "COLUMNS"));
    private static final Table<?> CONSTRAINTS = DSL.table(DSL.name("information_schema", "TABLE_CONSTRAINTS"));
    private static final Table<?> KEY_COLUMNS = DSL.table(DSL.name("information_schema", "KEY_COLUMN_USAGE"));

    private MariaDbTables() {
    }

    /** Whether {@code schema}, a database, exists. */
    static boolean exists(DSLContext ctx, String schema) {
        Table<?> schemata = DSL.table(DSL.name("information_schema", "SCHEMATA"));
        return ctx.fetchExists(DSL.selectOne().from(schemata).where(field(schemata, "SCHEMA_NAME").eq(DSL.inline(schema))));
    }

    /** The base tables of {@code schema} (a database), with their keys; no schema when it has none or does not exist. */
    static Meta meta(DSLContext ctx, String schema) {
        Map<String, List<Field<?>>> columns = columns(ctx, schema);
        Map<String, List<KeyColumns>> constraints = constraints(ctx, schema);
        // The interpreter wants a key's parent table before the key: every table with its own keys first, then the
        // foreign keys. A foreign key into another database is left out, as the policy covers this one.
        List<Query> ddl = new ArrayList<>();
        List<Query> foreignKeys = new ArrayList<>();
        for (Map.Entry<String, List<Field<?>>> table : columns.entrySet()) {
            List<Constraint> own = new ArrayList<>();
            for (KeyColumns key : constraints.getOrDefault(table.getKey(), List.of()))
                if (key.kind.equals("FOREIGN KEY")) {
                    if (schema.equals(key.referencedSchema))
                        foreignKeys.add(DSL.alterTable(DSL.name(schema, table.getKey())).add(key.constraint()));
                } else if (key.constraint() != null) {
                    own.add(key.constraint());
                }
            ddl.add(DSL.createTable(DSL.name(schema, table.getKey())).columns(table.getValue()).constraints(own));
        }
        ddl.addAll(foreignKeys);
        return DSL.using(SQLDialect.MARIADB).meta(ddl.toArray(Query[]::new));
    }

    private static Map<String, List<Field<?>>> columns(DSLContext ctx, String schema) {
        Field<String> table = field(COLUMNS, "TABLE_NAME");
        Field<String> column = field(COLUMNS, "COLUMN_NAME");
        Field<String> type = field(COLUMNS, "DATA_TYPE");
        Field<String> columnType = field(COLUMNS, "COLUMN_TYPE");
        Field<String> nullable = field(COLUMNS, "IS_NULLABLE");
        Map<String, List<Field<?>>> columns = new LinkedHashMap<>();
        for (Record row : ctx.select(table, column, type, columnType, nullable).from(COLUMNS)
                .join(TABLES).on(field(TABLES, "TABLE_SCHEMA").eq(field(COLUMNS, "TABLE_SCHEMA"))
                    .and(field(TABLES, "TABLE_NAME").eq(table)))
                .where(field(COLUMNS, "TABLE_SCHEMA").eq(DSL.inline(schema)))
                .and(field(TABLES, "TABLE_TYPE").eq(DSL.inline("BASE TABLE")))
                .orderBy(table, field(COLUMNS, "ORDINAL_POSITION"))
                .fetch()) {
            DataType<?> dataType = type(row.get(type), row.get(columnType)).nullable("YES".equals(row.get(nullable)));
            columns.computeIfAbsent(row.get(table), k -> new ArrayList<>()).add(DSL.field(DSL.name(row.get(column)), dataType));
        }
        return columns;
    }

    private static DataType<?> type(String name, String columnType) {
        String full = columnType.toLowerCase(Locale.ROOT);
        if (full.startsWith("tinyint(1)"))
            return SQLDataType.BOOLEAN;
        return DefaultDataType.getDataType(SQLDialect.MARIADB, name.toLowerCase(Locale.ROOT));
    }

    // Each table's primary key, unique keys and foreign keys, with their columns in order.
    private static Map<String, List<KeyColumns>> constraints(DSLContext ctx, String schema) {
        Field<String> table = field(KEY_COLUMNS, "TABLE_NAME");
        Field<String> name = field(KEY_COLUMNS, "CONSTRAINT_NAME");
        Field<String> column = field(KEY_COLUMNS, "COLUMN_NAME");
        Field<String> referencedSchema = field(KEY_COLUMNS, "REFERENCED_TABLE_SCHEMA");
        Field<String> referencedTable = field(KEY_COLUMNS, "REFERENCED_TABLE_NAME");
        Field<String> referencedColumn = field(KEY_COLUMNS, "REFERENCED_COLUMN_NAME");
        Field<String> kind = field(CONSTRAINTS, "CONSTRAINT_TYPE");
        Map<List<String>, KeyColumns> keys = new LinkedHashMap<>();
        for (Record row : ctx.select(table, name, column, referencedSchema, referencedTable, referencedColumn, kind).from(KEY_COLUMNS)
                .join(CONSTRAINTS).on(field(CONSTRAINTS, "CONSTRAINT_SCHEMA").eq(field(KEY_COLUMNS, "CONSTRAINT_SCHEMA"))
                    .and(field(CONSTRAINTS, "TABLE_NAME").eq(table))
                    .and(field(CONSTRAINTS, "CONSTRAINT_NAME").eq(name)))
                .where(field(KEY_COLUMNS, "TABLE_SCHEMA").eq(DSL.inline(schema)))
                .orderBy(table, name, field(KEY_COLUMNS, "ORDINAL_POSITION"))
                .fetch()) {
            KeyColumns key = keys.computeIfAbsent(List.of(row.get(table), row.get(name)),
                k -> new KeyColumns(row.get(name), row.get(kind), row.get(referencedSchema), row.get(referencedTable)));
            key.columns.add(DSL.name(row.get(column)));
            if (row.get(referencedColumn) != null)
                key.referenced.add(DSL.name(row.get(referencedColumn)));
        }
        Map<String, List<KeyColumns>> constraints = new LinkedHashMap<>();
        for (Map.Entry<List<String>, KeyColumns> entry : keys.entrySet())
            constraints.computeIfAbsent(entry.getKey().get(0), k -> new ArrayList<>()).add(entry.getValue());
        return constraints;
    }

    // The columns of one key as information_schema lists them, one row per column.
    private static final class KeyColumns {

        final String name;
        final String kind;
        final String referencedSchema;
        final String referencedTable;
        final List<Name> columns = new ArrayList<>();
        final List<Name> referenced = new ArrayList<>();

        KeyColumns(String name, String kind, String referencedSchema, String referencedTable) {
            this.name = name;
            this.kind = kind;
            this.referencedSchema = referencedSchema;
            this.referencedTable = referencedTable;
        }

        // MariaDB names every primary key PRIMARY; CHECK constraints have no key columns and are not listed here.
        Constraint constraint() {
            Name[] names = columns.toArray(Name[]::new);
            return switch (kind) {
                case "PRIMARY KEY" -> DSL.constraint(DSL.name(name)).primaryKey(names);
                case "UNIQUE" -> DSL.constraint(DSL.name(name)).unique(names);
                case "FOREIGN KEY" -> DSL.constraint(DSL.name(name)).foreignKey(names)
                    .references(DSL.name(referencedSchema, referencedTable), referenced.toArray(Name[]::new));
                default -> null;
            };
        }
    }

    private static Field<String> field(Table<?> table, String column) {
        return DSL.field(table.getQualifiedName().append(column), SQLDataType.VARCHAR);
    }
}
