package io.github.softdelete.internal.purge;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import io.github.softdelete.PurgeReport;
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
        OffsetDateTime cutoff = cutoff(plain, settings);
        PurgePlan plan = PurgePlan.of(plain, settings.registry(), settings.tables());
        List<PurgeReport.TableReport> tables = new ArrayList<>();
        long batches = 0;
        for (PurgeTarget target : plan.targets()) {
            PurgeReport.TableReport report = settings.dryRun()
                ? Forecast.of(plain, plan, target, cutoff, settings.listener())
                : new BatchedPurge(plain, settings.registry(), plan, target, cutoff, settings.batchSize(), settings.listener()).run();
            batches += report.batches();
            tables.add(report);
            settings.listener().tableDone(report);
        }
        return new PurgeReport(cutoff.toInstant(), settings.dryRun(), tables, batches,
            Duration.ofNanos(System.nanoTime() - started));
    }

    // An age counts back from the database's clock, which wrote the markers, not from this machine's.
    private static OffsetDateTime cutoff(DSLContext plain, PurgeSettings settings) {
        if (settings.deletedBefore() != null)
            return OffsetDateTime.ofInstant(settings.deletedBefore(), ZoneOffset.UTC);
        return databaseNow(plain).minus(settings.olderThan());
    }

    // MariaDB has no type with a time zone (jOOQ's currentOffsetDateTime() renders a CAST it refuses), and NOW(6) is
    // local to the session's zone; UTC_TIMESTAMP(6) is the same clock in UTC, whatever the session's zone is.
    private static OffsetDateTime databaseNow(DSLContext plain) {
        if (Engine.of(plain.configuration()) != Engine.MARIADB)
            return plain.select(DSL.currentOffsetDateTime()).fetchOne().value1();
        LocalDateTime utc = plain.select(DSL.field("utc_timestamp(6)", SQLDataType.LOCALDATETIME)).fetchOne().value1();
        return utc.atOffset(ZoneOffset.UTC);
    }
}
