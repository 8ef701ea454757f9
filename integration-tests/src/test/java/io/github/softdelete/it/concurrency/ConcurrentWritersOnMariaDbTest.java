package io.github.softdelete.it.concurrency;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.softdelete.it.harness.MariaDbTest;

/**
 * {@link ConcurrentWritersTest} on MariaDB, at READ COMMITTED, at its default REPEATABLE READ and at SERIALIZABLE, in
 * both orders: READ COMMITTED's outcome at every level (see the class comment there).
 */
@MariaDbTest
class ConcurrentWritersOnMariaDbTest extends ConcurrentWritersTest {

    @Override
    @Disabled("core bug: SoftDelete.dataSource runs no StagedStatements on MariaDB; a cascading DELETE sent as SQL text"
        + " fails with 1146 (no key table) on a fresh connection, and deletes nothing on one that ran a cascade before"
        + " (SqlTextDeletesOnMariaDbTest)")
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("levelsAndOrders")
    void insertChild_deleteParent_throughSqlTextAndJdbcTemplate(Isolation isolation, Order order) throws Exception {
        super.insertChild_deleteParent_throughSqlTextAndJdbcTemplate(isolation, order);
    }
}
