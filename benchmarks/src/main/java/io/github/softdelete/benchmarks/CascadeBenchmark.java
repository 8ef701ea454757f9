package io.github.softdelete.benchmarks;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * B3: the wall time of soft-deleting a user with 100 posts, 1,000 comments and 1,000 likes
 * ({@link CascadeTree}), by the library and by hand ({@link CascadeApproach}).
 *
 * <p>Each iteration is one delete (single-shot mode), because each delete changes the data: before it
 * the tree is restored and the tables vacuumed, outside the measured time; after it, a check fails the
 * run unless exactly the tree was deleted.
 *
 * <p>One instance and one connection per benchmark thread (JMH state).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = { "-Xms512m", "-Xmx512m", "-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true" })
@Warmup(iterations = 30)
@Measurement(iterations = 20)
public class CascadeBenchmark {

    @Param
    public CascadeApproach approach;

    private BenchmarkConnection connection;

    @Setup
    public void open() throws SQLException {
        connection = BenchmarkConnection.open(Dataset.CASCADE);
    }

    @Setup(Level.Iteration)
    public void restoreTree() throws SQLException {
        CascadeTree.restore(connection.jdbc());
    }

    @TearDown(Level.Iteration)
    public void checkDeleted() throws SQLException {
        CascadeTree.checkDeleted(connection.jdbc(), approach);
    }

    @TearDown
    public void close() throws SQLException {
        CascadeTree.restore(connection.jdbc());
        connection.close();
    }

    @Benchmark
    public int delete() {
        return approach.delete(connection, CascadeTree.USER_ID);
    }
}
