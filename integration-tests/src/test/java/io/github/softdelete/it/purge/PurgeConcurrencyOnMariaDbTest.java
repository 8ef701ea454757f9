package io.github.softdelete.it.purge;

import io.github.softdelete.it.harness.MariaDbTest;

/** {@link PurgeConcurrencyTest} on MariaDB. */
@MariaDbTest
class PurgeConcurrencyOnMariaDbTest extends PurgeConcurrencyTest {
}
