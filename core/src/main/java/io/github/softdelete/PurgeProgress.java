package io.github.softdelete;

import java.time.Duration;
import java.util.Optional;

/**
 * Where the purge of one table stands after a batch.
 *
 * <p>Immutable and thread-safe.
 *
 * @param table          the table's name
 * @param batch          the number of batches run on this table so far, this one included
 * @param rowsDone       the rows purged from this table so far (in a dry run: the rows a run would purge)
 * @param estimatedTotal the table's rows deleted before the cutoff when the table was started; the
 *                       rows purged plus the rows kept end at this figure, give or take concurrent changes
 * @param rowsPerSecond  the rows purged per second on this table so far
 * @param elapsed        the time spent on this table so far
 * @param batchRows      the rows this batch purged
 * @param batchTime      the time this batch took, its transaction included
 */
public record PurgeProgress(String table, long batch, long rowsDone, long estimatedTotal, double rowsPerSecond,
                            Duration elapsed, long batchRows, Duration batchTime) {

    /**
     * The time left on this table at the current rate, or empty while the rate is unknown. Rows kept
     * count as work too, so this is an upper bound.
     *
     * @return the estimated time to finish the table
     */
    public Optional<Duration> eta() {
        if (rowsPerSecond <= 0)
            return Optional.empty();
        long left = Math.max(0, estimatedTotal - rowsDone);
        return Optional.of(Duration.ofMillis((long) (left / rowsPerSecond * 1000)));
    }

    /** {@return the share of the estimated total done, from 0 to 1} */
    public double fraction() {
        return estimatedTotal <= 0 ? 1 : Math.min(1, (double) rowsDone / estimatedTotal);
    }
}
