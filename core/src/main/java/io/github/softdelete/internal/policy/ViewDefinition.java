package io.github.softdelete.internal.policy;

import java.util.List;
import java.util.Map;

import org.jooq.Field;
import org.jooq.Select;
import org.jooq.Table;

/**
 * A view that reads soft-deletable tables, as the policy knows it.
 *
 * @param view         the view, as registered (a generated class or {@code DSL.table(name(...))})
 * @param sql          its definition, as given or read from the catalog
 * @param definition   the definition parsed by jOOQ's parser, or null when it could not be parsed
 * @param problem      why the definition could not be parsed or analysed, or null
 * @param reads        the soft-deletable tables it reads anywhere: its FROM clause, joins, subqueries, CTEs and
 *                     set-operation branches (empty when unparsed)
 * @param filters      whether its WHERE clause already keeps live rows only, for every table in {@code reads}
 * @param base         the one soft-deletable table that writes through the view change, when PostgreSQL would
 *                     consider the view automatically updatable; null otherwise
 * @param writeProblem why writes through the view cannot be translated (not automatically updatable, or its one
 *                     table is not soft-deletable), or null when {@code base} is set
 * @param columns      the view's columns that show a column of {@code base} as it is: the view's column name to
 *                     the base column's name (empty without a base)
 * @param key          {@code base}'s primary key as the view shows it: one field per key column, named as the
 *                     view's column that shows it, or null when the view does not show the whole key
 */
public record ViewDefinition(Table<?> view, String sql, Select<?> definition, String problem, List<PolicyTable> reads,
                             boolean filters, PolicyTable base, String writeProblem, Map<String, String> columns,
                             List<Field<?>> key) {

    /** The view's name in double quotes, the way messages name it. */
    public String quotedName() {
        return '"' + view.getName() + '"';
    }

    /** Whether reads of the view must be rewritten: its definition reads soft-deletable tables unfiltered. */
    public boolean needsInlining() {
        return definition != null && !filters;
    }

    /** The base column that the view's column {@code viewColumn} shows as it is, or null. */
    public String baseColumn(String viewColumn) {
        return columns.get(viewColumn);
    }

    @Override
    public String toString() {
        return quotedName() + (definition == null ? " (unparsed: " + problem + ")" : filters ? " (filters)" : " (inlined)");
    }
}
