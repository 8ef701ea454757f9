package io.github.softdelete.it.fuzz;

import org.junit.jupiter.api.Test;

/**
 * Differential test of UPDATE and DELETE statements with subqueries: each runs through the listener on
 * the full data and physically on the live oracle, and both must leave the same live rows in every
 * table (see {@link LiveRows} for the two documented differences), with the same count, and refuse a
 * RESTRICT violation alike. 1,000 statements by default; {@code -Dfuzz.statements} and
 * {@code -Dfuzz.seed} (or {@code FUZZ_STATEMENTS}, {@code FUZZ_SEED}) change both. Separate from
 * {@link ReadFuzzTest} so that each can run alone: {@code -Dtest=StatementFuzzTest}.
 */
class StatementFuzzTest extends OracleFuzzTest {

    StatementFuzzTest() {
        super(0, 1_000);
    }

    @Test
    void statements_randomUpdatesAndDeletes_leaveTheOraclesLiveRows() {
        assertMatchesTheOracle(FuzzRun.statements(databases, settings), "statements");
    }

    /** The same statements as SQL text, through {@code SoftDelete.dataSource(...)} (see ReadFuzzTest). */
    @Test
    void statementsAsSqlText_randomUpdatesAndDeletes_leaveTheOraclesLiveRows() {
        assertMatchesTheOracleAsSqlText(FuzzRun.statementsAsSqlText(databases, settings), "statements");
    }
}
