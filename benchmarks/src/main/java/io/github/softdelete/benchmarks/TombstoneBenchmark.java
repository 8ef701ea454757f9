package io.github.softdelete.benchmarks;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jooq.Record3;
import org.jooq.Result;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import io.github.softdelete.it.db.tables.records.PostsRecord;

/**
 * B4: live-row reads through the listener on posts with no deleted rows and with 90% deleted rows,
 * the same 10,000 live rows in each ({@link Dataset#TOMBSTONES_0}, {@link Dataset#TOMBSTONES_90}), under
 * the reference schema's indexes; and once more with the index B4 proposes
 * ({@link Dataset#TOMBSTONES_90_INDEXED}).
 *
 * <p>One instance and one connection per benchmark thread (JMH state).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = { "-Xms512m", "-Xmx512m", "-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true" })
// Warm-up: jOOQ and the JDBC driver compiled before measuring, even with other work on the two cores.
// Five measurements: JMH's 99.9% interval needs the degrees of freedom.
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 400, timeUnit = TimeUnit.MILLISECONDS)
public class TombstoneBenchmark {

    @Param({ "TOMBSTONES_0", "TOMBSTONES_90", "TOMBSTONES_90_INDEXED" })
    public Dataset dataset;

    private BenchmarkConnection connection;
    private ReadQueries queries;
    private long[] ids;
    private int next;

    @Setup
    public void setUp() throws SQLException {
        connection = BenchmarkConnection.open(dataset);
        queries = new ReadQueries(connection, Filtering.LISTENER);
        List<Long> live = queries.livePostIds();
        if (live.size() != Dataset.LIVE_POSTS)
            throw new IllegalStateException(dataset + " has " + live.size() + " live posts, not " + Dataset.LIVE_POSTS
                + "; reseed it");
        ids = live.stream().mapToLong(Long::longValue).toArray();
    }

    @TearDown
    public void tearDown() throws SQLException {
        connection.close();
    }

    /** The k-th live post by primary key; the same k-th post in every dataset. */
    @Benchmark
    public PostsRecord pkLookup() {
        return queries.postById(ids[next++ % ids.length]);
    }

    /** One of the first ten pages of the newest live posts, joined with their authors. */
    @Benchmark
    public Result<Record3<Long, String, String>> page() {
        return queries.page(next++ % 10);
    }

    /** {@code count(*)} of the live posts. */
    @Benchmark
    public int count() {
        return queries.count();
    }

    /** A user's 10 live posts, newest first. */
    @Benchmark
    public Result<PostsRecord> postsOfAuthor() {
        return queries.postsOf(next++ % 1000 + 1);
    }
}
