package io.github.softdelete.it.guarantees;

import io.github.softdelete.it.harness.MariaDbTest;

/** {@link TruncateTest} on MariaDB. */
@MariaDbTest
class TruncateOnMariaDbTest extends TruncateTest {
}
