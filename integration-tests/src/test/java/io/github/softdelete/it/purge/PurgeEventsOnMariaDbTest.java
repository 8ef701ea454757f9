package io.github.softdelete.it.purge;

import io.github.softdelete.it.harness.MariaDbTest;

/** {@link PurgeEventsTest} on MariaDB, whose batches count the database's own actions before the DELETE. */
@MariaDbTest
class PurgeEventsOnMariaDbTest extends PurgeEventsTest {
}
