package io.github.softdelete.benchmarks;

import java.sql.Connection;
import java.util.Arrays;
import java.util.regex.Pattern;

import org.jooq.DSLContext;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import io.github.softdelete.it.db.Tables;
import io.github.softdelete.it.harness.PostgresServer;
import io.github.softdelete.it.harness.PostgresServers;
import io.github.softdelete.it.harness.TestDatabase;

/**
 * Issue 24: B2's reads measured in one process, hand-written and through the listener interleaved in short
 * batches on one connection, to set beside JMH's B2, which measures each variant in a fork of its own:
 * {@code mvn -q -pl benchmarks -am package -DskipTests -Pread-pairs}.
 *
 * <p>Prints the SQL both variants send for the PK lookup, then per read the medians of the batches and of the
 * per-round ratios (listener / hand-written, the order alternating from round to round) with their quartiles.
 * With {@code -Dpairs.jmhForks=N} (N &gt; 0) it first runs JMH's {@code ReadBenchmark.pkLookup} with N forks
 * on the same database and prints its paired figures, for the comparison ({@code -Dpairs.jmhInclude=REGEX} runs
 * other benchmarks instead, and prints each fork's score of those that are not B2's).
 *
 * <p>A command-line entry point: not meant to be called from other code, and not thread-safe.
 */
public final class ReadPairs {

