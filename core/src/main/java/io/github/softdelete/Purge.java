package io.github.softdelete;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jooq.DSLContext;
import org.jooq.Table;

import io.github.softdelete.internal.policy.PolicyTable;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.purge.PurgeRun;
import io.github.softdelete.internal.purge.PurgeSettings;

/**
 * Removes rows that were soft-deleted long ago, for good: children before parents, in short batches,
 * each its own transaction. Start one with {@link SoftDelete#purge(DSLContext)}:
 * <pre>{@code
 * PurgeReport report = SoftDelete.purge(ctx)
 *     .olderThan(Duration.ofDays(90))
 *     .batchSize(1000)
 *     .progress(p -> log.info("{}: {} of {}", p.table(), p.rowsDone(), p.estimatedTotal()))
 *     .run();
 * }</pre>
 *
 * <p>A row is purged only when it was deleted before the cutoff, and when no row that stays (a live
 * row, a row deleted after the cutoff, or a row of a table this purge leaves alone) references it
 * through an {@code ON DELETE CASCADE}, {@code RESTRICT} or {@code NO ACTION} key. Each batch's
 * {@code DELETE} checks all of that itself, so a row restored while the purge runs is never purged.
 * See {@code docs/purge.md} for the whole contract.
 *
 * <p>Not thread-safe: configure and run it on one thread. It may be run again; a second run picks up
 * what the first left.
 */
public final class Purge {

    /** The batch size unless {@link #batchSize(int)} says otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 1000;

    /** The largest batch size: larger batches would hold their locks too long to call the batches short. */
    public static final int MAX_BATCH_SIZE = 100_000;

    private final DSLContext ctx;
    private final TableRegistry registry;
    private final List<PolicyTable> tables = new ArrayList<>();
    private Instant deletedBefore;
    private Duration olderThan;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private PurgeListener listener = PurgeListener.NONE;
    private boolean dryRun;

    Purge(DSLContext ctx, TableRegistry registry) {
        this.ctx = ctx;
        this.registry = registry;
    }

    /**
     * Limits the purge to these tables; by default it covers every table of the policy whose marker
     * records when a row was deleted (a timestamp, or a flag with a timestamp; a flag alone does not,
     * and such a table is left out). Rows of the policy's other tables all count as rows that stay.
     *
     * @param tables soft-deletable tables of the policy
     * @return this purge
     * @throws IllegalArgumentException when a table is not soft-deletable, or is given twice
     */
    public Purge tables(Table<?>... tables) {
        for (Table<?> table : tables) {
            PolicyTable entry = registry.lookup(Objects.requireNonNull(table, "table"));
            if (entry == null)
                throw new IllegalArgumentException("table \"" + table.getName() + "\" is not soft-deletable in this"
                    + " context's policy, so it has no deleted rows to purge; pass tables of the policy: "
                    + registry.tables());
            if (this.tables.contains(entry))
                throw new IllegalArgumentException("table " + entry.quotedName() + " was already given; give each table once");
            this.tables.add(entry);
        }
        return this;
    }

    /**
     * Purges rows deleted before {@code cutoff}.
     *
     * @param cutoff the instant; rows deleted at or after it stay
     * @return this purge
     * @throws IllegalStateException when a cutoff was already set
     */
    public Purge deletedBefore(Instant cutoff) {
        requireNoCutoff();
        this.deletedBefore = Objects.requireNonNull(cutoff, "cutoff");
        return this;
    }

    /**
     * Purges rows deleted more than {@code age} ago, by the database's clock when {@link #run()} starts.
     *
     * @param age a positive duration, e.g. {@code Duration.ofDays(90)}
     * @return this purge
     * @throws IllegalArgumentException when {@code age} is zero or negative
     * @throws IllegalStateException    when a cutoff was already set
     */
    public Purge olderThan(Duration age) {
        requireNoCutoff();
        Objects.requireNonNull(age, "age");
        if (age.isNegative() || age.isZero())
            throw new IllegalArgumentException("the age was " + age + "; give a positive duration, e.g. Duration.ofDays(90)");
        this.olderThan = age;
        return this;
    }

    /**
     * How many candidate rows each batch (one transaction) takes at most.
     *
     * @param rows from 1 to {@value #MAX_BATCH_SIZE} (default {@value #DEFAULT_BATCH_SIZE})
     * @return this purge
     * @throws IllegalArgumentException when {@code rows} is out of range
     */
    public Purge batchSize(int rows) {
        if (rows < 1 || rows > MAX_BATCH_SIZE)
            throw new IllegalArgumentException("the batch size was " + rows + "; set a number from 1 to "
                + MAX_BATCH_SIZE + " (default " + DEFAULT_BATCH_SIZE + ")");
        this.batchSize = rows;
        return this;
    }

    /**
     * Who hears of each batch.
     *
     * @param listener the listener
     * @return this purge
     */
    public Purge progress(PurgeListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * A dry run reports what a run would purge and keep, and writes nothing: it only reads.
     *
     * @param dryRun whether to write nothing
     * @return this purge
     */
    public Purge dryRun(boolean dryRun) {
        this.dryRun = dryRun;
        return this;
    }

    /**
     * Runs the purge.
     *
     * @return what was purged and kept
     * @throws IllegalStateException    when no cutoff was set
     * @throws IllegalArgumentException when a table cannot be purged: its marker holds no time of
     *                                  deletion, it has no primary key, or its keys form a cycle
     *                                  through several tables
     * @throws SoftDeleteException      when a batch fails; that batch is rolled back, the batches before it
     *                                  stay purged, and running again continues from there
     */
    public PurgeReport run() {
        if (deletedBefore == null && olderThan == null)
            throw new IllegalStateException("the purge has no cutoff; call deletedBefore(instant) or olderThan(duration)");
        List<PolicyTable> selected = tables.isEmpty() ? datedTables() : List.copyOf(tables);
        return PurgeRun.run(new PurgeSettings(ctx, registry, selected, deletedBefore, olderThan, batchSize, listener, dryRun));
    }

    // A flag alone records that a row was deleted, not when: such a table has no row a cutoff can
    // select, so "every table" means every table whose marker has a timestamp. Its rows then count as
    // rows that stay, which keeps the parents they reference. Naming it in tables(...) is refused.
    private List<PolicyTable> datedTables() {
        List<PolicyTable> dated = new ArrayList<>();
        for (PolicyTable table : registry.tables())
            if (table.stamp() != null)
                dated.add(table);
        return dated;
    }

    private void requireNoCutoff() {
        if (deletedBefore != null)
            throw new IllegalStateException("the cutoff was already set to before " + deletedBefore + "; set it once");
        if (olderThan != null)
            throw new IllegalStateException("the cutoff was already set to older than " + olderThan + "; set it once");
    }
}
