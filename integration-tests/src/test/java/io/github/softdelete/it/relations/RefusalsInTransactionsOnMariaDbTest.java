package io.github.softdelete.it.relations;

import io.github.softdelete.it.harness.MariaDbTest;

/** {@link RefusalsInTransactionsTest} on MariaDB. */
@MariaDbTest
class RefusalsInTransactionsOnMariaDbTest extends RefusalsInTransactionsTest {
}
