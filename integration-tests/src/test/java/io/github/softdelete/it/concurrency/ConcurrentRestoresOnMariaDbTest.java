package io.github.softdelete.it.concurrency;

import java.sql.Connection;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

import io.github.softdelete.it.harness.MariaDbTest;
import io.github.softdelete.it.harness.TestDatabase;

/** {@link ConcurrentRestoresTest} on MariaDB, at READ COMMITTED and at MariaDB's default, REPEATABLE READ. */
@MariaDbTest
class ConcurrentRestoresOnMariaDbTest extends ConcurrentRestoresTest {

    ConcurrentRestoresOnMariaDbTest(TestDatabase database) {
        super(database);
    }

    // Hides ConcurrentRestoresTest's: JUnit takes the test class's own factory method.
    static Stream<Arguments> levelsAndOrders() {
        return Stream.of(Connection.TRANSACTION_READ_COMMITTED, Connection.TRANSACTION_REPEATABLE_READ)
            .flatMap(level -> Stream.of(Order.values()).map(order -> Arguments.of(level, order)));
    }
}
