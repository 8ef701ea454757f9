package io.github.softdelete.benchmarks;

import java.util.concurrent.TimeUnit;

import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultVisitListenerProvider;
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
import org.openjdk.jmh.annotations.Warmup;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.it.db.SoftDeletes;

/**
 * B1: rendering one query object to SQL with plain jOOQ, with a listener that does nothing, and with
 * the soft-delete listener. No connection: {@code DSLContext.render(query)} on
 * {@link SQLDialect#POSTGRES}, which is the work jOOQ does before every execution.
 *
 * <p>One instance per benchmark thread (JMH state).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgs = { "-Xms512m", "-Xmx512m", "-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true" })
// Six warm-up seconds: jOOQ's rendering code is large, and with other work on two cores C2 needs them
// (with four, the soft-delete variants were still getting faster while measured). Five measurements:
// JMH's 99.9% interval needs the degrees of freedom.
@Warmup(iterations = 6, time = 1)
@Measurement(iterations = 5, time = 400, timeUnit = TimeUnit.MILLISECONDS)
public class RenderBenchmark {

    @Param
    public QueryShape shape;

    private Query query;
    private DSLContext plain;
    private DSLContext noopListener;
    private DSLContext softDelete;

    @Setup
    public void setUp() {
        query = shape.query();
        plain = DSL.using(SQLDialect.POSTGRES);
        noopListener = DSL.using(new DefaultConfiguration().set(SQLDialect.POSTGRES)
            .set(new DefaultVisitListenerProvider(new NoopVisitListener())));
        softDelete = DSL.using(SoftDelete.install(new DefaultConfiguration().set(SQLDialect.POSTGRES),
            SoftDeletes.POLICY));
    }

    @Benchmark
    public String plain() {
        return plain.render(query);
    }

    @Benchmark
    public String noopListener() {
        return noopListener.render(query);
    }

    @Benchmark
    public String softDelete() {
        return softDelete.render(query);
    }

    /** The three contexts' SQL for {@code shape}, for tests and for the report's sanity check. */
    static String[] renderAll(QueryShape shape) {
        RenderBenchmark benchmark = new RenderBenchmark();
        benchmark.shape = shape;
        benchmark.setUp();
        return new String[] { benchmark.plain(), benchmark.noopListener(), benchmark.softDelete() };
    }
}
