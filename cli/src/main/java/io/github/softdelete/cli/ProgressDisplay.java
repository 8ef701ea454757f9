package io.github.softdelete.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

import io.github.softdelete.PurgeListener;
import io.github.softdelete.PurgeProgress;
import io.github.softdelete.PurgeReport;

/**
 * Shows a purge's progress on stderr: on a terminal, one line redrawn in place with a bar, the rate
 * and the time left; otherwise (a log, a pipe) a plain line per batch, at most one a second.
 *
 * <p>With a rate limit it also paces the purge: it sleeps between batches, outside their
 * transactions, so the purge stays under the limit and holds no lock while it waits.
 *
 * <p>A dry run runs no batches: it shows one line per table, saying what a run would purge and keep.
 */
final class ProgressDisplay implements PurgeListener {

    private static final int BAR = 30;

    private final PrintWriter err;
    private final boolean terminal;
    private final boolean dryRun;
    private final long maxRowsPerSecond;
    private long lastLine;
    private long windowStart = System.nanoTime();
    private long windowRows;

    ProgressDisplay(PrintWriter err, boolean terminal, boolean dryRun, long maxRowsPerSecond) {
        this.err = err;
        this.terminal = terminal;
        this.dryRun = dryRun;
        this.maxRowsPerSecond = maxRowsPerSecond;
    }

    @Override
    public void batchDone(PurgeProgress progress) {
        // A dry run calls this once per table, after counting, as "batch 0", and tableDone follows at once:
        // a progress line would only repeat its counts as if they had been purged.
        if (dryRun)
            return;
        if (terminal)
            bar(progress);
        else if (System.nanoTime() - lastLine >= 1_000_000_000L || progress.batch() == 1) {
            lastLine = System.nanoTime();
            err.println(now() + " purge " + progress.table() + ": batch "
                + progress.batch() + ", " + progress.rowsDone() + " of about " + progress.estimatedTotal() + " rows, "
                + Math.round(progress.rowsPerSecond()) + " rows/s" + progress.eta().map(eta -> ", " + clock(eta) + " left").orElse(""));
            err.flush();
        }
        pace(progress.batchRows());
    }

    @Override
    public void tableDone(PurgeReport.TableReport table) {
        String line = dryRun
            ? "dry run of " + table.table() + ": would purge " + table.purged() + ", would keep " + table.keptTotal() + ", "
                + clock(table.duration())
            : "purge " + table.table() + ": " + table.purged() + " purged, " + table.keptTotal() + " kept, "
                + table.batches() + " batches, " + clock(table.duration());
        err.println(terminal ? "\r" + line + " ".repeat(20) : now() + " " + line);
        err.flush();
    }

    private void bar(PurgeProgress progress) {
        int filled = (int) Math.round(progress.fraction() * BAR);
        err.print("\r" + progress.table() + " [" + "#".repeat(filled) + ".".repeat(BAR - filled) + "] "
            + Math.round(progress.fraction() * 100) + "% " + progress.rowsDone() + "/" + progress.estimatedTotal()
            + " rows, " + Math.round(progress.rowsPerSecond()) + " rows/s, ETA "
            + progress.eta().map(ProgressDisplay::clock).orElse("?") + "   ");
        err.flush();
    }

    private void pace(long rows) {
        if (maxRowsPerSecond <= 0)
            return;
        windowRows += rows;
        long due = windowStart + windowRows * 1_000_000_000L / maxRowsPerSecond;
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // LocalTime.toString() leaves out the seconds when they are zero ("09:11"): one format, so that lines line up
    // and a parser of the output sees one shape.
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", java.util.Locale.ROOT);

    private static String now() {
        return LocalTime.now().format(TIME);
    }

    static String clock(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60)
            return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
        return String.format(java.util.Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
