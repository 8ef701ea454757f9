package io.github.softdelete.it.write;

import io.github.softdelete.it.harness.MariaDbTest;

/** {@link RestoreTest} on MariaDB. */
@MariaDbTest
class RestoreOnMariaDbTest extends RestoreTest {
}
