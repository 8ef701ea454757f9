package io.github.softdelete.it.fuzz;


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
}
