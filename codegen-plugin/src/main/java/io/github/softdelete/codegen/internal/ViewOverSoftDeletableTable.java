package io.github.softdelete.codegen.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jooq.Condition;
import org.jooq.Name;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.QOM;
import org.jooq.impl.SQLDataType;

import io.github.softdelete.Marker;
import io.github.softdelete.SoftDeletePolicy;

/**
 * Lint rule: a view that reads soft-deletable tables without filtering their deleted rows. Through jOOQ
 * with softdelete installed, reads of the view are filtered (its definition is inlined) and writes through
 * it soft-delete or are refused; but SQL that reaches the view otherwise (psql, reports, another service)
 * sees deleted rows. The finding gives the DDL that would make the view filter; a view that filters
 * already is no trap and is not reported.
 *
 * <p>Whether a view filters is decided as the library decides it at run time: by a policy built over
 * the same tables, through its public API, so lint and runtime cannot disagree.
 */
final class ViewOverSoftDeletableTable {

    private ViewOverSoftDeletableTable() {
    }

    static List<Finding> check(Catalog catalog, Map<TableName, LintMarker> markers) {
        List<Finding> findings = new ArrayList<>();
        for (CatalogView view : catalog.viewsReading(markers.keySet())) {
            List<TableName> tables = view.reads().stream().filter(markers::containsKey).toList();
            SoftDeletePolicy.View status = status(view, tables, markers);
            if (status.reads() != SoftDeletePolicy.View.Reads.FILTERS_ITSELF) // a view that hides deleted rows itself is no trap
                findings.add(new Finding(Finding.Kind.VIEW_OVER_SOFT_DELETABLE_TABLE, view.view(), view.view().table(),
                    message(catalog, view, tables, markers, status)));
        }
        return findings;
    }

    private static String message(Catalog catalog, CatalogView view, List<TableName> tables, Map<TableName, LintMarker> markers,
                                  SoftDeletePolicy.View status) {
        String reads = String.join(", ", tables.stream().map(TableName::sql).toList());
        String common = "view " + view.view().sql() + " reads soft-deletable " + reads + " without filtering deleted rows."
            + " Through jOOQ with softdelete, reads of it are filtered (its definition is inlined) and writes through it"
            + " soft-delete or are refused; other SQL that reads it sees deleted rows.";
        if (status.reads() == SoftDeletePolicy.View.Reads.UNPARSED)
            return common + " Its definition could not be parsed by jOOQ (unparsed: " + status.problem() + ")"
                + ", so softdelete reads it unfiltered, and refuses it in strict mode. Add "
                + String.join(" AND ", tables.stream().map(t -> markers.get(t).liveSql(catalog.engine())).toList())
                + " for those tables to its WHERE clause.";
        return common + " To make it filter: " + filteringDdl(catalog, view, tables, markers)
            + " (for a table on the null-extended side of an outer join, put its predicate into that join's ON instead).";
    }

    private static SoftDeletePolicy.View status(CatalogView view, List<TableName> tables, Map<TableName, LintMarker> markers) {
        SoftDeletePolicy.Builder builder = SoftDeletePolicy.builder();
        for (TableName table : tables) {
            LintMarker marker = markers.get(table);
            builder.table(DSL.table(DSL.name(table.schema(), table.table())), marker.flag()
                ? Marker.flag(DSL.field(DSL.name(marker.column()), SQLDataType.BOOLEAN.nullable(marker.nullableFlag())))
                : Marker.timestamp(DSL.field(DSL.name(marker.column()), SQLDataType.TIMESTAMPWITHTIMEZONE)));
        }
        builder.view(DSL.table(DSL.name(view.view().schema(), view.view().table())), view.definition());
        return builder.build().views().get(0);
    }

    // Parsed and rendered in the engine's dialect. MariaDB stores a definition with every table qualified by its
    // database; where they all are the connection's current one, the DDL names none, so it runs in a database of
    // another name too (as the advice's ALTER TABLEs do: Catalog.sql).
    private static String filteringDdl(Catalog catalog, CatalogView view, List<TableName> tables, Map<TableName, LintMarker> markers) {
        String definition = view.definition().strip();
        if (definition.endsWith(";"))
            definition = definition.substring(0, definition.length() - 1);
        SQLDialect dialect = catalog.engine().dialect();
        Select<?> select = DSL.using(dialect).parser().parseSelect(definition);
        Condition filter = DSL.noCondition();
        for (Table<?> from : select.$from())
            filter = filter.and(predicates(from, tables, markers));
        Select<?> filtered = select.$where(select.$where() == null ? filter : select.$where().and(filter));
        boolean unqualified = catalog.engine() == Engine.MARIADB && view.view().schema().equals(catalog.currentSchema())
            && view.reads().stream().allMatch(t -> t.schema().equals(catalog.currentSchema()));
        return "CREATE OR REPLACE VIEW " + catalog.sql(view.view()) + " AS "
            + DSL.using(dialect, new org.jooq.conf.Settings().withRenderSchema(!unqualified)).renderInlined(filtered) + ";";
    }

    private static Condition predicates(Table<?> table, List<TableName> tables, Map<TableName, LintMarker> markers) {
        if (table instanceof QOM.JoinTable<?, ?> join)
            return predicates(join.$table1(), tables, markers).and(predicates(join.$table2(), tables, markers));
        Table<?> base = table instanceof QOM.TableAlias<?> alias ? alias.$aliased() : table;
        for (TableName name : tables)
            if (name.table().equals(base.getName()))
                return live(DSL.unquotedName(table.getName(), markers.get(name).column()), markers.get(name)); // as the parser's own names
        return DSL.noCondition();
    }

    // The library's own live predicate (Marker.live()), so that the suggested view filters as reads do.
    private static Condition live(Name column, LintMarker marker) {
        return (marker.flag() ? Marker.flag(DSL.field(column, SQLDataType.BOOLEAN.nullable(marker.nullableFlag())))
            : Marker.timestamp(DSL.field(column))).live();
    }
}
