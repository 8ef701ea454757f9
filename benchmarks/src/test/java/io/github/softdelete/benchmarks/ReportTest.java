package io.github.softdelete.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.softdelete.benchmarks.Figures.Score;

class ReportTest {

    @Test
    void geometricMean_ofRatios_isTheNthRootOfTheirProduct() {
        assertThat(Report.geometricMean(List.of(1.0, 4.0))).isEqualTo(2.0, Offset.offset(1e-12));
        assertThat(Report.geometricMean(List.of())).isNaN();
    }

    @Test
    void ratio_errorsOfBothScores_addInQuadrature() {
        Figures.Ratio ratio = new Score(150, 3, "ns/op").over(new Score(100, 4, "ns/op"));

        assertThat(ratio.value()).isEqualTo(1.5);
        assertThat(ratio.error()).isEqualTo(1.5 * Math.sqrt(0.02 * 0.02 + 0.04 * 0.04), Offset.offset(1e-12));
    }

    @Test
    void targets_allMet_sayMetOnEveryLine() {
        String table = new Targets(figures(1.2, 1.01, 10, 1.1), Map.of(CascadeApproach.LIBRARY, 1,
            CascadeApproach.HAND_ROLLED_PER_ROW, 2204, CascadeApproach.HAND_ROLLED_PER_TABLE, 6)).table();

        assertThat(table).doesNotContain("missed").doesNotContain("not run");
        assertThat(table).contains("| 1.20× (no-op listener alone: 1.00×) | met |");
    }

    @Test
    void targets_missed_sayMissedWithTheMeasuredValue() {
        String table = new Targets(figures(1.6, 1.2, 2, 3), Map.of(CascadeApproach.LIBRARY, 1)).table();

        assertThat(table).contains("| 1.60× (no-op listener alone: 1.00×) | **missed** |");
        assertThat(table).contains("worst 1.20× (pkLookup)");
        assertThat(table).contains("worst 3.00× (pkLookup)");
    }

    @Test
    void targets_issue16Rows_b2PrecisionAndRendering() {
        Figures figures = figures(1.01, 1.01, 10, 1.1);
        figures.put("ReadBenchmark", "count", "HAND_WRITTEN", new Score(100, 20, "us/op"));
        figures.put("RenderBenchmark", "softDelete", "DELETE", new Score(600, 1, "ns/op"));
        String table = new Targets(figures, Map.of(CascadeApproach.LIBRARY, 1)).table();

        assertThat(table).contains("| B2 PK lookup, every ± under 10% of its figure | ≤ 1.05× hand-written | 1.01× (widest ± of B2: 20.0%) | **missed** |")
            .contains("| B1 rendering, the cascading DELETE (issue 16) | ≤ 5× plain jOOQ | 6.00× | **missed** |")
            .contains("| B1 rendering, geometric mean of the other 9 DSL shapes (issue 16) | ≤ 2.0× plain jOOQ | 1.01× | met |");
    }

    @Test
    void targets_benchmarkNotRun_saysNotRun() {
        String table = new Targets(new Figures(), Map.of()).table();

        assertThat(table).contains("not run").doesNotContain("met |");
    }

    @Test
    void updateBenchmarksMd_replacesOnlyTheFiguresBetweenTheMarkers(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("BENCHMARKS.md");
        Files.writeString(file, "# Benchmarks\n\nintro\n\n" + CommandLine.BEGIN + "\n\nold figures\n\n" + CommandLine.END
            + "\n\n## Analysis\n\nkept\n");
        CommandLine line = CommandLine.parse("--report", directory.resolve("out.md").toString(), "--benchmarks-md", file.toString());

        line.updateBenchmarksMd("new figures\n");

        assertThat(Files.readString(file)).isEqualTo("# Benchmarks\n\nintro\n\n" + CommandLine.BEGIN + "\n\nnew figures\n\n"
            + CommandLine.END + "\n\n## Analysis\n\nkept\n");
    }

    @Test
    void parse_noArguments_runsEverythingButLeavesBenchmarksMdAlone() {
        CommandLine line = CommandLine.parse();

        assertThat(line.isFullRun()).isFalse();
        assertThat(line.command()).isEqualTo(Benchmarks.COMMAND);
        assertThat(CommandLine.parse("--include", "B1", "--smoke", "true").command())
            .isEqualTo(Benchmarks.COMMAND + " -Dbenchmarks.include='B1' -Dbenchmarks.smoke=true");
        assertThat(CommandLine.parse("--prof", "none").profiler()).isNull();
        assertThat(CommandLine.parse("--prof", "gc", "--benchmarks-md", "B.md").isFullRun()).isFalse();
        assertThat(CommandLine.parse("--prof", "none", "--benchmarks-md", "B.md").isFullRun()).isTrue();
    }

    /** Figures where soft delete / plain is {@code render} for every shape, and so on for each benchmark. */
    private static Figures figures(double render, double reads, double cascadeSpeedup, double tombstones) {
        Figures figures = new Figures();
        for (QueryShape shape : QueryShape.values()) {
            figures.put("RenderBenchmark", "plain", shape.name(), new Score(100, 1, "ns/op"));
            figures.put("RenderBenchmark", "noopListener", shape.name(), new Score(100, 1, "ns/op"));
            figures.put("RenderBenchmark", "softDelete", shape.name(), new Score(100 * render, 1, "ns/op"));
        }
        for (String method : Report.readMethods()) {
            figures.put("ReadBenchmark", method, "HAND_WRITTEN", new Score(100, 1, "us/op"));
            figures.put("ReadBenchmark", method, "LISTENER", new Score(100 * reads, 1, "us/op"));
            figures.put("TombstoneBenchmark", method, "TOMBSTONES_0", new Score(100, 1, "us/op"));
            figures.put("TombstoneBenchmark", method, "TOMBSTONES_90", new Score(100 * tombstones, 1, "us/op"));
            figures.put("TombstoneBenchmark", method, "TOMBSTONES_90_INDEXED", new Score(100, 1, "us/op"));
        }
        figures.put("CascadeBenchmark", "delete", "LIBRARY", new Score(10, 1, "ms/op"));
        figures.put("CascadeBenchmark", "delete", "LIBRARY_WITH_A_LISTENER", new Score(10.2, 1, "ms/op"));
        figures.put("CascadeBenchmark", "delete", "HAND_ROLLED_PER_ROW", new Score(10 * cascadeSpeedup, 1, "ms/op"));
        figures.put("CascadeBenchmark", "delete", "HAND_ROLLED_PER_TABLE", new Score(10 * cascadeSpeedup, 1, "ms/op"));
        return figures;
    }
}
