package io.github.softdelete.benchmarks;

/** How a read hides deleted rows in B2. Immutable; thread-safe. */
public enum Filtering {

    /** Plain jOOQ, with {@code deleted_at IS NULL} written into the query by hand. */
    HAND_WRITTEN,

    /** The query names no marker column; the soft-delete listener adds the predicates. */
    LISTENER
}
