package io.github.softdelete.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;

import io.github.softdelete.PurgeReport;
import io.github.softdelete.SoftDelete;
import io.github.softdelete.it.db.SoftDeletes;
import io.github.softdelete.it.harness.PostgresServers;
import io.github.softdelete.it.harness.TestDatabase;

/**
 * Issue 15's purge benchmark: {@code SoftDelete.purge} against the fastest unsafe way, one unbounded
 * {@code DELETE ... WHERE deleted_at < cutoff} per table, children first, in one transaction, on the
 * same {@link PurgeTree} seeded afresh for each. Not JMH: each measurement destroys its data, and a
 * million-row purge is one long operation, not a hot loop.
 *
 * <p>Run: {@code mvn -q -pl benchmarks -am package -DskipTests -Ppurge-benchmark}, or with
 * {@code -Dpurge.rows=100000} for a quicker run. {@code -Dpurge.explain=true} first prints the plans
 * of one batch's statements on 100,000 rows, with the live-only indexes the reference schema had
 * before V5 and then with the lint's indexes (V5: {@code (fk, deleted_at)} over all rows).
 *
 * <p>Figures: throughput (rows a second) of each and their ratio; the longest batch against the
 * unbounded delete's total; the heap after a full GC, sampled every 50 batches, at a tenth of the rows
 * and at all of them. A command-line entry point, not thread-safe.
 */
