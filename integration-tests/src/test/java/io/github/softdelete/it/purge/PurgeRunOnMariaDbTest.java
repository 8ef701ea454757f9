package io.github.softdelete.it.purge;

import io.github.softdelete.it.harness.MariaDbTest;

/** {@link PurgeTest} on MariaDB, where a batch locks its rows, counts, then deletes (LockingBatch). */
@MariaDbTest
class PurgeRunOnMariaDbTest extends PurgeTest {
}
