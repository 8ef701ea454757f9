package io.github.softdelete.it.fuzz;

import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * How much to fuzz and from which seed. Each setting is read from a system property, else from an
 * environment variable, else it takes the caller's default:
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>property</th><th>variable</th><th>meaning</th></tr>
 *   <tr><td>{@code fuzz.seed}</td><td>{@code FUZZ_SEED}</td><td>the run's seed, printed; when unset, the test's default
 *   (random on PostgreSQL, fixed on MariaDB); {@code random} for a random one</td></tr>
 *   <tr><td>{@code fuzz.queries}</td><td>{@code FUZZ_QUERIES}</td><td>how many reads</td></tr>
 *   <tr><td>{@code fuzz.statements}</td><td>{@code FUZZ_STATEMENTS}</td><td>how many UPDATEs and DELETEs</td></tr>
 *   <tr><td>{@code fuzz.case}</td><td>{@code FUZZ_CASE}</td><td>run only the case with this number (to reproduce one)</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe.
 *
 * @param seed       the run's seed: it fixes the dataset and every case
 * @param reads      how many reads
 * @param statements how many statements
 * @param onlyCase   the one case to run, or -1 for all
 */
public record FuzzSettings(long seed, int reads, int statements, int onlyCase) {

    /** The value of {@code fuzz.seed} that asks for a random seed. */
    public static final String RANDOM = "random";

    /**
     * The settings from system properties and environment variables, with these defaults for the counts.
     *
     * @param defaultReads      the number of reads when none is set
     * @param defaultStatements the number of statements when none is set
     * @return the settings
     * @throws IllegalArgumentException when a count or the seed is not a number
     */
    public static FuzzSettings fromEnvironment(int defaultReads, int defaultStatements) {
        return fromEnvironment(defaultReads, defaultStatements, OptionalLong.empty());
    }

    /**
     * As {@link #fromEnvironment(int, int)}, with {@code defaultSeed} where no seed is set (random when it is empty).
     * {@code -Dfuzz.seed=random} asks for a random seed whatever the default.
     *
     * @param defaultReads      the number of reads when none is set
     * @param defaultStatements the number of statements when none is set
     * @param defaultSeed       the seed when none is set, or empty for a random one
     * @return the settings
     * @throws IllegalArgumentException when a count or the seed is not a number
     */
    public static FuzzSettings fromEnvironment(int defaultReads, int defaultStatements, OptionalLong defaultSeed) {
        String seed = setting("fuzz.seed", "FUZZ_SEED");
        long chosen = seed == null ? defaultSeed.orElseGet(() -> new SplittableRandom().nextLong())
            : RANDOM.equalsIgnoreCase(seed) ? new SplittableRandom().nextLong() : seed(seed);
        return new FuzzSettings(chosen,
            count("fuzz.queries", "FUZZ_QUERIES", defaultReads), count("fuzz.statements", "FUZZ_STATEMENTS", defaultStatements),
            count("fuzz.case", "FUZZ_CASE", -1));
    }

    /** The seed of the run's dataset. */
    public long datasetSeed() {
        return QueryGenerator.caseSeed(seed ^ 0x0DA7A5E7L, 0);
    }

    /** The seed of read case {@code index}. */
    public long readSeed(int index) {
        return QueryGenerator.caseSeed(seed, index);
    }

    /** The seed of statement case {@code index}. */
    public long statementSeed(int index) {
        return QueryGenerator.caseSeed(seed ^ 0x57A7E3E7L, index);
    }

    /** The flags that repeat this run, for messages. */
    public String rerun() {
        return "-Dfuzz.seed=" + seed;
    }

    private static long seed(String value) {
        try {
            return Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fuzz.seed (or FUZZ_SEED) is \"" + value + "\", not a number; set it to"
                + " a whole number such as 42, or to \"random\" for a random seed", e);
        }
    }

    private static int count(String property, String variable, int fallback) {
        String value = setting(property, variable);
        if (value == null)
            return fallback;
        try {
            return Integer.parseInt(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(property + " (or " + variable + ") is \"" + value + "\", not a number;"
                + " set it to a whole number such as 100000", e);
        }
    }

    private static String setting(String property, String variable) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank())
            value = System.getenv(variable);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
