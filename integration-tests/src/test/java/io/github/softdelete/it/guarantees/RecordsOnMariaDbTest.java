package io.github.softdelete.it.guarantees;

import io.github.softdelete.it.harness.MariaDbTest;

/** {@link RecordsTest} on MariaDB. */
@MariaDbTest
class RecordsOnMariaDbTest extends RecordsTest {
}
