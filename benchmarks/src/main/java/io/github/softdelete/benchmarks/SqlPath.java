package io.github.softdelete.benchmarks;

/**
 * How B5 sends SQL text to PostgreSQL. Immutable; thread-safe.
 */
public enum SqlPath {

    /** The physical connection, with {@code deleted_at IS NULL} written into the SQL by hand; the same SQL string every call. */
    PLAIN_REPEATED,

    /** {@code SoftDelete.dataSource(...)}: the SQL names no marker column; the same SQL string every call, so parsed once (cached). */
    PARSED_REPEATED,

    /** Like {@link #PLAIN_REPEATED}, with a different SQL string every call (a literal changes). */
    PLAIN_DISTINCT,

    /** Like {@link #PARSED_REPEATED}, with a different SQL string every call: parsed and rendered every call (uncached). */
    PARSED_DISTINCT;

    boolean parsed() {
        return this == PARSED_REPEATED || this == PARSED_DISTINCT;
    }

    boolean distinct() {
        return this == PLAIN_DISTINCT || this == PARSED_DISTINCT;
    }
}
