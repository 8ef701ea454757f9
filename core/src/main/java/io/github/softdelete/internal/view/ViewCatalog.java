package io.github.softdelete.internal.view;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record3;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import io.github.softdelete.internal.jooq.Engine;
import io.github.softdelete.internal.policy.DatabaseCatalog;
import io.github.softdelete.internal.policy.PolicyTable;

/**
 * Finds, in the database's catalog, the views that read soft-deletable tables, with their definitions.
 *
 * <p>PostgreSQL: a view's rewrite rule ({@code pg_rewrite}) depends ({@code pg_depend}) on every table the view
 * reads, so the views over a table are the rules that depend on it; {@code pg_get_viewdef} gives the
 * definition as PostgreSQL stores it, with every column qualified.
 *
 * <p>MariaDB: {@code information_schema.VIEWS} gives each view's definition as the server stores it (lower case,
 * backquoted, every table qualified by its database), and nothing says which tables a view reads: 10.11 has no
 * {@code VIEW_TABLE_USAGE}. So they come from the definition, parsed with jOOQ's parser under
 * {@code SQLDialect.MARIADB} ({@link ViewStructure#tablesRead()}); a definition jOOQ cannot parse is taken to read
 * every table it names ({@link BackquotedNames}), so that it is registered, and its reads refused, as on PostgreSQL
 * where the catalog knows its tables without parsing. The system databases are left out.
 *
 * <p>On both, a view over another view depends on that view, not on its tables, and is found only when the inner
 * view is itself a table of the policy.
 *
 * <p>Used by {@code SoftDeletePolicy.Builder.viewsFromDatabase}, and meant for a policy built from the
 * catalog as a whole.
 */
public final class ViewCatalog {

    private static final String VIEWS_OVER_TABLES = """
        select distinct vn.nspname as view_schema, v.relname as view_name,
               tn.nspname as table_schema, t.relname as table_name,
               pg_catalog.pg_get_viewdef(v.oid) as definition
        from pg_catalog.pg_depend d
        join pg_catalog.pg_rewrite r on r.oid = d.objid
        join pg_catalog.pg_class v on v.oid = r.ev_class
        join pg_catalog.pg_namespace vn on vn.oid = v.relnamespace
        join pg_catalog.pg_class t on t.oid = d.refobjid
        join pg_catalog.pg_namespace tn on tn.oid = t.relnamespace
        where d.classid = 'pg_catalog.pg_rewrite'::regclass
          and d.refclassid = 'pg_catalog.pg_class'::regclass
          and v.relkind in ('v', 'm') and v.oid <> t.oid
        order by 1, 2""";

    private static final Table<?> VIEWS = DSL.table(DSL.name("information_schema", "VIEWS"));
    private static final List<String> SYSTEM_DATABASES = List.of("information_schema", "mysql", "performance_schema", "sys");

    private ViewCatalog() {
    }

    /**
     * One view's dependency on one table, as the catalog shows it.
     *
     * @param view        the view, as {@code DSL.table(name(schema, view))}
     * @param tableSchema the schema (MariaDB: database) of a table the view reads
     * @param tableName   that table's name
     * @param definition  the view's definition ({@code pg_get_viewdef}, {@code VIEWS.VIEW_DEFINITION})
     * @param dialect     the dialect to parse the definition with: the catalog's engine's
     */
    public record Dependency(Table<?> view, String tableSchema, String tableName, String definition, SQLDialect dialect) {
    }

    /**
     * Every view's dependencies on tables, read now: the builder reads the catalog when it is told to, and
     * keeps only the views over the policy's tables in {@code build()}, which reads no database.
     *
     * @param ctx a context on the database; its listeners are not used for the catalog query
     */
    public static List<Dependency> read(DSLContext ctx) {
        DSLContext catalog = DatabaseCatalog.catalogContext(ctx);
        return Engine.of(ctx.configuration()) == Engine.MARIADB ? readMariaDb(catalog) : readPostgres(catalog);
    }

    /** The views among {@code dependencies} that read any of {@code tables}, each with its first dependency, in catalog order. */
    public static Map<Table<?>, Dependency> over(List<Dependency> dependencies, List<PolicyTable> tables) {
        Map<Table<?>, Dependency> views = new LinkedHashMap<>();
        for (Dependency dependency : dependencies)
            if (reads(tables, dependency.tableSchema(), dependency.tableName()))
                views.putIfAbsent(dependency.view(), dependency);
        return views;
    }

    private static List<Dependency> readPostgres(DSLContext catalog) {
        List<Dependency> dependencies = new ArrayList<>();
        for (Record row : catalog.fetch(VIEWS_OVER_TABLES))
            dependencies.add(new Dependency(DSL.table(DSL.name(row.get("view_schema", String.class), row.get("view_name", String.class))),
                row.get("table_schema", String.class), row.get("table_name", String.class), row.get("definition", String.class),
                SQLDialect.POSTGRES));
        return List.copyOf(dependencies);
    }

    private static List<Dependency> readMariaDb(DSLContext catalog) {
        Field<String> schema = DSL.field(DSL.name("TABLE_SCHEMA"), SQLDataType.VARCHAR);
        Field<String> name = DSL.field(DSL.name("TABLE_NAME"), SQLDataType.VARCHAR);
        Field<String> definition = DSL.field(DSL.name("VIEW_DEFINITION"), SQLDataType.CLOB);
        List<Dependency> dependencies = new ArrayList<>();
        for (Record3<String, String, String> row : catalog.select(schema, name, definition).from(VIEWS)
                .where(schema.notIn(SYSTEM_DATABASES.stream().map(DSL::inline).toList()))
                .orderBy(schema, name)
                .fetch()) {
            Table<?> view = DSL.table(DSL.name(row.value1(), row.value2()));
            for (List<String> table : tablesRead(row.value1(), row.value3()))
                dependencies.add(new Dependency(view, table.get(0), table.get(1), row.value3(), SQLDialect.MARIADB));
        }
        return List.copyOf(dependencies);
    }

    // The tables a MariaDB view reads, as (database, table): from the parsed definition, else every name it has.
    private static Set<List<String>> tablesRead(String viewSchema, String definition) {
        Set<List<String>> tables = new LinkedHashSet<>();
        Select<?> parsed;
        try {
            parsed = DSL.using(SQLDialect.MARIADB).parser().parseSelect(definition);
        } catch (RuntimeException e) {
            // Kept, and refused when read, by the builder's analysis, which parses it again and records why it failed.
            for (List<String> chain : BackquotedNames.chains(definition))
                tables.add(List.of(chain.get(0), chain.get(1)));
            return tables;
        }
        for (Table<?> table : ViewStructure.of(parsed).tablesRead())
            tables.add(List.of(table.getSchema() == null ? viewSchema : table.getSchema().getName(), table.getName()));
        return tables;
    }

    private static boolean reads(List<PolicyTable> tables, String schema, String name) {
        for (PolicyTable table : tables)
            if (table.name().equals(name) && (table.schemaName() == null || table.schemaName().isEmpty() || table.schemaName().equals(schema)))
                return true;
        return false;
    }
}
