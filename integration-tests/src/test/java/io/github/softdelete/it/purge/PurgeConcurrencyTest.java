package io.github.softdelete.it.purge;

import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.purge.RetentionTree.CUTOFF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import io.github.softdelete.PurgeReport;
import io.github.softdelete.SoftDelete;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.harness.PostgresTest;

/**
 * A restore that runs while a purge runs always wins: the statement that starts each batch by locking its due rows
 * waits for the restore's row locks and then reads the restored rows as they are, no longer due; the DELETE checks
 * the marker again.
 */
@PostgresTest
class PurgeConcurrencyTest extends SeededDatabaseTest {

    @Override
    protected void seed(DSLContext plain) {
        RetentionTree.reset(plain);
    }

    @Test
    void purge_rowRestoredWhileItsBatchWaits_isNotPurged() throws Exception {
        ExecutorService purger = Executors.newSingleThreadExecutor();
        try {
            Future<PurgeReport> purge = ctx.transactionResult(restoring -> {
                // The restore of 102 also brings back its reply 103 (deleted with it, same stamp) and holds both
                // row locks, uncommitted, while the purge picks 103 as a candidate (its SELECT does not
                // wait) and then blocks on that row in the statement that locks the batch's rows.
                assertThat(SoftDelete.restore(restoring.dsl(), COMMENTS, COMMENTS.ID.eq(102L))).isEqualTo(1);
                Future<PurgeReport> running = purger.submit(() -> SoftDelete.purge(ctx).tables(COMMENTS).deletedBefore(CUTOFF).run());
                awaitBlockedDelete();
                return running;
            });
            PurgeReport report = purge.get(30, TimeUnit.SECONDS);
            assertThat(plain.fetchCount(COMMENTS, COMMENTS.ID.in(102L, 103L).and(COMMENTS.DELETED_AT.isNull()))).isEqualTo(2);
            assertThat(report.tables().get(0).kept()).contains(entry(PurgeReport.KeptReason.Unreferenced.NO_LONGER_DUE, 2L));
            // 200 is purged as usual; 100 and 107 have likes, which this purge leaves, and 104 a live reply.
            assertThat(plain.select(COMMENTS.ID).from(COMMENTS).orderBy(COMMENTS.ID).fetch(COMMENTS.ID))
                .containsExactly(100L, 101L, 102L, 103L, 104L, 105L, 107L, 400L);
        } finally {
            purger.shutdownNow();
        }
    }

    @Test
    void purge_rowRestoredBetweenBatches_isNotPurged() {
        PurgeReport report = SoftDelete.purge(ctx).tables(COMMENTS).deletedBefore(CUTOFF).batchSize(1).progress(p -> {
            if (p.batch() == 1)
                SoftDelete.restore(ctx, COMMENTS, COMMENTS.ID.eq(102L));
        }).run();
        assertThat(plain.fetchCount(COMMENTS, COMMENTS.ID.in(102L, 103L).and(COMMENTS.DELETED_AT.isNull()))).isEqualTo(2);
        assertThat(report.tables().get(0).purged()).isEqualTo(1);
    }

    // The first statement of the purge's batch, which locks the batch's due rows, waits for a lock. PostgreSQL shows
    // the statement; on MariaDB, InnoDB's status lists its transaction with LOCK WAIT, and no other transaction runs
    // here (TwoTransactions says why the status, not INNODB_TRX).
    private void awaitBlockedDelete() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (onMariaDb() ? plain.fetchOne("show engine innodb status").get("Status", String.class).contains("\nLOCK WAIT ")
                : plain.fetchExists(DSL.selectOne().from(DSL.table("pg_stat_activity"))
                    .where(DSL.field("wait_event_type").eq("Lock"))
                    .and(DSL.field("query", String.class).like("select 1 from \"comments\"%for update"))))
                return;
            Thread.sleep(20);
        }
        if (onMariaDb())
            throw new AssertionError("the purge never waited for the restored row: " + plain.fetchOne("show engine innodb status"));
        throw new AssertionError("the purge never waited for the restored row: "
            + plain.resultQuery("select wait_event_type, wait_event, state, query from pg_stat_activity").fetch());
    }
}
