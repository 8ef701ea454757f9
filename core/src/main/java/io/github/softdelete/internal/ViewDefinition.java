package io.github.softdelete.internal;

import java.util.List;

import org.jooq.Field;
import org.jooq.Select;
import org.jooq.Table;

/**
 * A view that reads soft-deletable tables, as the policy knows it.
 *
 * @param view       the view, as registered (a generated class or {@code DSL.table(name(...))})
 * @param sql        its definition, as given or read from the catalog
 * @param definition the definition parsed by jOOQ's parser, or null when it could not be parsed
 * @param problem    why the definition could not be parsed or analysed, or null
 * @param reads      the soft-deletable tables its FROM clause reads (empty when unparsed)
 * @param filters    whether its WHERE clause already keeps live rows only, for every table in {@code reads}
 * @param base       the one soft-deletable table of a simple view (one table, no join, grouping or
 *                   DISTINCT), or null
 * @param key        the view's columns that are {@code base}'s primary key, by name, or null when the view
 *                   does not expose the whole key
 */
public record ViewDefinition(Table<?> view, String sql, Select<?> definition, String problem, List<PolicyTable> reads,
                             boolean filters, PolicyTable base, List<Field<?>> key) {

    /** The view's name in double quotes, the way messages name it. */
    public String quotedName() {
        return '"' + view.getName() + '"';
    }

    /** Whether reads of the view must be rewritten: its definition reads soft-deletable tables unfiltered. */
    public boolean needsInlining() {
        return definition != null && !filters;
    }

    @Override
    public String toString() {
        return quotedName() + (definition == null ? " (unparsed: " + problem + ")" : filters ? " (filters)" : " (inlined)");
    }
}
