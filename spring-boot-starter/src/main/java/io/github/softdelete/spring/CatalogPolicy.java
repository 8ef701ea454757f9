package io.github.softdelete.spring;

import org.jooq.DSLContext;

import io.github.softdelete.SoftDeletePolicy;

/**
 * The one place where {@code softdelete.schema} turns into a policy read from the database catalog:
 * core's {@link SoftDeletePolicy.Builder#database(DSLContext, String)}, the builder form of
 * {@link SoftDeletePolicy#fromDatabase(DSLContext, String)}, so that the starter's other settings
 * ({@code softdelete.plain-sql}) can be added before it is built.
 */
final class CatalogPolicy {

    private CatalogPolicy() {
    }

    /**
     * A builder holding {@code schema}'s soft-deletable tables (those with a marker by {@code markers}, else
     * by the conventions), the database's {@code ON DELETE} rules and the views over those tables, read once
     * through {@code plain} (a context with no soft-delete listener).
     *
     * @param markers {@code softdelete.markers}, or null
     * @throws IllegalArgumentException when {@code markers} is not in the syntax, or the schema has no tables
     */
    static SoftDeletePolicy.Builder builder(DSLContext plain, String schema, String markers) {
        SoftDeletePolicy.Builder builder = SoftDeletePolicy.builder();
        if (markers != null && !markers.isBlank())
            builder.markers(markers);
        return builder.database(plain, schema);
    }
}
