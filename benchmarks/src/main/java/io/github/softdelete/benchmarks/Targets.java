package io.github.softdelete.benchmarks;

import static io.github.softdelete.benchmarks.MarkdownTable.number;
import static io.github.softdelete.benchmarks.MarkdownTable.ratio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.github.softdelete.benchmarks.Figures.Score;

/**
 * The targets of the benchmarks issue, judged on one run's figures:
 * <ul>
 *   <li>B1: the geometric mean of soft delete / plain jOOQ over the ten shapes is at most 1.5;</li>
 *   <li>B2: each read through the listener takes at most 1.05 times the hand-written one, and (issue 16)
 *       the PK lookup does so with every ± of B2 under 10% of its figure;</li>
 *   <li>B3: the library's cascade is at least 5 times faster than hand-rolled code, in one round trip;</li>
 *   <li>B4: each read on 90% deleted rows takes at most 1.2 times the same read on none.</li>
 * </ul>
 *
 * <p>Immutable; thread-safe.
 */
final class Targets {

    static final double RENDER = 1.5;
    /** Issue 16: the cascading DELETE alone, and the geometric mean of the other shapes. */
    static final double RENDER_DELETE = 5;
    static final double RENDER_OTHERS = 2.0;
    static final double READS = 1.05;
    static final double CASCADE_SPEEDUP = 5;
    /** B3 with a counting listener, over B3 without one (issue 26). */
    static final double LISTENER = 1.05;
    /** Issue 16: B2's confidence half-widths, relative to their scores, stay under this. */
    static final double PRECISION = 0.10;
    static final double TOMBSTONES = 1.2;

    private static final List<String> B2_READS = List.of("pkLookup", "page", "count");

    private final Figures figures;
    private final Map<CascadeApproach, Integer> roundTrips;

    Targets(Figures figures, Map<CascadeApproach, Integer> roundTrips) {
        this.figures = figures;
        this.roundTrips = roundTrips;
    }

    /** The targets, the measured values and the verdicts, as a markdown table. */
    String table() {
        MarkdownTable table = new MarkdownTable("benchmark", "target", "measured", "verdict").text();
        double render = renderMean("softDelete");
        table.row("B1 rendering, geometric mean of " + QueryShape.dslShapes().size() + " DSL shapes", "≤ " + RENDER + "× plain jOOQ",
            ratio(render) + " (no-op listener alone: " + ratio(renderMean("noopListener")) + ")", verdict(render <= RENDER, render));
        double delete = value(Report.over(figures.get(RenderBenchmark.class, "softDelete", QueryShape.DELETE),
            figures.get(RenderBenchmark.class, "plain", QueryShape.DELETE)));
        table.row("B1 rendering, the cascading DELETE (issue 16)", "≤ " + (int) RENDER_DELETE + "× plain jOOQ", ratio(delete),
            verdict(delete <= RENDER_DELETE, delete));
        double others = renderMeanWithout(QueryShape.DELETE);
        table.row("B1 rendering, geometric mean of the other " + (QueryShape.dslShapes().size() - 1) + " DSL shapes (issue 16)",
            "≤ " + RENDER_OTHERS + "× plain jOOQ", ratio(others), verdict(others <= RENDER_OTHERS, others));
        Worst reads = worst(B2_READS, m -> Report.readRatio(figures, m));
        table.row("B2 reads end to end, each of " + B2_READS.size() + " queries", "≤ " + READS + "× hand-written",
            "worst " + ratio(reads.value) + " (" + reads.method + "), geometric mean " + ratio(readsMean()),
            verdict(reads.value <= READS, reads.value));
        double pk = value(Report.readRatio(figures, "pkLookup"));
        double spread = widestRelativeError();
        table.row("B2 PK lookup, every ± under " + (int) (PRECISION * 100) + "% of its figure", "≤ " + READS + "× hand-written",
            ratio(pk) + " (widest ± of B2: " + (Double.isNaN(spread) ? "-" : number(spread * 100, 1) + "%") + ")",
            verdict(pk <= READS && spread < PRECISION, Double.isNaN(spread) ? Double.NaN : pk));
        for (CascadeApproach handRolled : List.of(CascadeApproach.HAND_ROLLED_PER_ROW, CascadeApproach.HAND_ROLLED_PER_TABLE))
            table.row("B3 cascade delete vs " + Report.label(handRolled).replace(", in a transaction", ""),
                "≥ " + (int) CASCADE_SPEEDUP + "× faster, in 1 round trip", cascade(handRolled), cascadeVerdict(handRolled));
        double listening = value(Report.over(figures.get(CascadeBenchmark.class, "delete", CascadeApproach.LIBRARY_WITH_A_LISTENER),
            figures.get(CascadeBenchmark.class, "delete", CascadeApproach.LIBRARY)));
        table.row("B3 cascade delete with a counting listener (issue 26)", "≤ " + LISTENER + "× without", ratio(listening),
            verdict(listening <= LISTENER, listening));
        Worst tombstones = worstTombstones(Dataset.TOMBSTONES_90);
        table.row("B4 90% deleted rows, each of " + Report.readMethods().size() + " queries", "≤ " + TOMBSTONES + "× 0% deleted",
            "worst " + ratio(tombstones.value) + " (" + tombstones.method + "), geometric mean "
                + ratio(tombstonesMean(Dataset.TOMBSTONES_90)), verdict(tombstones.value <= TOMBSTONES, tombstones.value));
        Worst indexed = worstTombstones(Dataset.TOMBSTONES_90_INDEXED);
        table.row("B4 with the proposed index `posts_id_live_idx`", "≤ " + TOMBSTONES + "× 0% deleted",
            "worst " + ratio(indexed.value) + " (" + indexed.method + ")", verdict(indexed.value <= TOMBSTONES, indexed.value));
        return table.toString();
    }

