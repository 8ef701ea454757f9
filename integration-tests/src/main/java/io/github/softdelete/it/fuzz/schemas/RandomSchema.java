package io.github.softdelete.it.fuzz.schemas;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.github.softdelete.OnDelete;
import io.github.softdelete.it.fuzz.Engine;

/**
 * A random schema: 5 to 12 tables, each with a primary key ({@code id}, or the composite {@code (a, b)}),
 * a value column {@code val}, foreign keys to earlier tables or itself, and a marker of a random kind
 * with random column names, or none.
 */
final class RandomSchema {

    enum Kind { NONE, TIMESTAMP, FLAG, NULLABLE_FLAG, FLAG_AND_TIMESTAMP }

    /** A table; {@code flag}, {@code timestamp} and {@code deletedBy} are column names or null. */
    record TableSpec(String name, boolean composite, Kind kind, String flag, String timestamp, String deletedBy,
                     List<KeySpec> keys) {

        List<String> primaryKey() {
            return composite ? List.of("a", "b") : List.of("id");
        }

        boolean marked() {
            return kind != Kind.NONE;
        }

        /** The SQL predicate of a deleted row, written by hand, independently of the library. */
        String deletedSql(String alias) {
            return switch (kind) {
                case NONE -> "false";
                case TIMESTAMP -> alias + "." + timestamp + " is not null";
                default -> alias + "." + flag + " is true";
            };
        }
    }

    /** A foreign key from a table's {@code columns} to {@code parent}'s primary key. */
    record KeySpec(String name, List<String> columns, TableSpec parentRef, String parent, OnDelete rule) {
    }

    private static final String[] TIMESTAMPS = { "deleted_at", "archived_at", "removed_at", "gone_since" };
    private static final String[] FLAGS = { "is_deleted", "deleted", "archived", "hidden" };
    private static final String[] DELETED_BY = { "deleted_by", "removed_by" };
    private static final OnDelete[] RULES = { OnDelete.CASCADE, OnDelete.CASCADE, OnDelete.RESTRICT, OnDelete.NO_ACTION, OnDelete.SET_NULL };

    final List<TableSpec> tables;

    private RandomSchema(List<TableSpec> tables) {
        this.tables = tables;
    }

    static RandomSchema generate(Random random) {
        int count = 5 + random.nextInt(8);
        List<TableSpec> tables = new ArrayList<>();
        boolean anyMarked = false;
        for (int i = 0; i < count; i++) {
            Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
            if (i == count - 1 && !anyMarked)
                kind = Kind.TIMESTAMP;
            anyMarked |= kind != Kind.NONE;
            String name = "t" + i;
            String flag = kind == Kind.FLAG || kind == Kind.NULLABLE_FLAG || kind == Kind.FLAG_AND_TIMESTAMP
                ? FLAGS[random.nextInt(FLAGS.length)] : null;
            String timestamp = kind == Kind.TIMESTAMP || kind == Kind.FLAG_AND_TIMESTAMP
                ? TIMESTAMPS[random.nextInt(TIMESTAMPS.length)] : null;
            String deletedBy = kind != Kind.NONE && random.nextInt(3) == 0 ? DELETED_BY[random.nextInt(DELETED_BY.length)] : null;
            List<KeySpec> keys = new ArrayList<>();
            TableSpec table = new TableSpec(name, random.nextInt(4) == 0, kind, flag, timestamp, deletedBy, keys);
            int parents = i == 0 ? 0 : random.nextInt(3);
            for (int k = 0; k < parents; k++)
                keys.add(key(random, table, tables.get(random.nextInt(i)), k));
            if (random.nextInt(4) == 0)
                keys.add(key(random, table, table, keys.size()));
            tables.add(table);
        }
        return new RandomSchema(List.copyOf(tables));
    }

