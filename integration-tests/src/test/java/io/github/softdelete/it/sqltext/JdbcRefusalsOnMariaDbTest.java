package io.github.softdelete.it.sqltext;

import io.github.softdelete.it.harness.MariaDbTest;

/** {@link JdbcRefusalsTest} on MariaDB. */
@MariaDbTest
class JdbcRefusalsOnMariaDbTest extends JdbcRefusalsTest {
}
