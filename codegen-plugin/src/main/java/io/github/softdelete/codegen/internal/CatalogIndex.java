package io.github.softdelete.codegen.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An index as the database's catalog describes it, with the predicate that jOOQ 3.19's meta model
 * drops.
 *
 * @param table            the indexed table
 * @param name             the index's name
 * @param unique           whether it is unique
 * @param primary          whether it backs the primary key
 * @param valid            whether queries can use it ({@code false} after a failed concurrent build)
 * @param constraint       the unique or primary key constraint it backs, or null for a plain index
 * @param predicate        the WHERE of a partial index, as {@code pg_get_expr} prints it, or null
 * @param keyColumns       the key columns in order, with null for an expression
 * @param keyText          the key columns in order as SQL, expressions included
 * @param definition       {@code pg_get_indexdef}: the index's full CREATE statement
 * @param nullsNotDistinct whether the index treats NULLs as equal (PostgreSQL 15+)
 * @param referencedBy     the foreign keys that reference the unique key it backs
 */
public record CatalogIndex(TableName table, String name, boolean unique, boolean primary, boolean valid,
                           String constraint, String predicate, List<String> keyColumns, List<String> keyText,
                           String definition, boolean nullsNotDistinct, List<String> referencedBy) {

    public CatalogIndex {
        // Not List.copyOf: an expression's key column is null.
        keyColumns = Collections.unmodifiableList(new ArrayList<>(keyColumns));
        keyText = List.copyOf(keyText);
        referencedBy = List.copyOf(referencedBy);
    }

    /** The constraint's name if the index backs one, else the index's. */
    public String displayName() {
        return constraint != null ? constraint : name;
    }
}
