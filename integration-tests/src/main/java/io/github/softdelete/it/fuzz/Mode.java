package io.github.softdelete.it.fuzz;

/** Which rows a generated read asks for, and so which database answers it as the oracle. Thread-safe. */
public enum Mode {

    /** The default: live rows only. Oracle: the database holding only the live rows. */
    LIVE,

    /** {@code SoftDelete.includeDeleted(ctx)}. Oracle: the query without the listener on the full data. */
    INCLUDE_DELETED,

    /**
     * {@code SoftDelete.onlyDeleted(ctx)}: deleted rows of soft-deletable tables, all rows of the others.
     * Oracle: the database holding exactly those rows.
     */
    ONLY_DELETED
}
