package io.github.softdelete.it.fuzz;

import java.util.List;

import org.jooq.Select;

/**
 * A generated query and what its output columns hold, which is what a set operation, an IN
 * predicate, a derived table or a CTE built on it needs to know.
 */
record Typed(Select<?> select, List<Column> outputs) {

    List<Kind> kinds() {
        return outputs.stream().map(Column::kind).toList();
    }
}
