package io.github.softdelete.it.write;

import io.github.softdelete.it.harness.MariaDbTest;

/** {@link ProductStoryTest} on MariaDB. */
@MariaDbTest
class ProductStoryOnMariaDbTest extends ProductStoryTest {
}
