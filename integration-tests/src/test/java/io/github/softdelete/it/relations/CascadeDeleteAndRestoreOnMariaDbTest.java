package io.github.softdelete.it.relations;

import io.github.softdelete.it.harness.MariaDbTest;

/** {@link CascadeDeleteAndRestoreTest} on MariaDB. */
@MariaDbTest
class CascadeDeleteAndRestoreOnMariaDbTest extends CascadeDeleteAndRestoreTest {
}
