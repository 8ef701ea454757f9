package io.github.softdelete.it.fuzz;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import io.github.softdelete.it.harness.MariaDbServers;

/**
 * {@link ReadFuzzTest} on MariaDB: the same reads against MariaDB oracles, 2,000 by default. A shape MariaDB
 * cannot run is counted as an accepted refusal of its kind ({@link MariaDbRefusals}) when both sides refuse it
 * alike; anything else that differs is a mismatch.
 */
class ReadFuzzOnMariaDbTest extends ReadFuzzTest {

    @Override
    FuzzDatabases create(RandomDataset dataset) {
        return FuzzDatabases.create(MariaDbServers.shared(), dataset);
    }

    @Test
    @Disabled("core bug: SQL text naming a table qualified by the database is not the policy's table on MariaDB"
        + " (FuzzFindingsOnMariaDbTest); the reads as SQL text run once it is fixed (issue 25)")
    @Override
    void readsAsSqlText_randomQueries_matchTheOracle() {
        super.readsAsSqlText_randomQueries_matchTheOracle();
    }
}
