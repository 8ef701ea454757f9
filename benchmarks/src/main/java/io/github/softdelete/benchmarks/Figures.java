package io.github.softdelete.benchmarks;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * The scores of one run, looked up by benchmark class, method and the value of its one parameter:
 * {@code get(RenderBenchmark.class, "plain", QueryShape.PK_LOOKUP)}.
 *
 * <p>Not thread-safe while it is filled; read-only afterwards.
 */
final class Figures {

    /**
     * One score: JMH's mean and the half-width of its 99.9% confidence interval, in {@code unit}.
     * The error is NaN when there were too few iterations to compute one.
     */
    record Score(double mean, double error, String unit) {

        /** {@code this / base}, with the relative errors of both added in quadrature. */
        Ratio over(Score base) {
            double value = mean / base.mean;
            double relative = Math.sqrt(square(error / mean) + square(base.error / base.mean));
            return new Ratio(value, value * relative);
        }

        private static double square(double x) {
            return x * x;
        }
    }

    /** A ratio of two scores and its estimated error (NaN if either score had none). */
    record Ratio(double value, double error) {
    }

    private final Map<String, Score> scores = new HashMap<>();
    private final Map<String, Ratio> pairedRatios = new HashMap<>();

    /** The figures of JMH's results. */
    static Figures of(Collection<RunResult> results) {
        Figures figures = new Figures();
        for (RunResult result : results) {
            BenchmarkParams params = result.getParams();
            String benchmark = params.getBenchmark(); // package.Class.method
            int dot = benchmark.lastIndexOf('.');
            String className = benchmark.substring(benchmark.lastIndexOf('.', dot - 1) + 1, dot);
            String method = benchmark.substring(dot + 1);
            if (className.equals(ReadBenchmark.class.getSimpleName())) {
                // Both variants in one fork, alternating by iteration (issue 24).
                ReadBenchmark.Paired paired = ReadBenchmark.figures(result);
                figures.put(className, method, Filtering.HAND_WRITTEN.name(), paired.handWritten());
                figures.put(className, method, Filtering.LISTENER.name(), paired.listener());
                figures.putPairedRatio(className, method, paired.ratio());
                continue;
            }
            String param = params.getParamsKeys().isEmpty() ? "" : params.getParam(params.getParamsKeys().iterator().next());
            Result<?> primary = result.getPrimaryResult();
            figures.put(className, method, param, new Score(primary.getScore(), primary.getScoreError(), primary.getScoreUnit()));
        }
        return figures;
    }

    void put(String benchmarkClass, String method, String param, Score score) {
        scores.put(key(benchmarkClass, method, param), score);
    }

    /** Issue 24: the ratio of two variants measured in one fork, pair by pair (B2). */
    void putPairedRatio(String benchmarkClass, String method, Ratio ratio) {
        pairedRatios.put(key(benchmarkClass, method, ""), ratio);
    }

    /** The paired ratio of {@code method}, or null when none was measured. */
    Ratio pairedRatio(Class<?> benchmarkClass, String method) {
        return pairedRatios.get(key(benchmarkClass.getSimpleName(), method, ""));
    }

    /** The score, or null when that benchmark did not run. */
    Score get(Class<?> benchmarkClass, String method, Enum<?> param) {
        return scores.get(key(benchmarkClass.getSimpleName(), method, param.name()));
    }

    /** Whether any benchmark of {@code benchmarkClass} ran. */
    boolean ran(Class<?> benchmarkClass) {
        String prefix = benchmarkClass.getSimpleName() + ".";
        return scores.keySet().stream().anyMatch(key -> key.startsWith(prefix));
    }

    private static String key(String benchmarkClass, String method, String param) {
        return benchmarkClass + "." + method + "[" + param + "]";
    }
}
