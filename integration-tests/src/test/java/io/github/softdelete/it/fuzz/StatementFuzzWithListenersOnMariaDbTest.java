package io.github.softdelete.it.fuzz;

import io.github.softdelete.it.harness.MariaDbServers;

/** {@link StatementFuzzWithListenersTest} on MariaDB, whose cascades report their statements' rows. */
class StatementFuzzWithListenersOnMariaDbTest extends StatementFuzzOnMariaDbTest {

    @Override
    FuzzDatabases create(RandomDataset dataset) {
        return FuzzDatabases.createListening(MariaDbServers.shared(), dataset);
    }
}
