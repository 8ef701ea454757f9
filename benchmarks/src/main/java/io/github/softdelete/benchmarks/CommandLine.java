package io.github.softdelete.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The options of {@link Benchmarks}, and where its results go.
 *
 * @param include      selects benchmark groups by name ("B1 RenderBenchmark", ...)
 * @param smoke        run each benchmark for a moment only
 * @param profiler     a JMH profiler to add ({@code gc}, {@code jfr}, ...), or null
 * @param report       the markdown file written after every run
 * @param benchmarksMd the repository's docs/benchmark-figures.md, updated after a full run; null to leave it alone
 */
record CommandLine(Pattern include, boolean smoke, String profiler, Path report, Path benchmarksMd) {

    static final String BEGIN = "<!-- BEGIN FIGURES: written by the benchmarks command; edits here are overwritten -->";
    static final String END = "<!-- END FIGURES -->";

    private static final String ALL = ".*";
    private static final String OPTIONS = "--include REGEX, --smoke true|false, --prof PROFILER|none, --report FILE,"
        + " --benchmarks-md FILE";

    static CommandLine parse(String... args) {
        String include = ALL;
        boolean smoke = false;
        String profiler = null;
        Path report = Path.of("target", "benchmarks.md");
        Path benchmarksMd = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null)
                throw new IllegalArgumentException(args[i] + " needs a value; options: " + OPTIONS);
            switch (args[i++]) {
                case "--include" -> include = value.isBlank() ? ALL : value;
                case "--smoke" -> smoke = Boolean.parseBoolean(value);
                case "--prof" -> profiler = value.isBlank() || value.equals("none") ? null : value;
                case "--report" -> report = Path.of(value);
                case "--benchmarks-md" -> benchmarksMd = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i - 1]
                    + "; options: " + OPTIONS);
            }
        }
        return new CommandLine(Pattern.compile(include), smoke, profiler, report, benchmarksMd);
    }

    /** Every group, with the full iteration counts and no profiler: the run whose figures belong in docs/benchmark-figures.md. */
    boolean isFullRun() {
        return include.pattern().equals(ALL) && !smoke && profiler == null && benchmarksMd != null;
    }

    /** The Maven command that gives these options. */
    String command() {
        return Benchmarks.COMMAND + (include.pattern().equals(ALL) ? "" : " -Dbenchmarks.include='" + include.pattern() + "'")
            + (smoke ? " -Dbenchmarks.smoke=true" : "") + (profiler == null ? "" : " -Dbenchmarks.prof=" + profiler);
    }

    Path reportDirectory() {
        Path parent = report.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }

    void writeReport(String markdown) throws IOException {
        Files.createDirectories(reportDirectory());
        Files.writeString(report, markdown, StandardCharsets.UTF_8);
        System.out.println("Written to " + report);
    }

    /** Replaces what stands between the markers of docs/benchmark-figures.md; leaves the rest of the file alone. */
    void updateBenchmarksMd(String markdown) throws IOException {
        String text = Files.exists(benchmarksMd) ? Files.readString(benchmarksMd, StandardCharsets.UTF_8) : "";
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            System.out.println(benchmarksMd + " has no figures markers (" + BEGIN + " ... " + END
                + "), so it was left alone; copy the figures from " + report);
            return;
        }
        String updated = text.substring(0, begin + BEGIN.length()) + "\n\n" + markdown.strip() + "\n\n" + text.substring(end);
        Files.writeString(benchmarksMd, updated, StandardCharsets.UTF_8);
        System.out.println("Updated the figures in " + benchmarksMd);
    }
}
