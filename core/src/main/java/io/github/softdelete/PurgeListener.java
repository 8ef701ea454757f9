package io.github.softdelete;

/**
 * Hears how a {@link Purge} advances: once after every batch, and once when a table is done.
 *
 * <p>The purge calls it on the thread that runs {@link Purge#run()}, between batches, never inside a
 * batch's transaction, so a slow listener slows the purge but never holds a lock. An exception thrown
 * by the listener stops the purge; the batches already committed stay purged.
 *
 * <p>Implementations need not be thread-safe: one purge calls them from one thread.
 */
@FunctionalInterface
public interface PurgeListener {

    /** A listener that ignores every event. */
    PurgeListener NONE = progress -> { };

    /**
     * Called after each committed batch (and, in a dry run, once per table).
     *
     * @param progress where the purge of the current table stands
     */
    void batchDone(PurgeProgress progress);

    /**
     * Called when a table is done, with its final figures.
     *
     * @param table what was purged from the table, and what was kept and why
     */
    default void tableDone(PurgeReport.TableReport table) {
    }
}
