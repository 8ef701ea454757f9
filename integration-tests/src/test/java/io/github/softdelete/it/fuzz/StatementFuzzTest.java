package io.github.softdelete.it.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.softdelete.it.harness.PostgresServers;

/**
 * Differential test of UPDATE and DELETE statements with subqueries: each runs through the listener on
 * the full data and physically on the live oracle, and both must leave the same live rows in every
 * table (see {@link LiveRows} for the two documented differences), with the same count, and refuse a
 * RESTRICT violation alike. 1,000 statements by default; {@code -Dfuzz.statements} and
 * {@code -Dfuzz.seed} (or {@code FUZZ_STATEMENTS}, {@code FUZZ_SEED}) change both. Separate from
 * {@link ReadFuzzTest} so that each can run alone: {@code -Dtest=StatementFuzzTest}.
 */
class StatementFuzzTest {

    private static final double MAX_INVALID_SHARE = 0.01;
    /** On the SQL-text path, statements jOOQ's parser refuses count too. */
    private static final double MAX_UNPARSED_SHARE = 0.05;

    private static FuzzSettings settings;
    private static FuzzDatabases databases;

    @BeforeAll
    static void createDatabases() {
        settings = FuzzSettings.fromEnvironment(0, 1_000);
        databases = FuzzDatabases.create(PostgresServers.shared(), RandomDataset.generate(settings.datasetSeed()));
    }

    @AfterAll
    static void dropDatabases() {
        if (databases != null)
            databases.close();
    }

    @Test
    void statements_randomUpdatesAndDeletes_leaveTheOraclesLiveRows() {
        FuzzRun run = FuzzRun.statements(databases, settings);
        System.out.println(run.summary());

        assertThat(run.passed()).as("mismatches, see the report above").isTrue();
        assertThat(run.count(Outcome.Verdict.INVALID)).as("invalid statements, see the report above")
            .isLessThanOrEqualTo((int) (run.cases() * MAX_INVALID_SHARE));
    }

    /** The same statements as SQL text, through {@code SoftDelete.dataSource(...)} (see ReadFuzzTest). */
    @Test
    void statementsAsSqlText_randomUpdatesAndDeletes_leaveTheOraclesLiveRows() {
        FuzzRun run = FuzzRun.statementsAsSqlText(databases, settings);
        System.out.println(run.summary());

        assertThat(run.passed()).as("mismatches, see the report above").isTrue();
        assertThat(run.count(Outcome.Verdict.INVALID) + run.count(Outcome.Verdict.UNPARSED)).as("invalid or unparsed statements")
            .isLessThanOrEqualTo((int) (run.cases() * MAX_UNPARSED_SHARE));
    }
}
