package io.github.softdelete.it.events;

import io.github.softdelete.it.harness.MariaDbTest;

/** {@link SingleTableEventsTest} on MariaDB. */
@MariaDbTest
class SingleTableEventsOnMariaDbTest extends SingleTableEventsTest {
}
