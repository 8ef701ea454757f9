package io.github.softdelete.internal.purge;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.softdelete.PurgeProgress;
import io.github.softdelete.PurgeReport;

/** The running figures of one table while it is purged. Not thread-safe: one purge, one thread. */
final class TableTally {

    private final String table;
    private final long estimatedTotal;
    private final long started = System.nanoTime();
    private final Map<PurgeReport.KeptReason, Long> kept = new LinkedHashMap<>();
    private final Map<String, Long> cascaded = new LinkedHashMap<>();
    private final Map<String, Long> setNull = new LinkedHashMap<>();
    private long purged;
    private long batches;
    private long longestBatchNanos;

    TableTally(String table, long estimatedTotal) {
        this.table = table;
        this.estimatedTotal = estimatedTotal;
    }

    void purged(long rows) {
        purged += rows;
    }

    long purged() {
        return purged;
    }

    void kept(PurgeReport.KeptReason reason, long rows) {
        if (rows > 0)
            kept.merge(reason, rows, Long::sum);
    }

    /**
     * Forgets the rows kept so far, but those no longer due: a table that references itself is passed again, and
     * the last pass says why the others stay (by a reference, or changed during that pass's batch). Rows no longer
     * due are not seen again, so they stay counted.
     */
    void forgetKeptByReferences() {
        kept.keySet().removeIf(reason -> reason != PurgeReport.KeptReason.Unreferenced.NO_LONGER_DUE);
    }

    void cascaded(String relation, long rows) {
        if (rows > 0)
            cascaded.merge(relation, rows, Long::sum);
    }

    void setNull(String relation, long rows) {
        if (rows > 0)
            setNull.merge(relation, rows, Long::sum);
    }

    /** Records a finished batch and returns the event for the listener. */
    PurgeProgress batch(long rows, long nanos) {
        batches++;
        longestBatchNanos = Math.max(longestBatchNanos, nanos);
        return progress(rows, nanos);
    }

    PurgeProgress progress(long rows, long nanos) {
        long elapsed = System.nanoTime() - started;
        double rate = elapsed <= 0 ? 0 : purged * 1e9 / elapsed;
        return new PurgeProgress(table, batches, purged, estimatedTotal, rate, Duration.ofNanos(elapsed), rows,
            Duration.ofNanos(nanos));
    }

    long batches() {
        return batches;
    }

    PurgeReport.TableReport report() {
        return new PurgeReport.TableReport(table, purged, kept, cascaded, setNull, batches,
            Duration.ofNanos(System.nanoTime() - started), Duration.ofNanos(longestBatchNanos));
    }
}
