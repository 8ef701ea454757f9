package io.github.softdelete.it.sqltext;

import io.github.softdelete.it.harness.MariaDbTest;

/** {@link PlainSqlParsingTest} on MariaDB. */
@MariaDbTest
class PlainSqlParsingOnMariaDbTest extends PlainSqlParsingTest {
}
