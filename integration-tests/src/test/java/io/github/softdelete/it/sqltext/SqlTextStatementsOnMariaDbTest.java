package io.github.softdelete.it.sqltext;

import io.github.softdelete.it.harness.MariaDbTest;

/** {@link SqlTextStatementsTest} on MariaDB. */
@MariaDbTest
class SqlTextStatementsOnMariaDbTest extends SqlTextStatementsTest {
}
