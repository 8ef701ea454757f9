package io.github.softdelete.it.guarantees;

import io.github.softdelete.it.harness.MariaDbTest;

/** {@link RestoreWithParentsTest} on MariaDB. */
@MariaDbTest
class RestoreWithParentsOnMariaDbTest extends RestoreWithParentsTest {
}
