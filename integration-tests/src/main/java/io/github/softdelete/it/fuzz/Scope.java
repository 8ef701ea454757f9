package io.github.softdelete.it.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * The columns visible where a condition is generated: those of the query being built, and through
 * {@code outer} those of the queries around it, which a correlated subquery may reference.
 * Derived tables and CTE bodies start without an outer scope, because SQL gives them none.
 */
record Scope(List<Column> columns, Scope outer) {

    /** Every column of the enclosing queries. */
    List<Column> outerColumns() {
        List<Column> all = new ArrayList<>();
        for (Scope s = outer; s != null; s = s.outer)
            all.addAll(s.columns);
        return all;
    }
}
