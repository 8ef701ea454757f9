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
 * B2: reads end to end on PostgreSQL over loopback, through the listener and with
 * {@code deleted_at IS NULL} written by hand, on {@link Dataset#READS}: rendering, the JDBC round trip,
 * the server's work and fetching the rows into records.
 *
 * <p>One instance and one connection per benchmark thread (JMH state).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = { "-Xms512m", "-Xmx512m", "-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true" })
// Warm-up: jOOQ and the JDBC driver compiled before measuring, even with other work on the two cores.
// Five measurements: JMH's 99.9% interval needs the degrees of freedom.
@Warmup(iterations = 6, time = 1)
// Issue 16: 20 one-second iterations, so that every ± stays under 10% of its figure on a quiet machine.
@Measurement(iterations = 20, time = 1)
public class ReadBenchmark {

    @Param
    public Filtering filtering;

    private BenchmarkConnection connection;
    private ReadQueries queries;
    private long[] ids;
    private int next;

    @Setup
    public void setUp() throws SQLException {
        connection = BenchmarkConnection.open(Dataset.READS);
        queries = new ReadQueries(connection, filtering);
        List<Long> live = queries.livePostIds();
        ids = live.stream().mapToLong(Long::longValue).toArray();
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
}
