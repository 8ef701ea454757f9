package io.github.softdelete.codegen.internal;

import static org.jooq.impl.DSL.val;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * What the generator needs from the database's catalog and jOOQ 3.19's meta model leaves out: the
 * predicates of partial indexes (the meta model drops the WHERE) and the ON DELETE rule of each
 * foreign key ({@code ForeignKey.getDeleteRule()} arrived in jOOQ 3.20). PostgreSQL's is read here;
 * MariaDB's, where the generated columns of unique keys take the place of partial indexes, by
 * {@link MariaDbCatalog}.
 *
 * @param indexes       every index on a table of the schemas read
 * @param foreignKeys   every foreign key whose child or parent is in the schemas read
 * @param views         every view of the schemas read, with the tables it reads
 * @param columns       MariaDB: every column of the schemas' tables; PostgreSQL: none (its partial indexes say
 *                      what the lint needs)
 * @param engine        the database the catalog is of, and so the dialect of the lint's advice
 * @param currentSchema MariaDB: the connection's current database, whose tables the advice names unqualified, so
 *                      that it runs in a database of another name too; null where every name is qualified
 */
public record Catalog(List<CatalogIndex> indexes, List<CatalogForeignKey> foreignKeys, List<CatalogView> views,
                      List<CatalogColumn> columns, Engine engine, String currentSchema) {

    private static final String INDEXES = """
        select n.nspname, t.relname, ic.relname, i.indisunique, i.indisprimary, i.indisvalid, c.conname::text,
               pg_get_expr(i.indpred, i.indrelid),
               array(select a.attname::text
                     from generate_series(1, i.indnkeyatts::int) as k(n)
                     left join pg_attribute a on a.attrelid = i.indrelid and i.indkey[k.n - 1] <> 0
                                             and a.attnum = i.indkey[k.n - 1]
                     order by k.n),
               array(select pg_get_indexdef(i.indexrelid, k.n, true)
                     from generate_series(1, i.indnkeyatts::int) as k(n) order by k.n),
               pg_get_indexdef(i.indexrelid),
               -- indnullsnotdistinct exists from PostgreSQL 15 on; through jsonb, older servers read NULL.
               coalesce((to_jsonb(i) ->> 'indnullsnotdistinct')::boolean, false),
               array(select f.conname::text from pg_constraint f
                     where f.contype = 'f' and f.conindid = i.indexrelid and f.conparentid = 0 order by 1)
        from pg_index i
        join pg_class t on t.oid = i.indrelid
        join pg_namespace n on n.oid = t.relnamespace
        join pg_class ic on ic.oid = i.indexrelid
        left join pg_constraint c on c.conindid = i.indexrelid and c.conrelid = i.indrelid and c.contype in ('p', 'u')
        where n.nspname = any({0})
        order by 1, 2, 3""";

    // conparentid = 0: a foreign key on a partitioned table is cloned onto each partition; read it once.
    private static final String FOREIGN_KEYS = """
        select n.nspname, t.relname, c.conname::text, pn.nspname, pt.relname, c.confdeltype::text,
               array(select a.attname::text from unnest(c.conkey) with ordinality as k(attnum, ord)
                     join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum order by k.ord)
        from pg_constraint c
        join pg_class t on t.oid = c.conrelid
        join pg_namespace n on n.oid = t.relnamespace
        join pg_class pt on pt.oid = c.confrelid
        join pg_namespace pn on pn.oid = pt.relnamespace
        where c.contype = 'f' and c.conparentid = 0 and (n.nspname = any({0}) or pn.nspname = any({0}))
        order by 1, 2, 3""";

    // A view's rewrite rule depends on every table (or view) the view reads.
    private static final String VIEWS = """
        select vn.nspname, v.relname, pg_get_viewdef(v.oid),
               array(select distinct tn.nspname || '.' || t.relname
                     from pg_depend d
                     join pg_rewrite r on r.oid = d.objid
                     join pg_class t on t.oid = d.refobjid
                     join pg_namespace tn on tn.oid = t.relnamespace
                     where d.classid = 'pg_rewrite'::regclass and d.refclassid = 'pg_class'::regclass
                       and r.ev_class = v.oid and t.oid <> v.oid
                     order by 1)
        from pg_class v
        join pg_namespace vn on vn.oid = v.relnamespace
        where v.relkind = 'v' and vn.nspname = any({0})
        order by 1, 2""";

    public Catalog {
        indexes = List.copyOf(indexes);
        foreignKeys = List.copyOf(foreignKeys);
        views = List.copyOf(views);
        columns = List.copyOf(columns);
        Objects.requireNonNull(engine, "engine");
    }

    /** A PostgreSQL catalog. */
    public Catalog(List<CatalogIndex> indexes, List<CatalogForeignKey> foreignKeys, List<CatalogView> views) {
        this(indexes, foreignKeys, views, List.of(), Engine.POSTGRES, null);
    }

    /** A PostgreSQL catalog without views. */
    public Catalog(List<CatalogIndex> indexes, List<CatalogForeignKey> foreignKeys) {
        this(indexes, foreignKeys, List.of());
    }

    /**
     * Reads the catalog for {@code schemas}: MariaDB's when the context's dialect is MariaDB's
     * ({@link MariaDbCatalog}), else PostgreSQL's.
     *
     * @throws org.jooq.exception.DataAccessException when the catalog queries fail
     */
    public static Catalog read(DSLContext ctx, List<String> schemas) {
        return Engine.of(ctx.dialect()) == Engine.MARIADB ? MariaDbCatalog.read(ctx, schemas) : readPostgres(ctx, schemas);
    }

    private static Catalog readPostgres(DSLContext ctx, List<String> schemas) {
        Object names = val(schemas.toArray(String[]::new));
        List<CatalogIndex> indexes = ctx.resultQuery(INDEXES, names).fetch(r -> new CatalogIndex(
            new TableName(r.get(0, String.class), r.get(1, String.class)), r.get(2, String.class),
            r.get(3, Boolean.class), r.get(4, Boolean.class), r.get(5, Boolean.class), r.get(6, String.class),
            r.get(7, String.class), strings(r, 8), strings(r, 9), r.get(10, String.class),
            r.get(11, Boolean.class), strings(r, 12)));
        List<CatalogForeignKey> foreignKeys = ctx.resultQuery(FOREIGN_KEYS, names).fetch(r -> new CatalogForeignKey(
            r.get(2, String.class), new TableName(r.get(0, String.class), r.get(1, String.class)), strings(r, 6),
            new TableName(r.get(3, String.class), r.get(4, String.class)),
            CatalogForeignKey.rule(r.get(5, String.class))));
        List<CatalogView> views = ctx.resultQuery(VIEWS, names).fetch(r -> new CatalogView(
            new TableName(r.get(0, String.class), r.get(1, String.class)),
            strings(r, 3).stream().map(Catalog::tableName).toList(), r.get(2, String.class)));
        return new Catalog(indexes, foreignKeys, views);
    }

    private static TableName tableName(String qualified) {
        int dot = qualified.indexOf('.');
        return new TableName(qualified.substring(0, dot), qualified.substring(dot + 1));
    }

    /** The views that read at least one of {@code tables}. */
    public List<CatalogView> viewsReading(Set<TableName> tables) {
        return views.stream().filter(v -> v.reads().stream().anyMatch(tables::contains)).toList();
    }

    /** The foreign key named {@code name} on {@code child}, if the catalog has it. */
    public Optional<CatalogForeignKey> foreignKey(TableName child, String name) {
        return foreignKeys.stream().filter(k -> k.child().equals(child) && k.name().equals(name)).findFirst();
    }

    /** The indexes on {@code table}. */
    List<CatalogIndex> indexesOn(TableName table) {
        return indexes.stream().filter(i -> i.table().equals(table)).toList();
    }

    /** The column {@code name} of {@code table}, if the catalog has it (MariaDB's does). */
    Optional<CatalogColumn> column(TableName table, String name) {
        return columns.stream().filter(c -> c.table().equals(table) && c.name().equals(name)).findFirst();
    }

    /** The columns of {@code table}, in the catalog's order. */
    List<CatalogColumn> columnsOf(TableName table) {
        return columns.stream().filter(c -> c.table().equals(table)).toList();
    }

    /**
     * The table's name as the advice's DDL names it: quoted as the engine needs, and qualified, except on MariaDB
     * for a table of the connection's current database.
     */
    String sql(TableName table) {
        if (engine == Engine.POSTGRES)
            return table.sql();
        return (table.schema().equals(currentSchema) ? "" : engine.quote(table.schema()) + ".") + engine.quote(table.table());
    }

    // Plain SQL result columns arrive as whatever the driver gives for text[]; Record.get(int, Class)
    // converts them to String[]. Not DataType.convert(Object): jOOQ 3.21 deprecates it for removal.
    private static List<String> strings(Record row, int index) {
        String[] values = row.get(index, String[].class);
        return Arrays.asList(Objects.requireNonNull(values, "array"));
    }
}
