package io.github.softdelete.it.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.softdelete.it.harness.PostgresServers;

/**
 * Differential leak test of reads: random queries through the listener against the oracle. 2,000
 * queries by default, from a random seed that a failure prints; {@code -Dfuzz.queries} and
 * {@code -Dfuzz.seed} (or {@code FUZZ_QUERIES}, {@code FUZZ_SEED}) change both.
 */
class ReadFuzzTest {

    /** More than this share of invalid queries means the generator has rotted, and the run proves too little. */
    private static final double MAX_INVALID_SHARE = 0.01;
    /** On the SQL-text path, statements jOOQ's parser refuses count too. */
    private static final double MAX_UNPARSED_SHARE = 0.05;

    private static FuzzSettings settings;
    private static FuzzDatabases databases;

    @BeforeAll
    static void createDatabases() {
        settings = FuzzSettings.fromEnvironment(2_000, 0);
        databases = FuzzDatabases.create(PostgresServers.shared(), RandomDataset.generate(settings.datasetSeed()));
    }

    @AfterAll
    static void dropDatabases() {
        if (databases != null)
            databases.close();
    }

    @Test
    void reads_randomQueries_matchTheOracle() {
        FuzzRun run = FuzzRun.reads(databases, settings);
        System.out.println(run.summary());

        assertThat(run.passed()).as("mismatches, see the report above").isTrue();
        assertThat(run.count(Outcome.Verdict.INVALID)).as("invalid queries, see the report above")
            .isLessThanOrEqualTo((int) (run.cases() * MAX_INVALID_SHARE));
    }

    /**
     * The same reads as SQL text: rendered without the listener, sent through {@code SoftDelete.dataSource(...)},
     * which parses and rewrites them. A query that jOOQ's parser refuses is counted, not failed; there
     * must be few.
     */
    @Test
    void readsAsSqlText_randomQueries_matchTheOracle() {
        FuzzRun run = FuzzRun.readsAsSqlText(databases, settings);
        System.out.println(run.summary());

        assertThat(run.passed()).as("mismatches, see the report above").isTrue();
        assertThat(run.count(Outcome.Verdict.INVALID) + run.count(Outcome.Verdict.UNPARSED)).as("invalid or unparsed queries")
            .isLessThanOrEqualTo((int) (run.cases() * MAX_UNPARSED_SHARE));
    }
}
