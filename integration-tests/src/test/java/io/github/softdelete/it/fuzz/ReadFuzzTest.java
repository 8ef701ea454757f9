package io.github.softdelete.it.fuzz;

import org.junit.jupiter.api.Test;

/**
 * Differential leak test of reads: random queries through the listener against the oracle. 2,000
 * queries by default, from a random seed that a failure prints; {@code -Dfuzz.queries} and
 * {@code -Dfuzz.seed} (or {@code FUZZ_QUERIES}, {@code FUZZ_SEED}) change both.
 */
class ReadFuzzTest extends OracleFuzzTest {

    ReadFuzzTest() {
        super(2_000, 0);
    }

    @Test
    void reads_randomQueries_matchTheOracle() {
        assertMatchesTheOracle(FuzzRun.reads(databases, settings), "queries");
    }

    /**
     * The same reads as SQL text: rendered without the listener, sent through {@code SoftDelete.dataSource(...)},
     * which parses and rewrites them.
     */
    @Test
    void readsAsSqlText_randomQueries_matchTheOracle() {
        assertMatchesTheOracleAsSqlText(FuzzRun.readsAsSqlText(databases, settings), "queries");
    }
}
