package io.github.softdelete.it.guarantees;

import io.github.softdelete.it.harness.MariaDbTest;

/** {@link LiveParentsTest} on MariaDB. */
@MariaDbTest
class LiveParentsOnMariaDbTest extends LiveParentsTest {
}
