package io.github.softdelete.cli;

import java.io.PrintWriter;
import java.util.Map;

import io.github.softdelete.PurgeReport;

/** A purge report as text for stdout: one row per table, then why rows were kept and what else the database changed. */
final class ReportText {

    private ReportText() {
    }

    static void print(PurgeReport report, String schema, PrintWriter out) {
        out.println((report.dryRun() ? "Dry run, nothing written: a purge of " : "Purged ") + "schema " + schema
            + ", rows deleted before " + report.cutoff());
        out.printf("%-30s %12s %12s %9s %10s%n", "table", report.dryRun() ? "would purge" : "purged", "kept", "batches", "time");
        for (PurgeReport.TableReport table : report.tables())
            out.printf("%-30s %12d %12d %9d %10s%n", table.table(), table.purged(), table.keptTotal(), table.batches(),
                ProgressDisplay.clock(table.duration()));
        for (PurgeReport.TableReport table : report.tables()) {
            lines(out, table.table() + ": kept %d rows: %s", table.kept());
            lines(out, table.table() + ": %d rows of another table deleted through %s", table.cascaded());
            lines(out, table.table() + ": %d references set to NULL or their default through %s", table.setNull());
        }
        out.println("Total: " + report.purged() + " purged, " + report.kept() + " kept, " + report.batches()
            + " batches, longest batch " + ProgressDisplay.clock(report.longestBatch()) + ", in "
            + ProgressDisplay.clock(report.duration()));
        out.flush();
    }

    private static void lines(PrintWriter out, String format, Map<String, Long> counts) {
        counts.forEach((what, rows) -> out.println("  " + String.format(format, rows, what)));
    }
}
