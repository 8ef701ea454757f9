package io.github.softdelete.it.fuzz;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;
import java.util.function.Function;

/**
 * Runs many cases against the oracle and collects what they found. Stops after {@link #MAX_MISMATCHES}
 * mismatches, since later ones are usually the same bug again. The result is immutable; a run itself
 * uses its databases alone, one case after another.
 *
 * @param kind        "reads" or "statements"
 * @param settings    the settings of the run, whose seed reproduces it
 * @param dataset     the dataset the run used
 * @param cases       how many cases ran
 * @param verdicts    how many cases ended with each verdict
 * @param mismatches  the reports of the mismatches
 * @param invalid     the first few invalid cases' errors
 * @param shapes      how many cases had each shape
 * @param refusals    how many cases ended in an accepted refusal of each kind (MariaDB only)
 * @param byKeys      how many DELETEs the MariaDB oracle ran by key (StatementOracle)
 * @param serverLost  the case after which a connection of the run broke (the server crashed, say) and the run stopped,
 *                    with its SQL and why; empty when none did
 * @param time        how long the run took
 */
public record FuzzRun(String kind, FuzzSettings settings, String dataset, int cases, Map<Outcome.Verdict, Integer> verdicts,
                      List<String> mismatches, List<String> invalid, Map<Shape, Integer> shapes,
                      Map<MariaDbRefusal, Integer> refusals, int byKeys, Optional<String> serverLost, Duration time) {

    static final int MAX_MISMATCHES = 5;
    private static final int SHOWN_INVALID = 5;
    /** How much of the first failure an assertion message carries. */
    private static final int HEADLINE_LENGTH = 3_000;

    /**
     * Runs the reads that {@code settings} asks for.
     *
     * @param databases the run's databases
     * @param settings  count and seed
     * @return what the run found
     */
    public static FuzzRun reads(FuzzDatabases databases, FuzzSettings settings) {
        QueryGenerator generator = new QueryGenerator(databases.engine());
        ReadOracle oracle = new ReadOracle(databases);
        return run("reads", databases, settings, settings.reads(), i -> generator.read(i, settings.readSeed(i)),
            read -> read.shapes(), read -> oracle.check(read), read -> read.query(), () -> 0);
    }

    /**
     * Runs the reads that {@code settings} asks for on the SQL-text path: each query is rendered without
     * the listener and sent through {@code SoftDelete.dataSource(...)}, which parses and rewrites it.
     *
     * @param databases the run's databases
     * @param settings  count and seed
     * @return what the run found
     */
    public static FuzzRun readsAsSqlText(FuzzDatabases databases, FuzzSettings settings) {
        QueryGenerator generator = new QueryGenerator(databases.engine());
        ReadOracle oracle = new ReadOracle(databases, databases::sqlTextUnderTest);
        return run("reads as SQL text", databases, settings, settings.reads(), i -> generator.read(i, settings.readSeed(i)),
            read -> read.shapes(), read -> oracle.check(read), read -> read.query(), () -> 0);
    }

    /**
     * Runs the statements that {@code settings} asks for on the SQL-text path (see {@link #readsAsSqlText}).
     *
     * @param databases the run's databases
     * @param settings  count and seed
     * @return what the run found
     */
    public static FuzzRun statementsAsSqlText(FuzzDatabases databases, FuzzSettings settings) {
        QueryGenerator generator = new QueryGenerator(databases.engine());
        StatementOracle oracle = new StatementOracle(databases, databases.sqlTextUnderTest(Mode.LIVE), true);
        return run("statements as SQL text", databases, settings, settings.statements(), i -> generator.statement(i, settings.statementSeed(i)),
            statement -> statement.shapes(), statement -> oracle.check(statement), statement -> statement.statement(), oracle::byKeys);
    }

    /**
     * Runs the statements that {@code settings} asks for.
     *
     * @param databases the run's databases
     * @param settings  count and seed
     * @return what the run found
     */
    public static FuzzRun statements(FuzzDatabases databases, FuzzSettings settings) {
        QueryGenerator generator = new QueryGenerator(databases.engine());
        StatementOracle oracle = new StatementOracle(databases);
        return run("statements", databases, settings, settings.statements(), i -> generator.statement(i, settings.statementSeed(i)),
            statement -> statement.shapes(), statement -> oracle.check(statement), statement -> statement.statement(), oracle::byKeys);
    }

    private static <C> FuzzRun run(String kind, FuzzDatabases databases, FuzzSettings settings, int count, IntFunction<C> generate,
                                   Function<C, java.util.Set<Shape>> shapesOf, Function<C, Outcome> check,
                                   Function<C, org.jooq.Query> queryOf, IntSupplier byKeys) {
        long start = System.nanoTime();
        Map<Outcome.Verdict, Integer> verdicts = new EnumMap<>(Outcome.Verdict.class);
        Map<Shape, Integer> shapes = new EnumMap<>(Shape.class);
        Map<MariaDbRefusal, Integer> refusals = new EnumMap<>(MariaDbRefusal.class);
        List<String> mismatches = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        int ran = 0;
        Optional<String> serverLost = Optional.empty();
        boolean one = settings.onlyCase() >= 0;
        for (int i = one ? settings.onlyCase() : 0; (one || i < count) && mismatches.size() < MAX_MISMATCHES; i++) {
            C generated = generate.apply(i);
            shapesOf.apply(generated).forEach(shape -> shapes.merge(shape, 1, Integer::sum));
            Outcome outcome;
            try {
                outcome = check.apply(generated);
            } catch (RuntimeException e) {
                // A statement's rollback fails on a broken connection: that is the lost server below, not a harness bug.
                if (databases.lostConnection().isEmpty())
                    throw e;
                outcome = new Outcome(Outcome.Verdict.INVALID, e.getMessage());
            }
            if (outcome.verdict() != Outcome.Verdict.MATCH) {
                Optional<String> lost = databases.lostConnection();
                if (lost.isPresent()) {
                    serverLost = Optional.of("case " + i + " (" + settings.rerun() + " -Dfuzz.case=" + i + "), shapes "
                        + shapesOf.apply(generated) + ":\n  " + databases.fullPlain.renderInlined(queryOf.apply(generated))
                        + "\n  " + lost.get());
                    ran++;
                    break;
                }
            }
            verdicts.merge(outcome.verdict(), 1, Integer::sum);
            if (outcome.verdict() == Outcome.Verdict.MISMATCH)
                mismatches.add(outcome.report());
            else if (outcome.verdict() == Outcome.Verdict.INVALID && invalid.size() < SHOWN_INVALID)
                invalid.add("case " + i + ": " + outcome.report());
            else if (outcome.verdict() == Outcome.Verdict.ACCEPTED_REFUSAL)
                refusals.merge(MariaDbRefusal.valueOf(outcome.report()), 1, Integer::sum);
            ran++;
            if (one)
                break;
        }
        return new FuzzRun(kind, settings, databases.dataset().toString(), ran, verdicts, mismatches, invalid, shapes, refusals,
            byKeys.getAsInt(), serverLost, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Whether every case matched the oracle (invalid cases prove nothing, but are no failure), and the server stayed up. */
    public boolean passed() {
        return mismatches.isEmpty() && serverLost.isEmpty();
    }

    /** How many cases ended with {@code verdict}. */
    public int count(Outcome.Verdict verdict) {
        return verdicts.getOrDefault(verdict, 0);
    }

    /** One paragraph: seed, counts, time; then every mismatch in full. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        text.append("fuzz ").append(kind).append(": seed ").append(settings.seed()).append(", ").append(cases).append(" cases in ")
            .append(time.toMillis()).append(" ms; ").append(verdicts).append('\n')
            .append("  ").append(dataset).append('\n')
            .append("  repeat with ").append(settings.rerun()).append(" -Dfuzz.").append(kind.startsWith("reads") ? "queries" : "statements")
            .append('=').append(kind.startsWith("reads") ? settings.reads() : settings.statements()).append('\n');
        if (byKeys > 0)
            text.append("  DELETEs the MariaDB oracle ran by the keys it selected: ").append(byKeys).append('\n');
        refusals.forEach((refusal, count) -> text.append("  accepted refusals, ").append(refusal.description()).append(": ")
            .append(count).append('\n'));
        if (!invalid.isEmpty())
            text.append("  invalid cases (both sides failed alike; the generator's fault):\n    ")
                .append(String.join("\n    ", invalid)).append('\n');
        serverLost.ifPresent(lost -> text.append("SERVER LOST after ").append(lost).append('\n'));
        for (String mismatch : mismatches)
            text.append("MISMATCH (seed ").append(settings.seed()).append(", ").append(settings.rerun())
                .append(" -Dfuzz.case=").append(caseNumber(mismatch)).append("): ").append(mismatch).append('\n');
        return text.toString();
    }

    /**
     * The first failure in a few lines, for the assertion's own message: CI keeps only the tail of a build's log, where
     * the report printed before it is lost, so the failure must name the seed, the case and what differed by itself.
     */
    public String firstFailure() {
        String failure = serverLost.map(lost -> "SERVER LOST after " + lost)
            .orElseGet(() -> mismatches.isEmpty() ? "none" : "MISMATCH in " + mismatches.get(0));
        String shown = failure.length() > HEADLINE_LENGTH ? failure.substring(0, HEADLINE_LENGTH) + " [...]" : failure;
        return "fuzz " + kind + ", seed " + settings.seed() + " (" + settings.rerun() + "), " + mismatches.size()
            + " mismatch(es): " + shown;
    }

    private static String caseNumber(String report) {
        String[] words = report.split(" ", 4);
        return words.length > 2 ? words[2] : "?";
    }
}