    private static KeySpec key(Random random, TableSpec child, TableSpec parent, int index) {
        List<String> columns = new ArrayList<>();
        for (String column : parent.primaryKey())
            columns.add("fk" + index + "_" + column);
        return new KeySpec(child.name() + "_fk" + index, List.copyOf(columns), parent, parent.name(), RULES[random.nextInt(RULES.length)]);
    }

    /**
     * The DDL in {@code schema} (a database on MariaDB). {@code restrictAsNoAction}: the statement oracle declares
     * RESTRICT keys as NO ACTION, whose check PostgreSQL runs at the end of the statement, after its cascades; that is
     * the library's documented RESTRICT (a child deleted by the same cascade does not block), where PostgreSQL's
     * RESTRICT checks before the cascade reaches the child. InnoDB checks both alike, row by row.
     *
     * <p>On MariaDB: InnoDB tables in utf8mb4_bin, flags {@code BOOLEAN}, stamps {@code DATETIME(6)}, and on each
     * marked table with the key {@code id} the live-row unique form, a generated column {@code live_id} that is the id
     * of a live row and NULL on a deleted one, with a unique key over it (docs/mariadb.md).
     */
    List<String> ddl(Engine engine, String schema, boolean restrictAsNoAction) {
        boolean mariaDb = engine == Engine.MARIADB;
        List<String> ddl = new ArrayList<>();
        ddl.add(mariaDb ? "create database " + schema + " character set utf8mb4 collate utf8mb4_bin" : "create schema " + schema);
        for (TableSpec table : tables) {
            List<String> columns = new ArrayList<>();
            if (table.composite()) {
                columns.add("a int not null");
                columns.add("b int not null");
            } else {
                columns.add("id bigint not null");
            }
            columns.add("val int not null");
            for (KeySpec key : table.keys())
                for (int i = 0; i < key.columns().size(); i++)
                    columns.add(key.columns().get(i) + (key.parentRef().composite() ? " int" : " bigint"));
            if (table.flag() != null)
                columns.add(table.flag() + " boolean" + (table.kind() == Kind.NULLABLE_FLAG ? "" : " not null default false"));
            if (table.timestamp() != null)
                columns.add(table.timestamp() + (mariaDb ? " datetime(6)" : " timestamptz"));
            if (table.deletedBy() != null)
                columns.add(table.deletedBy() + (mariaDb ? " varchar(200)" : " text"));
            if (mariaDb && table.marked() && !table.composite()) {
                String live = table.kind() == Kind.TIMESTAMP ? table.timestamp() + " is null" : "not coalesce(" + table.flag() + ", false)";
                columns.add("live_id bigint as (if(" + live + ", id, null)) virtual");
                columns.add("constraint " + table.name() + "_live_id_key unique (live_id)");
            }
            columns.add("primary key (" + String.join(", ", table.primaryKey()) + ")");
            for (KeySpec key : table.keys()) {
                OnDelete rule = restrictAsNoAction && key.rule() == OnDelete.RESTRICT ? OnDelete.NO_ACTION : key.rule();
                columns.add("constraint " + key.name() + " foreign key (" + String.join(", ", key.columns()) + ") references "
                    + schema + "." + key.parent() + " (" + String.join(", ", key.parentRef().primaryKey()) + ") on delete "
                    + rule.name().replace('_', ' '));
            }
            ddl.add("create table " + schema + "." + table.name() + " (" + String.join(", ", columns) + ")"
                + (mariaDb ? " engine=InnoDB" : ""));
        }
        return ddl;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (TableSpec t : tables) {
            out.append("  ").append(t.name()).append(t.composite() ? "(a,b)" : "(id)").append(' ').append(t.kind());
            if (t.flag() != null)
                out.append(" flag=").append(t.flag());
            if (t.timestamp() != null)
                out.append(" ts=").append(t.timestamp());
            if (t.deletedBy() != null)
                out.append(" by=").append(t.deletedBy());
            for (KeySpec k : t.keys())
                out.append(" ").append(k.columns()).append("->").append(k.parent()).append(' ').append(k.rule());
            out.append('\n');
        }
        return out.toString();
    }
}
