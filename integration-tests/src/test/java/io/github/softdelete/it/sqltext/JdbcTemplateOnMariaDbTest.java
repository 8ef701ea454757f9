package io.github.softdelete.it.sqltext;

import io.github.softdelete.it.harness.MariaDbTest;

/** {@link JdbcTemplateTest} on MariaDB. */
@MariaDbTest
class JdbcTemplateOnMariaDbTest extends JdbcTemplateTest {
}
