package io.github.softdelete.benchmarks;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

/**
 * B5: SQL text from JDBC code, end to end on PostgreSQL over loopback, through
 * {@code SoftDelete.dataSource(...)} (jOOQ's parsing connection and the listener) and through the plain
 * connection with {@code deleted_at IS NULL} written by hand; each with the same SQL string every call
 * (the parsing path's caches answer) and with a different one every call (parsed and rendered each time).
 * On {@link Dataset#READS}.
 *
 * <p>One instance and one connection per benchmark thread (JMH state).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = { "-Xms512m", "-Xmx512m", "-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true" })
// Ten measurements, twice B2's: the round trip dominates, and on a shared machine its noise does too.
@Warmup(iterations = 6, time = 1)
@Measurement(iterations = 10, time = 600, timeUnit = TimeUnit.MILLISECONDS)
public class SqlTextBenchmark {

    @Param
    public SqlPath path;

    private BenchmarkConnection connection;
    private SqlTextQueries queries;
    private long[] ids;
    private int next;

    @Setup
    public void setUp() throws SQLException {
        connection = BenchmarkConnection.open(Dataset.READS);
        queries = new SqlTextQueries(connection, path);
        ids = new ReadQueries(connection, Filtering.LISTENER).livePostIds().stream().mapToLong(Long::longValue).toArray();
    }

    @TearDown
    public void tearDown() throws SQLException {
        queries.close();
        connection.close();
    }

    /** A live post by primary key, one bind value; the key changes on every call. */
    @Benchmark
    public String pkLookup() throws SQLException {
        return queries.postById(ids[next++ % ids.length]);
    }

    /** One of the first ten pages of 50 posts joined with their authors. */
    @Benchmark
    public List<String> page() throws SQLException {
        return queries.page(next++ % 10);
    }
}
