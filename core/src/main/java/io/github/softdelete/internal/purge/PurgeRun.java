package io.github.softdelete.internal.purge;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import io.github.softdelete.PurgeReport;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.internal.jooq.Engine;

/**
 * Runs a purge: fixes the cutoff once, plans the tables, then purges (or forecasts) them one after the
 * other, children first.
 */
public final class PurgeRun {

    private PurgeRun() {
    }

    public static PurgeReport run(PurgeSettings settings) {
        long started = System.nanoTime();
        DSLContext plain = Unfiltered.of(settings.ctx());
        requireBatchesRun(plain, settings);
        OffsetDateTime cutoff = cutoff(plain, settings);
        PurgePlan plan = PurgePlan.of(plain, settings.registry(), settings.tables());
        List<PurgeReport.TableReport> tables = new ArrayList<>();
        long batches = 0;
        for (PurgeTarget target : plan.targets()) {
            PurgeReport.TableReport report = settings.dryRun()
                ? Forecast.of(plain, plan, target, cutoff, settings.listener())
                : new BatchedPurge(plain, plan, target, cutoff, settings.batchSize(), settings.listener()).run();
            batches += report.batches();
            tables.add(report);
            settings.listener().tableDone(report);
        }
        return new PurgeReport(cutoff.toInstant(), settings.dryRun(), tables, batches,
            Duration.ofNanos(System.nanoTime() - started));
    }

    // A batch is one DELETE inside WITH ... RETURNING, its counts read in the same statement (BatchedPurge): MariaDB
    // has no data-modifying CTE (docs/mariadb-facts.md), and the batch has no other form yet. A dry run only reads.
    private static void requireBatchesRun(DSLContext plain, PurgeSettings settings) {
        if (!settings.dryRun() && Engine.of(plain.configuration()) == Engine.MARIADB)
            throw new SoftDeleteException("cannot purge on MariaDB yet: a purge batch deletes its rows and counts what"
                + " the database's own ON DELETE actions reach in one statement, a DELETE inside WITH ... RETURNING,"
                + " which MariaDB does not have, and the batch is built for PostgreSQL only so far. Nothing was executed."
                + " A dry run (Purge.dryRun(true)) reads what a purge would remove and keep");
    }

    // An age counts back from the database's clock, which wrote the markers, not from this machine's.
    private static OffsetDateTime cutoff(DSLContext plain, PurgeSettings settings) {
        if (settings.deletedBefore() != null)
            return OffsetDateTime.ofInstant(settings.deletedBefore(), ZoneOffset.UTC);
        OffsetDateTime now = plain.select(DSL.currentOffsetDateTime()).fetchOne().value1();
        return now.minus(settings.olderThan());
    }
}
