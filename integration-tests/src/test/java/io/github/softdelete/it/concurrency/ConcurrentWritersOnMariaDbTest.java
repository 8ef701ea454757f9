package io.github.softdelete.it.concurrency;

import io.github.softdelete.it.harness.MariaDbTest;

/**
 * {@link ConcurrentWritersTest} on MariaDB, at READ COMMITTED, at its default REPEATABLE READ and at SERIALIZABLE, in
 * both orders: READ COMMITTED's outcome at every level (see the class comment there).
 */
@MariaDbTest
class ConcurrentWritersOnMariaDbTest extends ConcurrentWritersTest {
}
