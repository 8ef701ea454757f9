package io.github.softdelete.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultVisitListenerProvider;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.it.db.SoftDeletes;

/**
 * Issue 24: B1's rendering in CPU time, in one process, as issue 16's figures were taken: plain jOOQ, a
 * {@link NoopVisitListener} and the soft-delete listener render the same query object of each
 * {@link QueryShape} ({@code DSLContext.render}, {@link SQLDialect#POSTGRES}), the three contexts interleaved
 * batch by batch (their order rotating from round to round), each batch timed in this thread's CPU time
 * ({@link ThreadMXBean#getCurrentThreadCpuTime()}), so other processes on the machine change the figures
 * less than wall time would: {@code mvn -q -pl benchmarks -am package -DskipTests -Prender-pairs}.
 *
 * <p>Prints per shape the median over the rounds of the ns of CPU time per render of each context and the
 * ratios of those medians to plain, then their geometric means over the ten DSL shapes, the cascading DELETE
 * alone and the nine others ({@link QueryShape#PLAIN_SQL} is printed but in no mean). Properties:
 * {@code pairs.rounds} (21), {@code pairs.batch} renders per batch (2,000), {@code pairs.warmUpSeconds} (20),
 * {@code pairs.shapes} (a comma-separated list of shapes to measure alone, with one mean over them; all by default).
 *
 * <p>A command-line entry point: not meant to be called from other code, and not thread-safe.
 */
public final class RenderPairs {

    private static final String[] CONTEXTS = { "plain", "no-op listener", "soft delete" };

    private RenderPairs() {
    }

    public static void main(String[] args) {
        int rounds = Integer.getInteger("pairs.rounds", 21);
        int batch = Integer.getInteger("pairs.batch", 2_000);
        long warmUpNanos = Long.getLong("pairs.warmUpSeconds", 20) * 1_000_000_000L;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isCurrentThreadCpuTimeSupported())
            throw new IllegalStateException("this JVM cannot measure a thread's CPU time");
        threads.setThreadCpuTimeEnabled(true);

        DSLContext[] contexts = {
            DSL.using(SQLDialect.POSTGRES),
            DSL.using(new DefaultConfiguration().set(SQLDialect.POSTGRES)
                .set(new DefaultVisitListenerProvider(new NoopVisitListener()))),
            DSL.using(SoftDelete.install(new DefaultConfiguration().set(SQLDialect.POSTGRES), SoftDeletes.POLICY)) };
        String only = System.getProperty("pairs.shapes", "");
        QueryShape[] shapes = only.isBlank() ? QueryShape.values()
            : Arrays.stream(only.split(",")).map(String::trim).map(QueryShape::valueOf).sorted().toArray(QueryShape[]::new);
        Query[] queries = Arrays.stream(shapes).map(QueryShape::query).toArray(Query[]::new);

        System.out.println("JDK " + System.getProperty("java.runtime.version") + "; load average (1, 5, 15 min) at the start: "
            + Environment.loadAverage());
        for (int s = 0; s < shapes.length; s++)
            System.out.printf("%-18s plain %5d chars, soft delete %5d chars%n", shapes[s], contexts[0].render(queries[s]).length(),
                contexts[2].render(queries[s]).length());

        long warmEnd = System.nanoTime() + warmUpNanos;
        while (System.nanoTime() < warmEnd)
            for (int s = 0; s < shapes.length; s++)
                for (DSLContext context : contexts)
                    batch(threads, context, queries[s], batch / 10);

        // nanos[shape][context][round]
        double[][][] nanos = new double[shapes.length][contexts.length][rounds];
        for (int r = 0; r < rounds; r++)
            for (int s = 0; s < shapes.length; s++)
                for (int k = 0; k < contexts.length; k++) {
                    int c = (k + r) % contexts.length;
                    nanos[s][c][r] = batch(threads, contexts[c], queries[s], batch);
                }

        System.out.printf("%nCPU time per render, median of %d rounds of %d renders per context (contexts interleaved)%n", rounds, batch);
        System.out.println("| shape | plain, ns | no-op, ns | soft delete, ns | no-op / plain | soft delete / plain | soft delete / no-op |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        double[][] medians = new double[shapes.length][contexts.length];
        for (int s = 0; s < shapes.length; s++) {
            for (int c = 0; c < contexts.length; c++)
                medians[s][c] = median(nanos[s][c]);
            System.out.printf("| %s | %,.0f | %,.0f | %,.0f | %.2f× | %.2f× | %.2f× |%n", shapes[s], medians[s][0], medians[s][1],
                medians[s][2], medians[s][1] / medians[s][0], medians[s][2] / medians[s][0], medians[s][2] / medians[s][1]);
        }
        List<Integer> dsl = new ArrayList<>();
        List<Integer> nine = new ArrayList<>();
        for (int s = 0; s < shapes.length; s++) {
            if (!shapes[s].dsl())
                continue;
            dsl.add(s);
            if (shapes[s] != QueryShape.DELETE)
                nine.add(s);
        }
        List<Integer> delete = dsl.stream().filter(s -> shapes[s] == QueryShape.DELETE).toList();
        if (!only.isBlank()) {
            mean("geometric mean, the " + dsl.size() + " DSL shapes measured", dsl, medians);
        } else {
            mean("geometric mean, 10 DSL shapes", dsl, medians);
            mean("cascading DELETE", delete, medians);
            mean("geometric mean, the 9 others", nine, medians);
        }
        System.out.println("load average (1, 5, 15 min) at the end: " + Environment.loadAverage());
    }

    private static void mean(String label, List<Integer> shapes, double[][] medians) {
        double noop = geometricMean(shapes, s -> medians[s][1] / medians[s][0]);
        double softDelete = geometricMean(shapes, s -> medians[s][2] / medians[s][0]);
        System.out.printf("| %s | | | | %.2f× | %.2f× | %.2f× |%n", label, noop, softDelete, softDelete / noop);
    }

    private static double geometricMean(List<Integer> shapes, ToDoubleFunction<Integer> ratio) {
        return Math.exp(shapes.stream().mapToDouble(s -> Math.log(ratio.applyAsDouble(s))).average().orElse(0));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Renders {@code query} {@code count} times; returns the ns of this thread's CPU time per render. */
    private static double batch(ThreadMXBean threads, DSLContext context, Query query, int count) {
        long start = threads.getCurrentThreadCpuTime();
        int length = 0;
        for (int i = 0; i < count; i++)
            length += context.render(query).length();
        long elapsed = threads.getCurrentThreadCpuTime() - start;
        if (length == 0)
            throw new AssertionError("nothing rendered");
        return (double) elapsed / count;
    }
}
