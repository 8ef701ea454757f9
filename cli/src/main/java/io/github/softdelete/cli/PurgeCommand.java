package io.github.softdelete.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.impl.DSL;

import io.github.softdelete.Purge;
import io.github.softdelete.PurgeReport;
import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeletePolicy;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code softdelete purge}: removes rows soft-deleted before a cutoff, children first, in short batches. */
@Command(name = "purge", mixinStandardHelpOptions = true,
    description = { "Removes rows soft-deleted before a cutoff for good: children before parents, in batches of one"
        + " short transaction each. A row stays while a live row, or one deleted after the cutoff, references it"
        + " through an ON DELETE CASCADE, RESTRICT or NO ACTION key. Running it again continues where a stopped"
        + " run left off.",
        "Progress goes to stderr (a bar on a terminal, log lines otherwise); the report to stdout.",
        "On MariaDB only a dry run works so far: the library refuses a purge that would write (exit code 1)." })
final class PurgeCommand extends PolicyCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Cutoff cutoff;

    static final class Cutoff {
        @Option(names = "--older-than", paramLabel = "AGE", converter = AgeConverter.class,
            description = "Purge rows deleted longer ago than this, by the database's clock: 90d, 12h, 2w, 30m, 45s or P90D")
        Duration olderThan;

        @Option(names = "--deleted-before", paramLabel = "INSTANT", converter = InstantConverter.class,
            description = "Purge rows deleted before this instant: 2026-01-01 (midnight UTC) or 2026-01-01T12:00:00Z")
        Instant deletedBefore;
    }

    @Option(names = "--batch-size", paramLabel = "ROWS", defaultValue = "1000",
        description = "Candidate rows per batch (transaction), 1 to " + Purge.MAX_BATCH_SIZE + " (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--table", paramLabel = "TABLE",
        description = "Purge only this table (repeat for several); rows of the other tables then all stay (default: every soft-deletable table)")
    List<String> tables = new ArrayList<>();

    @Option(names = "--dry-run", description = "Report what a run would purge and keep, and write nothing")
    boolean dryRun;

    @Option(names = "--max-rows-per-second", paramLabel = "ROWS", defaultValue = "0",
        description = "Pause between batches to purge at most this many rows a second, to spare a busy database (default: no limit)")
    long maxRowsPerSecond;

    @Override
    void checkOptions() {
        if (batchSize < 1 || batchSize > Purge.MAX_BATCH_SIZE)
            throw new UsageException("--batch-size was " + batchSize + "; give a number from 1 to " + Purge.MAX_BATCH_SIZE);
        if (maxRowsPerSecond < 0)
            throw new UsageException("--max-rows-per-second was " + maxRowsPerSecond + "; give 0 (no limit) or more");
    }

    @Override
    int run(DSLContext plain, SoftDeletePolicy policy) {
        DSLContext ctx = DSL.using(SoftDelete.install(plain.configuration().derive(), policy));
        Purge purge = SoftDelete.purge(ctx).batchSize(batchSize).dryRun(dryRun)
            .progress(new ProgressDisplay(spec.commandLine().getErr(), System.console() != null, dryRun, maxRowsPerSecond));
        purge = cutoff.olderThan != null ? purge.olderThan(cutoff.olderThan) : purge.deletedBefore(cutoff.deletedBefore);
        if (!tables.isEmpty())
            purge.tables(selected(policy));
        else
            requireDatedTable(policy);
        PurgeReport report = purge.run();
        ReportText.print(report, schema, spec.commandLine().getOut());
        return ExitCodes.SUCCESS;
    }

    private Table<?>[] selected(SoftDeletePolicy policy) {
        List<Table<?>> selected = new ArrayList<>();
        for (String name : tables) {
            Table<?> found = null;
            for (Table<?> table : policy.tables())
                if (table.getName().equals(name))
                    found = table;
            if (found == null)
                throw new UsageException("--table " + name + " is not a soft-deletable table of the policy; its tables: "
                    + String.join(", ", policy.tables().stream().map(Table::getName).toList()));
            if (undated(policy, found))
                throw new UsageException("--table " + name + " has a flag alone as its marker ("
                    + policy.marker(found).orElseThrow().stateColumn().getName() + "), which records that a row was deleted but not when,"
                    + " and a purge goes by the time of deletion; name its timestamp column with --timestamp-column");
            selected.add(found);
        }
        return selected.toArray(Table<?>[]::new);
    }

    // The library leaves tables whose marker is a flag alone out of a purge of every table; when that
    // leaves nothing, the run could only report zeros, so say why instead.
    private static void requireDatedTable(SoftDeletePolicy policy) {
        if (policy.tables().stream().allMatch(table -> undated(policy, table)))
            throw new UsageException("no soft-deletable table records when a row was deleted: every marker is a flag alone"
                + " (" + policy.marker(policy.tables().get(0)).orElseThrow().stateColumn().getName() + "), and a purge goes by the"
                + " time of deletion; name the timestamp column that a delete fills with --timestamp-column");
    }

    private static boolean undated(SoftDeletePolicy policy, Table<?> table) {
        return policy.marker(table).orElseThrow().timestampColumn().isEmpty();
    }
}