    /** The geometric mean of soft delete / plain over B1's shapes but {@code left}; NaN if any score is missing. */
    double renderMeanWithout(QueryShape left) {
        List<Double> ratios = new ArrayList<>();
        for (QueryShape shape : QueryShape.dslShapes())
            if (shape != left)
                ratios.add(value(Report.over(figures.get(RenderBenchmark.class, "softDelete", shape),
                    figures.get(RenderBenchmark.class, "plain", shape))));
        return Report.geometricMean(ratios);
    }

    /** The geometric mean over B1's DSL shapes of {@code method} / plain; NaN if any score is missing. */
    double renderMean(String method) {
        List<Double> ratios = new ArrayList<>();
        for (QueryShape shape : QueryShape.dslShapes())
            ratios.add(value(Report.over(figures.get(RenderBenchmark.class, method, shape),
                figures.get(RenderBenchmark.class, "plain", shape))));
        return Report.geometricMean(ratios);
    }

    /** The largest ± / score over B2's scores; NaN if any is missing or has no error. */
    double widestRelativeError() {
        double widest = 0;
        for (String method : B2_READS)
            for (Filtering filtering : Filtering.values()) {
                Score score = figures.get(ReadBenchmark.class, method, filtering);
                if (score == null || Double.isNaN(score.error()))
                    return Double.NaN;
                widest = Math.max(widest, score.error() / score.mean());
            }
        return widest;
    }

    double readsMean() {
        List<Double> ratios = new ArrayList<>();
        for (String method : B2_READS)
            ratios.add(value(Report.readRatio(figures, method)));
        return Report.geometricMean(ratios);
    }

    double tombstonesMean(Dataset dataset) {
        List<Double> ratios = new ArrayList<>();
        for (String method : Report.readMethods())
            ratios.add(value(tombstoneRatio(method, dataset)));
        return Report.geometricMean(ratios);
    }

    private Figures.Ratio tombstoneRatio(String method, Dataset dataset) {
        return Report.over(figures.get(TombstoneBenchmark.class, method, dataset),
            figures.get(TombstoneBenchmark.class, method, Dataset.TOMBSTONES_0));
    }

    private Worst worstTombstones(Dataset dataset) {
        return worst(Report.readMethods(), m -> tombstoneRatio(m, dataset));
    }

    private String cascade(CascadeApproach handRolled) {
        Score library = figures.get(CascadeBenchmark.class, "delete", CascadeApproach.LIBRARY);
        Score other = figures.get(CascadeBenchmark.class, "delete", handRolled);
        return ratio(value(Report.over(other, library))) + " faster; round trips " + trips(CascadeApproach.LIBRARY) + " vs "
            + trips(handRolled);
    }

    private String cascadeVerdict(CascadeApproach handRolled) {
        double speedup = value(Report.over(figures.get(CascadeBenchmark.class, "delete", handRolled),
            figures.get(CascadeBenchmark.class, "delete", CascadeApproach.LIBRARY)));
        Integer trips = roundTrips.get(CascadeApproach.LIBRARY);
        return verdict(speedup >= CASCADE_SPEEDUP && trips != null && trips == 1, speedup);
    }

    private String trips(CascadeApproach approach) {
        Integer trips = roundTrips.get(approach);
        return trips == null ? "-" : number(trips, 0);
    }

    private static String verdict(boolean met, double value) {
        return Double.isNaN(value) ? "not run" : met ? "met" : "**missed**";
    }

    private static double value(Figures.Ratio ratio) {
        return ratio == null ? Double.NaN : ratio.value();
    }

    private record Worst(String method, double value) {
    }

    private static Worst worst(List<String> methods, Function<String, Figures.Ratio> ratio) {
        Worst worst = new Worst("-", Double.NaN);
        for (String method : methods) {
            double value = value(ratio.apply(method));
            if (Double.isNaN(value))
                return new Worst("-", Double.NaN);
            if (Double.isNaN(worst.value) || value > worst.value)
                worst = new Worst(method, value);
        }
        return worst;
    }
}
