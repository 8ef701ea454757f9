package io.github.softdelete.it.write;

import io.github.softdelete.it.harness.MariaDbTest;

/** {@link UpdateAndMarkerGuardTest} on MariaDB. */
@MariaDbTest
class UpdateAndMarkerGuardOnMariaDbTest extends UpdateAndMarkerGuardTest {
}
