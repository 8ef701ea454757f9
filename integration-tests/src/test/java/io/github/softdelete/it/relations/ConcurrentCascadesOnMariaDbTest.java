package io.github.softdelete.it.relations;

import java.util.stream.Stream;

import io.github.softdelete.it.harness.MariaDbTest;

/** {@link ConcurrentCascadesTest} on MariaDB, at its default REPEATABLE READ and at READ COMMITTED. */
@MariaDbTest
class ConcurrentCascadesOnMariaDbTest extends ConcurrentCascadesTest {

    // Hides ConcurrentCascadesTest's: JUnit takes the test class's own factory method.
    static Stream<String> isolations() {
        return Stream.of("repeatable read", "read committed");
    }
}
