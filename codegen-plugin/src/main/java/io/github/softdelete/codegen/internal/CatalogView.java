package io.github.softdelete.codegen.internal;

import java.util.List;

/**
 * A view, with the tables it reads (from {@code pg_depend} on its rewrite rule) and its definition
 * ({@code pg_get_viewdef}).
 *
 * @param view       the view
 * @param reads      the tables and views its definition reads
 * @param definition its SELECT, as PostgreSQL prints it
 */
public record CatalogView(TableName view, List<TableName> reads, String definition) {

    public CatalogView {
        reads = List.copyOf(reads);
    }
}