public final class PurgeBenchmark {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private PurgeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long rows = Long.getLong("purge.rows", 1_000_000);
        int batchSize = Integer.getInteger("purge.batchSize", 1000);
        int users = (int) Math.max(10, rows / 111);
        TestDatabase database = PostgresServers.shared().createMigratedDatabase("purge_benchmark");
        try (Connection connection = connect(database); Connection explainer = connect(database)) {
            System.out.println("load average before: " + Environment.loadAverage());
            if (Boolean.getBoolean("purge.explain")) {
                explain(connection, explainer, 900, false, batchSize);
                explain(connection, explainer, 900, true, batchSize);
            }
            Run small = purge(connection, Math.max(10, users / 10), batchSize);
            long baselineRows = PurgeTree.seed(connection, users, true);
            long baselineNanos = unboundedDelete(connection);
            System.out.println("baseline left: " + PurgeTree.counts(connection));
            Run full = purge(connection, users, batchSize);
            print(small, full, baselineRows, baselineNanos);
            System.out.println("load average after: " + Environment.loadAverage());
        } finally {
            database.close();
        }
    }

    private record Run(long rows, PurgeReport report, long heapBefore, long heapMax) {
    }

    private static Run purge(Connection connection, int users, int batchSize) throws SQLException {
        long rows = PurgeTree.seed(connection, users, true);
        DSLContext ctx = DSL.using(SoftDelete.install(new DefaultConfiguration().set(connection).set(SQLDialect.POSTGRES),
            SoftDeletes.POLICY));
        long heapBefore = heapAfterGc();
        long[] heapMax = { heapBefore };
        PurgeReport report = SoftDelete.purge(ctx).deletedBefore(PurgeTree.CUTOFF).batchSize(batchSize).progress(p -> {
            if (p.batch() % 50 == 0)
                heapMax[0] = Math.max(heapMax[0], heapAfterGc());
        }).run();
        System.out.println("purge of " + rows + " rows left: " + PurgeTree.counts(connection));
        if (report.purged() != rows)
            throw new IllegalStateException("the purge removed " + report.purged() + " rows, not " + rows + ": " + report);
        return new Run(rows, report, heapBefore, heapMax[0]);
    }

    private static long unboundedDelete(Connection connection) throws SQLException {
        long started = System.nanoTime();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String table : new String[] { "comments", "posts", "users" })
                statement.executeUpdate("DELETE FROM " + table + " WHERE deleted_at < timestamptz '" + PurgeTree.CUTOFF + "'");
            connection.commit();
        } finally {
            connection.setAutoCommit(true);
        }
        return System.nanoTime() - started;
    }

    private static void print(Run small, Run full, long baselineRows, long baselineNanos) {
        double purgeRate = full.rows() / (full.report().duration().toNanos() / 1e9);
        double baselineRate = baselineRows / (baselineNanos / 1e9);
        double longest = full.report().longestBatch().toNanos();
        System.out.printf(Locale.ROOT, "%nPurge benchmark, %,d soft-deleted rows (users, posts, comments), batches of %,d%n",
            full.rows(), full.report().batches() == 0 ? 0 : full.rows() / full.report().batches());
        System.out.printf(Locale.ROOT, "| figure | purge | unbounded DELETE | ratio | target |%n| --- | --- | --- | --- | --- |%n");
        System.out.printf(Locale.ROOT, "| throughput (rows/s) | %,.0f | %,.0f | %.2fx | >= 0.5x |%n", purgeRate, baselineRate, purgeRate / baselineRate);
        System.out.printf(Locale.ROOT, "| total time | %.1f s | %.1f s | | |%n", full.report().duration().toMillis() / 1000.0, baselineNanos / 1e9);
        System.out.printf(Locale.ROOT, "| longest batch vs unbounded total | %.1f ms | %.1f s | 1/%.0f | <= 1/50 |%n",
            longest / 1e6, baselineNanos / 1e9, baselineNanos / longest);
        System.out.printf(Locale.ROOT, "| batches | %,d | 1 transaction | | |%n", full.report().batches());
        System.out.printf(Locale.ROOT, "| heap after GC, growth during the purge | %,d rows: %.1f MB | %,d rows: %.1f MB | | flat |%n",
            small.rows(), (small.heapMax() - small.heapBefore()) / 1e6, full.rows(), (full.heapMax() - full.heapBefore()) / 1e6);
        System.out.printf(Locale.ROOT, "| heap after GC, peak | %,d rows: %.1f MB | %,d rows: %.1f MB | | |%n",
            small.rows(), small.heapMax() / 1e6, full.rows(), full.heapMax() / 1e6);
    }

    /** Prints the plan of the first batch's statements per table, run and rolled back on a second connection. */
    private static void explain(Connection connection, Connection explainer, int users, boolean lintIndexes, int batchSize)
            throws SQLException {
        PurgeTree.seed(connection, users, lintIndexes);
        System.out.println("\n=== Plans on " + users * 111 + " deleted rows (+10% live), "
            + (lintIndexes ? "with the lint's indexes (V5)" : "with the live-only partial indexes of V2 only") + " ===");
        Set<String> seen = new HashSet<>();
        ExecuteListener explain = new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                String sql = ctx.sql();
                if (sql == null || ctx.query() == null)
                    return;
                String kind = sql.startsWith("with \"softdelete_purged\"") ? "delete" : sql.contains(" fetch next ") ? "candidates" : null;
                String table = sql.replaceAll("(?s).*?(?:delete from|from) (?:\"public\"\\.)?\"(\\w+)\".*", "$1");
                if (kind != null && seen.add(kind + " " + table))
                    print(explainer, kind + " batch of " + table, DSL.using(SQLDialect.POSTGRES).renderInlined(ctx.query()));
            }
        };
        DSLContext ctx = DSL.using(SoftDelete.install(new DefaultConfiguration().set(connection).set(SQLDialect.POSTGRES)
            .set(new DefaultExecuteListenerProvider(explain)), SoftDeletes.POLICY));
        // Without indexes over all rows one batch of comments takes tens of seconds (each deleted row's
        // ON DELETE check scans the table): show that first batch, then stop.
        try {
            SoftDelete.purge(ctx).deletedBefore(PurgeTree.CUTOFF).batchSize(batchSize).progress(p -> {
                if (!lintIndexes)
                    throw new StopExplaining();
            }).run();
        } catch (StopExplaining e) {
            System.out.println("(stopped after the first batch)");
        }
    }

    private static final class StopExplaining extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private static void print(Connection explainer, String title, String sql) {
        try {
            explainer.setAutoCommit(false);
            StringBuilder plan = new StringBuilder();
            try (Statement statement = explainer.createStatement();
                 ResultSet rows = statement.executeQuery("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql)) {
                while (rows.next())
                    plan.append("  ").append(rows.getString(1)).append('\n');
            } finally {
                explainer.rollback();
                explainer.setAutoCommit(true);
            }
            System.out.println("--- " + title + "\n  " + sql + "\n" + plan);
        } catch (SQLException e) {
            System.out.println("--- " + title + ": EXPLAIN failed: " + e.getMessage());
        }
    }

    private static long heapAfterGc() {
        MEMORY.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    private static Connection connect(TestDatabase database) throws SQLException {
        Properties properties = new Properties();
        if (database.user() != null)
            properties.setProperty("user", database.user());
        if (database.password() != null)
            properties.setProperty("password", database.password());
        return DriverManager.getConnection(database.jdbcUrl(), properties);
    }
}
