package io.github.softdelete.internal.policy;

/** Which rows of soft-deletable tables a read sees. */
public enum ReadMode {

    /** Live rows only: the default. Injects {@code marker IS NULL}. */
    LIVE,

    /** Live and deleted rows: {@code SoftDelete.includeDeleted}. Injects nothing. */
    ALL,

    /** Deleted rows only: {@code SoftDelete.onlyDeleted}. Injects {@code marker IS NOT NULL}. */
    DELETED
}
