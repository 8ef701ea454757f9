package io.github.softdelete.cli;

import java.io.PrintWriter;
import java.util.Map;

import io.github.softdelete.PurgeReport;

/**
 * A purge report as text for stdout: one row per table, then why rows were kept and what else the database changed.
 * A dry run's report says "would" on every line that counts rows, since none of them were purged, kept or changed.
 */
final class ReportText {

    private ReportText() {
    }

    static void print(PurgeReport report, String schema, PrintWriter out) {
        boolean dry = report.dryRun();
        out.println((dry ? "Dry run, nothing written: a purge of " : "Purged ") + "schema " + schema
            + ", rows deleted before " + report.cutoff());
        // A dry run keeps the table's columns, batches included (0), so that one parser reads both reports.
        out.printf("%-30s %12s %12s %9s %10s%n", "table", dry ? "would purge" : "purged", dry ? "would keep" : "kept",
            "batches", "time");
        for (PurgeReport.TableReport table : report.tables())
            out.printf("%-30s %12d %12d %9d %10s%n", table.table(), table.purged(), table.keptTotal(), table.batches(),
                ProgressDisplay.clock(table.duration()));
        for (PurgeReport.TableReport table : report.tables()) {
            lines(out, table.table() + (dry ? ": would keep %d rows: %s" : ": kept %d rows: %s"), table.kept());
            lines(out, table.table() + (dry ? ": %d rows of another table would be deleted through %s"
                : ": %d rows of another table deleted through %s"), table.cascaded());
            lines(out, table.table() + (dry ? ": %d references would be set to NULL or their default through %s"
                : ": %d references set to NULL or their default through %s"), table.setNull());
        }
        if (dry)
            out.println("Total: would purge " + report.purged() + ", would keep " + report.kept() + ", in "
                + ProgressDisplay.clock(report.duration()));
        else
            out.println("Total: " + report.purged() + " purged, " + report.kept() + " kept, " + report.batches()
                + " batches, longest batch " + ProgressDisplay.clock(report.longestBatch()) + ", in "
                + ProgressDisplay.clock(report.duration()));
        out.flush();
    }

    private static void lines(PrintWriter out, String format, Map<?, Long> counts) {
        counts.forEach((what, rows) -> out.println("  " + String.format(format, rows, what)));
    }
}
