package io.github.softdelete.it.read;

import io.github.softdelete.it.harness.MariaDbTest;

/** {@link ReadFilteringMatrixTest} on MariaDB. */
@MariaDbTest
class ReadFilteringMatrixOnMariaDbTest extends ReadFilteringMatrixTest {
}
