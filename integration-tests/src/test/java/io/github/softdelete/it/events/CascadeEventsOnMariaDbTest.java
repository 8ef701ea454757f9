package io.github.softdelete.it.events;

import io.github.softdelete.it.harness.MariaDbTest;

/** {@link CascadeEventsTest} on MariaDB's cascades of several statements, each of which reports its own rows. */
@MariaDbTest
class CascadeEventsOnMariaDbTest extends CascadeEventsTest {
}
