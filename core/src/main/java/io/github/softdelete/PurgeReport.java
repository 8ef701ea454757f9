package io.github.softdelete;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a {@link Purge} did, or in a dry run what it would do: per table, the rows purged, the rows kept
 * and why, and what the database did to rows of other tables.
 *
 * <p>Immutable and thread-safe.
 *
 * @param cutoff   rows deleted before this instant were candidates
 * @param dryRun   whether this is a dry run's forecast (nothing was written)
 * @param tables   one entry per table, in the order they were purged (children before parents)
 * @param batches  the number of batches (transactions) run; 0 for a dry run
 * @param duration the time the whole purge took
 */
public record PurgeReport(Instant cutoff, boolean dryRun, List<TableReport> tables, long batches, Duration duration) {

    /**
     * Why a row deleted before the cutoff was kept: a reference from a row that must stay, or no reference at all.
     * {@code toString()} words it for people.
     */
    public sealed interface KeptReason permits KeptReason.Referenced, KeptReason.Unreferenced {

        /**
         * A row that must stay (live, or deleted after the cutoff) references the kept row through this key.
         *
         * @param relation the foreign key
         */
        record Referenced(SoftDeletePolicy.Relation relation) implements KeptReason {

            /** {@return the key, as messages name it} */
            @Override
            public String toString() {
                return relation.toString();
            }
        }

        /** Reasons without a reference. */
        enum Unreferenced implements KeptReason {
            /** The row is no longer deleted before the cutoff: restored, or deleted again, during the purge. */
            NO_LONGER_DUE("no longer deleted before the cutoff (restored or deleted again during the purge)"),
            /** The row changed while its batch ran, so its reason is not known; a later run looks at it again. */
            CHANGED_DURING_BATCH("changed while its batch ran; a later run looks at it again");

            private final String text;

            Unreferenced(String text) {
                this.text = text;
            }

            @Override
            public String toString() {
                return text;
            }
        }
    }

    /**
     * Copies the table reports, so the report is immutable.
     *
     * @param cutoff   rows deleted before this instant were candidates
     * @param dryRun   whether this is a dry run's forecast
     * @param tables   one entry per table, in the order they were purged
     * @param batches  the number of batches run
     * @param duration the time the whole purge took
     */
    public PurgeReport {
        tables = List.copyOf(tables);
    }

    /** {@return the rows purged from every table} */
    public long purged() {
        return tables.stream().mapToLong(TableReport::purged).sum();
    }

    /** {@return the rows kept in every table} */
    public long kept() {
        return tables.stream().mapToLong(TableReport::keptTotal).sum();
    }

    /** {@return the longest batch of the purge, its transaction included: how long it held its locks at most} */
    public Duration longestBatch() {
        return tables.stream().map(TableReport::longestBatch).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /**
     * The figures of one table.
     *
     * @param table        the table's name
     * @param purged       the rows purged (in a dry run: that a run would purge)
     * @param kept         the rows deleted before the cutoff that stay, by reason: the foreign key through which a
     *                     row that must stay (live, or deleted after the cutoff) references them, or a reason
     *                     without a reference
     * @param cascaded     rows of tables without a marker that the database deleted through
     *                     {@code ON DELETE CASCADE}, by foreign key
     * @param setNull      rows whose reference the database set to NULL (or to its default) through
     *                     {@code ON DELETE SET NULL} or {@code SET DEFAULT}, by foreign key
     * @param batches      the batches run on this table
     * @param duration     the time spent on this table
     * @param longestBatch the longest of those batches
     */
    public record TableReport(String table, long purged, Map<KeptReason, Long> kept, Map<String, Long> cascaded,
                              Map<String, Long> setNull, long batches, Duration duration, Duration longestBatch) {

        /**
         * Copies the maps, so the report is immutable.
         *
         * @param table        the table's name
         * @param purged       the rows purged
         * @param kept         the rows that stay, by reason
         * @param cascaded     rows the database deleted through CASCADE keys of tables without a marker, by key
         * @param setNull      rows whose reference the database set to NULL, by key
         * @param batches      the batches run on this table
         * @param duration     the time spent on this table
         * @param longestBatch the longest of those batches
         */
        public TableReport {
            kept = Map.copyOf(kept);
            cascaded = Map.copyOf(cascaded);
            setNull = Map.copyOf(setNull);
        }

        /** {@return the rows kept, whatever the reason} */
        public long keptTotal() {
            return kept.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