    private ReadPairs() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("pairs.rounds", 40);
        long warmUpNanos = Long.getLong("pairs.warmUpSeconds", 15) * 1_000_000_000L;
        int forks = Integer.getInteger("pairs.jmhForks", 0);
        PostgresServer server = PostgresServers.shared();
        TestDatabase database = server.createMigratedDatabase("pairs_reads");
        try (Connection connection = database.dataSource().getConnection()) {
            Dataset.READS.seed(connection);
        }
        System.out.println("load average (1, 5, 15 min) at the start: " + Environment.loadAverage());
        if (forks > 0)
            jmh(database, forks);
        try (BenchmarkConnection connection = BenchmarkConnection.open(database, null)) {
            ReadQueries hand = new ReadQueries(connection, Filtering.HAND_WRITTEN);
            ReadQueries listener = new ReadQueries(connection, Filtering.LISTENER);
            long[] ids = hand.livePostIds().stream().mapToLong(Long::longValue).toArray();
            System.out.println("hand-written SQL: " + connection.plain().selectFrom(Tables.POSTS)
                .where(Tables.POSTS.ID.eq(1L)).and(Tables.POSTS.DELETED_AT.isNull()).getSQL());
            System.out.println("listener SQL:     " + connection.softDeleting().render(connection.softDeleting()
                .selectFrom(Tables.POSTS).where(Tables.POSTS.ID.eq(1L))));
            int[] next = { 0 };
            measure("PK lookup", 200, rounds, warmUpNanos, () -> hand.postById(ids[next[0]++ % ids.length]),
                () -> listener.postById(ids[next[0]++ % ids.length]));
            measure("page of 50 posts joined with their authors", 20, rounds, warmUpNanos, () -> hand.page(next[0]++ % 10),
                () -> listener.page(next[0]++ % 10));
            measure("count of live posts", 20, rounds, warmUpNanos, hand::count, listener::count);
            renderOnly(connection, ids, rounds, warmUpNanos);
        }
        System.out.println("load average (1, 5, 15 min) at the end: " + Environment.loadAverage());
        server.close();
    }

    private static void jmh(TestDatabase database, int forks) throws Exception {
        OptionsBuilder options = new OptionsBuilder();
        options.include(System.getProperty("pairs.jmhInclude", Pattern.quote(ReadBenchmark.class.getName()) + "\\.pkLookup")).forks(forks)
            .jvmArgsAppend(database.user() == null ? new String[] { "-D" + Dataset.READS.urlProperty() + "=" + database.jdbcUrl() }
                : new String[] { "-D" + Dataset.READS.urlProperty() + "=" + database.jdbcUrl(),
                    "-D" + Dataset.READS.userProperty() + "=" + database.user() })
            .output(System.getProperty("pairs.jmhLog", "target/jmh-read-pairs.log"));
        for (RunResult result : new Runner(options.build()).run()) {
            if (!result.getParams().getBenchmark().startsWith(ReadBenchmark.class.getName() + ".")) {
                StringBuilder line = new StringBuilder(String.format("JMH %s %s: %.1f ± %.1f µs; forks:", result.getParams().getBenchmark(),
                    result.getParams().getParamsKeys().stream().map(result.getParams()::getParam).toList(),
                    result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError()));
                result.getBenchmarkResults().forEach(fork -> line.append(String.format(" %.1f", fork.getPrimaryResult().getScore())));
                System.out.println(line);
                continue;
            }
            ReadBenchmark.Paired paired = ReadBenchmark.figures(result);
            System.out.printf("JMH pkLookup, one fork alternating by iteration: hand-written %.1f ± %.1f µs, listener %.1f ± %.1f µs,"
                + " paired ratio %.3f ± %.3f; %d fork(s)%n", paired.handWritten().mean(), paired.handWritten().error(),
                paired.listener().mean(), paired.listener().error(), paired.ratio().value(), paired.ratio().error(),
                result.getBenchmarkResults().size());
        }
        System.out.println("load average (1, 5, 15 min) after JMH: " + Environment.loadAverage());
    }

    /**
     * The PK lookup's query built and rendered only, no database: the part of the lookup's difference that
     * rendering accounts for. Both variants interleaved in batches of 2,000, as {@link #measure} does.
     */
    private static void renderOnly(BenchmarkConnection connection, long[] ids, int rounds, long warmUpNanos) {
        DSLContext plain = connection.plain();
        DSLContext softDeleting = connection.softDeleting();
        int[] next = { 0 };
        Runnable byHand = () -> plain.render(plain.selectFrom(Tables.POSTS)
            .where(Tables.POSTS.ID.eq(ids[next[0]++ % ids.length])).and(Tables.POSTS.DELETED_AT.isNull()));
        Runnable throughListener = () -> softDeleting.render(softDeleting.selectFrom(Tables.POSTS)
            .where(Tables.POSTS.ID.eq(ids[next[0]++ % ids.length])));
        measure("PK lookup, rendering only", 2_000, rounds, warmUpNanos, byHand, throughListener);
    }

    /** Warms both variants up together, then times {@code rounds} pairs of batches, alternating which goes first. */
    static void measure(String label, int batch, int rounds, long warmUpNanos, Runnable hand, Runnable listener) {
        long warmEnd = System.nanoTime() + warmUpNanos;
        while (System.nanoTime() < warmEnd) {
            batch(hand, batch);
            batch(listener, batch);
        }
        double[] handMicros = new double[rounds];
        double[] listenerMicros = new double[rounds];
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            if (r % 2 == 0) {
                handMicros[r] = batch(hand, batch);
                listenerMicros[r] = batch(listener, batch);
            } else {
                listenerMicros[r] = batch(listener, batch);
                handMicros[r] = batch(hand, batch);
            }
            ratios[r] = listenerMicros[r] / handMicros[r];
        }
        System.out.printf("%s: hand-written %.1f µs, listener %.1f µs (medians of %d batches of %d): listener / hand-written,"
            + " median of the rounds' ratios %.3f (quartiles %.3f to %.3f)%n", label, quantile(handMicros, 0.5),
            quantile(listenerMicros, 0.5), rounds, batch, quantile(ratios, 0.5), quantile(ratios, 0.25), quantile(ratios, 0.75));
    }

    private static double batch(Runnable read, int batch) {
        long start = System.nanoTime();
        for (int i = 0; i < batch; i++)
            read.run();
        return (System.nanoTime() - start) / 1_000.0 / batch;
    }

    static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
    }
}
