package io.github.softdelete.benchmarks;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import io.github.softdelete.it.harness.PostgresServer;
import io.github.softdelete.it.harness.PostgresServers;
import io.github.softdelete.it.harness.TestDatabase;

/**
 * The command that runs every benchmark briefly and reports the figures:
 * {@code mvn -q -pl benchmarks -am package -DskipTests -Pbenchmarks}.
 *
 * <ol>
 *   <li>Starts (or connects to) PostgreSQL through the integration-tests harness, and seeds one
 *       database per {@link Dataset}; JMH's forks find them through system properties.</li>
 *   <li>Counts B3's round trips in one delete per approach.</li>
 *   <li>Runs B1 to B4 with JMH, one benchmark class at a time, logging JMH's own output to
 *       {@code target/jmh-B*.log}.</li>
 *   <li>Prints the figures as markdown, writes them to {@code target/benchmarks.md} and, after a full
 *       run, into {@code docs/benchmark-figures.md} between its markers.</li>
 * </ol>
 * Options: {@code --include REGEX} runs the groups whose name ("B1 RenderBenchmark", ...) matches;
 * {@code --smoke true} runs each benchmark for a moment, to check the plumbing; {@code --prof gc} adds a
 * JMH profiler, whose output goes to the JMH logs.
 *
 * <p>A command-line entry point: not meant to be called from other code, and not thread-safe.
 */
public final class Benchmarks {

    static final String COMMAND = "mvn -q -pl benchmarks -am package -DskipTests -Pbenchmarks";

    /** A JMH class and the name for it. */
    private record Group(String name, Class<?> benchmark, String description) {
        boolean selectedBy(Pattern include) {
            return include.matcher(name + " " + benchmark.getSimpleName()).find();
        }
    }

    private static final List<Group> GROUPS = List.of(
        new Group("B1", RenderBenchmark.class, "rendering, 3 variants x " + QueryShape.values().length + " shapes"),
        new Group("B2", ReadBenchmark.class, "reads on PostgreSQL, 3 queries, both variants in one fork"),
        new Group("B3", CascadeBenchmark.class, "cascade delete, " + CascadeApproach.values().length + " approaches"),
        new Group("B4", TombstoneBenchmark.class, "tombstones, 3 datasets x 4 queries"),
        new Group("B5", SqlTextBenchmark.class, "SQL text through SoftDelete.dataSource, 4 paths x 2 queries"));

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        CommandLine line = CommandLine.parse(args);
        Instant started = Instant.now();
        String loadBefore = Environment.loadAverage();
        List<Group> groups = GROUPS.stream().filter(g -> g.selectedBy(line.include())).toList();
        if (groups.isEmpty())
            throw new IllegalArgumentException("--include " + line.include() + " matches none of " + GROUPS.stream()
                .map(g -> g.name() + " " + g.benchmark().getSimpleName()).toList() + "; pass a regular expression that does");

        List<String> jvmArgs = new ArrayList<>();
        String postgres = null;
        Map<CascadeApproach, Integer> roundTrips = Map.of();
        if (groups.stream().anyMatch(g -> g.benchmark() != RenderBenchmark.class)) {
            System.out.println("Seeding the benchmark databases...");
            PostgresServer server = PostgresServers.shared();
            Map<Dataset, TestDatabase> databases = seed(server, jvmArgs);
            postgres = serverVersion(databases.get(Dataset.READS)) + ", " + server.source();
            if (groups.stream().anyMatch(g -> g.benchmark() == CascadeBenchmark.class))
                roundTrips = CascadeTree.roundTrips(databases.get(Dataset.CASCADE));
        }

        List<RunResult> results = new ArrayList<>();
        List<String> settings = new ArrayList<>();
        for (Group group : groups) {
            List<RunResult> groupResults = run(group, line, jvmArgs);
            results.addAll(groupResults);
            settings.add(group.name() + ": " + settings(groupResults.get(0).getParams()));
        }

        Duration took = Duration.between(started, Instant.now());
        Environment environment = Environment.describe(postgres);
        Report report = new Report(Figures.of(results), roundTrips);
        String markdown = new ReportHeader(environment, loadBefore, Environment.loadAverage(), started, took,
            line.command(), String.join("; ", settings), line.smoke()).markdown() + "\n" + report.tables();
        System.out.println();
        System.out.println(markdown);
        line.writeReport(markdown);
        if (line.isFullRun())
            line.updateBenchmarksMd(markdown);
        else
            System.out.println("(A partial or smoke run: " + line.benchmarksMd() + " was left as it was.)");
    }

    private static Map<Dataset, TestDatabase> seed(PostgresServer server, List<String> jvmArgs) throws SQLException {
        Map<Dataset, TestDatabase> databases = new EnumMap<>(Dataset.class);
        for (Dataset dataset : Dataset.values()) {
            TestDatabase database = server.createMigratedDatabase("bench_" + dataset.name());
            try (Connection connection = database.dataSource().getConnection()) {
                dataset.seed(connection);
            }
            databases.put(dataset, database);
            jvmArgs.add("-D" + dataset.urlProperty() + "=" + database.jdbcUrl());
            if (database.user() != null)
                jvmArgs.add("-D" + dataset.userProperty() + "=" + database.user());
        }
        return databases;
    }

    private static List<RunResult> run(Group group, CommandLine line, List<String> jvmArgs) throws RunnerException {
        Path log = line.reportDirectory().resolve("jmh-" + group.name() + ".log");
        System.out.println("Running " + group.name() + " (" + group.description() + "); JMH's log: " + log);
        Instant start = Instant.now();
        ChainedOptionsBuilder options = new OptionsBuilder()
            .include(Pattern.quote(group.benchmark().getName()) + "\\.")
            .jvmArgsAppend(jvmArgs.toArray(String[]::new))
            .shouldFailOnError(true)
            .output(log.toString());
        if (line.profiler() != null)
            options.addProfiler(line.profiler());
        if (line.smoke())
            options.warmupIterations(1).warmupTime(TimeValue.milliseconds(100))
                .measurementIterations(2).measurementTime(TimeValue.milliseconds(100));
        List<RunResult> results = new ArrayList<>(new Runner(options.build()).run());
        System.out.println("  " + group.name() + " done: " + results.size() + " benchmarks in "
            + Duration.between(start, Instant.now()).toSeconds() + " s");
        return results;
    }

    private static String settings(BenchmarkParams params) {
        String forks = params.getForks() + (params.getForks() == 1 ? " fork" : " forks") + " per benchmark, ";
        if (params.getMode() == Mode.SingleShotTime)
            return forks + params.getWarmup().getCount() + " warm-up runs, " + params.getMeasurement().getCount() + " measured";
        return forks + params.getWarmup().getCount() + " × " + params.getWarmup().getTime() + " warm-up, "
            + params.getMeasurement().getCount() + " × " + params.getMeasurement().getTime() + " measured";
    }

    private static String serverVersion(TestDatabase database) throws SQLException {
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SHOW server_version")) {
            result.next();
            return "PostgreSQL " + result.getString(1);
        }
    }
}
