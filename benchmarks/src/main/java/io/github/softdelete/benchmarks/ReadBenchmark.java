package io.github.softdelete.benchmarks;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jooq.Record3;
import org.jooq.Result;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.ListStatistics;

import io.github.softdelete.benchmarks.Figures.Ratio;
import io.github.softdelete.benchmarks.Figures.Score;
import io.github.softdelete.it.db.tables.records.PostsRecord;

/**
 * B2: reads end to end on PostgreSQL over loopback, through the listener and with
 * {@code deleted_at IS NULL} written by hand, on {@link Dataset#READS}: rendering, the JDBC round trip,
 * the server's work and fetching the rows into records.
 *
 * <p>Issue 24: both variants run in the same fork, on the same connection, alternating from one iteration to
 * the next (warm-up included: {@link #variant(int)}). JMH's primary score mixes them and means nothing;
 * {@link #figures(RunResult)} splits the iterations into the two variants' scores and the ratio of each
 * measured pair of neighbouring iterations. Until then each variant had a fork of its own, and the ratio
 * compared two JVMs measured a minute apart: on this machine their levels differ by more than the
 * listener's cost (see docs/benchmark-notes.md).
 *
 * <p>One instance and one connection per benchmark thread (JMH state).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = { "-Xms512m", "-Xmx512m", "-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true" })
// Warm-up: a fork reaches its steady state after 8 to 12 s on two shared cores (issue 24: 6 s left the first
// measured iterations at 2 to 10 times it).
@Warmup(iterations = 16, time = 1)
// 40 half-second iterations: 20 for each variant, 20 neighbouring pairs for the ratio.
@Measurement(iterations = 40, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class ReadBenchmark {

    private BenchmarkConnection connection;
    private ReadQueries handWritten;
    private ReadQueries listener;
    private ReadQueries queries;
    private int iteration;
    private long[] ids;
    private int next;

    @Setup
    public void setUp() throws SQLException {
        connection = BenchmarkConnection.open(Dataset.READS);
        handWritten = new ReadQueries(connection, Filtering.HAND_WRITTEN);
        listener = new ReadQueries(connection, Filtering.LISTENER);
        ids = handWritten.livePostIds().stream().mapToLong(Long::longValue).toArray();
    }

    /** Before every iteration, warm-up and measured alike: the variant that {@link #variant(int)} gives it. */
    @Setup(Level.Iteration)
    public void nextVariant() {
        queries = variant(iteration++) == Filtering.HAND_WRITTEN ? handWritten : listener;
    }

    @TearDown
    public void tearDown() throws SQLException {
        connection.close();
    }

    /** A live post by primary key; the key changes on every call. */
    @Benchmark
    public PostsRecord pkLookup() {
        return queries.postById(ids[next++ % ids.length]);
    }

    /** One of the first ten pages of 50 posts joined with their authors. */
    @Benchmark
    public Result<Record3<Long, String, String>> page() {
        return queries.page(next++ % 10);
    }

    /** {@code count(*)} of the live posts. */
    @Benchmark
    public int count() {
        return queries.count();
    }

    /** The variant of a fork's iteration {@code index}, counted from 0 over warm-up and measurement. */
    static Filtering variant(int index) {
        return index % 2 == 0 ? Filtering.HAND_WRITTEN : Filtering.LISTENER;
    }

    /** What one benchmark method measured: each variant's score, and the paired ratio listener / hand-written. */
    record Paired(Score handWritten, Score listener, Ratio ratio) {
    }

    /**
     * Splits a run's measured iterations by variant. Each score is the mean of its variant's iterations over all
     * forks, with the half-width of its 99.9% confidence interval; the ratio is the geometric mean of listener /
     * hand-written over neighbouring pairs of measured iterations (so that a pair caught in a slow second weighs as
     * much either way round), its half-width that of the logarithms' mean times the ratio.
     */
    static Paired figures(RunResult result) {
        int warmUps = result.getParams().getWarmup().getCount();
        String unit = result.getPrimaryResult().getScoreUnit();
        ListStatistics hand = new ListStatistics();
        ListStatistics through = new ListStatistics();
        ListStatistics logRatios = new ListStatistics();
        for (BenchmarkResult fork : result.getBenchmarkResults()) {
            List<Double> scores = new ArrayList<>();
            for (IterationResult iteration : fork.getIterationResults())
                scores.add(iteration.getPrimaryResult().getScore());
            for (int k = 0; k < scores.size(); k++)
                (variant(warmUps + k) == Filtering.HAND_WRITTEN ? hand : through).addValue(scores.get(k));
            for (int k = 0; k + 1 < scores.size(); k += 2) {
                boolean handFirst = variant(warmUps + k) == Filtering.HAND_WRITTEN;
                logRatios.addValue(Math.log(handFirst ? scores.get(k + 1) / scores.get(k) : scores.get(k) / scores.get(k + 1)));
            }
        }
        double ratio = Math.exp(logRatios.getMean());
        return new Paired(score(hand, unit), score(through, unit),
            new Ratio(ratio, logRatios.getN() > 2 ? ratio * logRatios.getMeanErrorAt(0.999) : Double.NaN));
    }

    private static Score score(ListStatistics statistics, String unit) {
        return new Score(statistics.getMean(), statistics.getN() > 2 ? statistics.getMeanErrorAt(0.999) : Double.NaN, unit);
    }
}
