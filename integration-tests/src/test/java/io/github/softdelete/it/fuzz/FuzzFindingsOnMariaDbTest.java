package io.github.softdelete.it.fuzz;

import io.github.softdelete.it.harness.MariaDbTest;

/** {@link FuzzFindingsTest} on MariaDB, where the statement fuzzer found both. */
@MariaDbTest
class FuzzFindingsOnMariaDbTest extends FuzzFindingsTest {
}
