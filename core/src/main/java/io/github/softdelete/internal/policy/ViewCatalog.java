package io.github.softdelete.internal.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.ExecuteListenerProvider;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.VisitListenerProvider;
import org.jooq.impl.DSL;

/**
 * Finds, in PostgreSQL's catalog, the views that read soft-deletable tables, with their definitions.
 *
 * <p>A view's rewrite rule ({@code pg_rewrite}) depends ({@code pg_depend}) on every table the view
 * reads, so the views over a table are the rules that depend on it; {@code pg_get_viewdef} gives the
 * definition as PostgreSQL stores it, with every column qualified. A view over another view depends on
 * that view, not on its tables, and is found only when the inner view is itself a table of the policy.
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

    private ViewCatalog() {
    }

    /**
     * One view's dependency on one table, as the catalog shows it.
     *
     * @param view        the view, as {@code DSL.table(name(schema, view))}
     * @param tableSchema the schema of a table the view reads
     * @param tableName   that table's name
     * @param definition  the view's definition ({@code pg_get_viewdef})
     */
    public record Dependency(Table<?> view, String tableSchema, String tableName, String definition) {
    }

    /**
     * Every view's dependencies on tables, read now: the builder reads the catalog when it is told to, and
     * keeps only the views over the policy's tables in {@code build()}, which reads no database.
     *
     * @param ctx a context on the database; its listeners are not used for the catalog query
     */
    public static List<Dependency> read(DSLContext ctx) {
        // Without the library's listeners (its execute listeners refuse a configuration without its visit listener).
        DSLContext catalog = DSL.using(ctx.configuration().derive(new VisitListenerProvider[0]).derive(new ExecuteListenerProvider[0]));
        List<Dependency> dependencies = new ArrayList<>();
        for (Record row : catalog.fetch(VIEWS_OVER_TABLES))
            dependencies.add(new Dependency(DSL.table(DSL.name(row.get("view_schema", String.class), row.get("view_name", String.class))),
                row.get("table_schema", String.class), row.get("table_name", String.class), row.get("definition", String.class)));
        return List.copyOf(dependencies);
    }

    /** The views among {@code dependencies} that read any of {@code tables}, each with its definition, in catalog order. */
    public static Map<Table<?>, String> over(List<Dependency> dependencies, List<PolicyTable> tables) {
        Map<Table<?>, String> views = new LinkedHashMap<>();
        for (Dependency dependency : dependencies)
            if (reads(tables, dependency.tableSchema(), dependency.tableName()))
                views.putIfAbsent(dependency.view(), dependency.definition());
        return views;
    }

    private static boolean reads(List<PolicyTable> tables, String schema, String name) {
        for (PolicyTable table : tables)
            if (table.name().equals(name) && (table.schemaName() == null || table.schemaName().isEmpty() || table.schemaName().equals(schema)))
                return true;
        return false;
    }
}
