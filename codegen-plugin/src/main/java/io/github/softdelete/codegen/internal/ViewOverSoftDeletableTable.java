package io.github.softdelete.codegen.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jooq.Condition;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.QOM;
import org.jooq.impl.SQLDataType;

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

    static List<Finding> check(Catalog catalog, Set<TableName> softDeletable, String marker) {
        List<Finding> findings = new ArrayList<>();
        for (CatalogView view : catalog.viewsReading(softDeletable)) {
            List<TableName> tables = view.reads().stream().filter(softDeletable::contains).toList();
            String status = status(view, tables, marker);
            if (!status.contains("(filters)")) // a view that hides deleted rows itself is no trap
                findings.add(new Finding(Finding.Kind.VIEW_OVER_SOFT_DELETABLE_TABLE, view.view(), view.view().table(),
                    message(view, tables, marker, status)));
        }
        return findings;
    }

    private static String message(CatalogView view, List<TableName> tables, String marker, String status) {
        String reads = String.join(", ", tables.stream().map(TableName::sql).toList());
        String common = "view " + view.view().sql() + " reads soft-deletable " + reads + " without filtering deleted rows."
            + " Through jOOQ with softdelete, reads of it are filtered (its definition is inlined) and writes through it"
            + " soft-delete or are refused; other SQL that reads it sees deleted rows.";
        if (status.contains("(unparsed"))
            return common + " Its definition could not be parsed by jOOQ " + status.substring(status.indexOf("(unparsed"))
                + ", so softdelete reads it unfiltered, and refuses it in strict mode. Add " + marker + " IS NULL for each of"
                + " those tables to its WHERE clause.";
        return common + " To make it filter: " + filteringDdl(view, tables, marker)
            + " (for a table on the null-extended side of an outer join, put its predicate into that join's ON instead).";
    }

    private static String status(CatalogView view, List<TableName> tables, String marker) {
        SoftDeletePolicy.Builder builder = SoftDeletePolicy.builder();
        for (TableName table : tables)
            builder.table(DSL.table(DSL.name(table.schema(), table.table())),
                DSL.field(DSL.name(marker), SQLDataType.TIMESTAMPWITHTIMEZONE));
        builder.view(DSL.table(DSL.name(view.view().schema(), view.view().table())), view.definition());
        List<String> views = builder.build().views();
        return views.isEmpty() ? "" : views.get(0);
    }

    private static String filteringDdl(CatalogView view, List<TableName> tables, String marker) {
        String definition = view.definition().strip();
        if (definition.endsWith(";"))
            definition = definition.substring(0, definition.length() - 1);
        Select<?> select = DSL.using(SQLDialect.POSTGRES).parser().parseSelect(definition);
        Condition filter = DSL.noCondition();
        for (Table<?> from : select.$from())
            filter = filter.and(predicates(from, tables, marker));
        Select<?> filtered = select.$where(select.$where() == null ? filter : select.$where().and(filter));
        return "CREATE OR REPLACE VIEW " + view.view().sql() + " AS " + DSL.using(SQLDialect.POSTGRES).renderInlined(filtered) + ";";
    }

    private static Condition predicates(Table<?> table, List<TableName> tables, String marker) {
        if (table instanceof QOM.JoinTable<?, ?> join)
            return predicates(join.$table1(), tables, marker).and(predicates(join.$table2(), tables, marker));
        Table<?> base = table instanceof QOM.TableAlias<?> alias ? alias.$aliased() : table;
        for (TableName name : tables)
            if (name.table().equals(base.getName()))
                return DSL.field(DSL.unquotedName(table.getName(), marker)).isNull(); // as the parser's own names
        return DSL.noCondition();
    }
}
