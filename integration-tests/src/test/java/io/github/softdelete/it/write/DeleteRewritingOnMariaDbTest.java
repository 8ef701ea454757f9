package io.github.softdelete.it.write;

import io.github.softdelete.it.harness.MariaDbTest;

/** {@link DeleteRewritingTest} on MariaDB. */
@MariaDbTest
class DeleteRewritingOnMariaDbTest extends DeleteRewritingTest {
}
