package io.github.softdelete.internal;

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
 * <p>Used by {@code SoftDeletePolicy.Builder.viewsFromCatalog}, and meant for a policy built from the
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
     * The views that read any of {@code tables}, each with its definition.
     *
     * @param ctx    a context on the database; its listeners are not used for the catalog query
     * @param tables the soft-deletable tables
     */
    public static Map<Table<?>, String> read(DSLContext ctx, List<PolicyTable> tables) {
        // Without the library's listeners (its execute listeners refuse a configuration without its visit listener).
        DSLContext catalog = DSL.using(ctx.configuration().derive(new VisitListenerProvider[0]).derive(new ExecuteListenerProvider[0]));
        Map<Table<?>, String> views = new LinkedHashMap<>();
        for (Record row : catalog.fetch(VIEWS_OVER_TABLES))
            if (reads(tables, row.get("table_schema", String.class), row.get("table_name", String.class)))
                views.putIfAbsent(DSL.table(DSL.name(row.get("view_schema", String.class), row.get("view_name", String.class))),
                    row.get("definition", String.class));
        return views;
    }

    private static boolean reads(List<PolicyTable> tables, String schema, String name) {
        for (PolicyTable table : tables)
            if (table.name().equals(name) && (table.schemaName() == null || table.schemaName().isEmpty() || table.schemaName().equals(schema)))
                return true;
        return false;
    }
}
