package io.github.softdelete.codegen.internal;

import java.util.List;

/**
 * A view, with the tables it reads (PostgreSQL: from {@code pg_depend} on its rewrite rule; MariaDB: the tables
 * its definition names, {@link BackquotedChains}) and its definition.
 *
 * @param view       the view
 * @param reads      the tables and views its definition reads
 * @param definition its SELECT, as the database prints it ({@code pg_get_viewdef}, MariaDB's {@code VIEWS.VIEW_DEFINITION})
 */
public record CatalogView(TableName view, List<TableName> reads, String definition) {

    public CatalogView {
        reads = List.copyOf(reads);
    }
}
