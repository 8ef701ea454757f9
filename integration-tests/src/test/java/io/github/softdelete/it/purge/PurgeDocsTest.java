package io.github.softdelete.it.purge;

import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.LIKES;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

import io.github.softdelete.PurgeReport;
import io.github.softdelete.SoftDelete;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.harness.PostgresTest;

/** The examples of docs/purge.md, run as written. */
@PostgresTest
class PurgeDocsTest extends SeededDatabaseTest {

    @Override
    protected void seed(DSLContext plain) {
        RetentionTree.reset(plain);
    }


    @Test
    void docsExamples_runAsWritten() {
        // snippet:begin purge-dry-run
        PurgeReport forecast = SoftDelete.purge(ctx)
            .tables(COMMENTS, LIKES)
            .deletedBefore(Instant.parse("2026-01-01T00:00:00Z"))
            .dryRun(true)
            .run();
        for (PurgeReport.TableReport table : forecast.tables())
            System.out.println(table.table() + ": would purge " + table.purged() + ", keep " + table.kept());
        // snippet:end purge-dry-run
        assertThat(forecast.purged()).isEqualTo(5);

        // snippet:begin purge-run
        PurgeReport report = SoftDelete.purge(ctx)
            .olderThan(Duration.ofDays(90))
            .batchSize(1000)
            .progress(p -> System.out.printf("%s: %d of about %d rows, %.0f rows/s%n",
                p.table(), p.rowsDone(), p.estimatedTotal(), p.rowsPerSecond()))
            .run();
        System.out.println(report.purged() + " rows purged in " + report.batches() + " batches");
        // snippet:end purge-run
        assertThat(report.purged()).isGreaterThanOrEqualTo(8);
    }
}
