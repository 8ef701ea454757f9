package io.github.softdelete.it.fuzz;

import io.github.softdelete.it.harness.PostgresServers;

/**
 * {@link StatementFuzzTest} with a listener on the side under test (issue 26): each statement must match the oracle as
 * without it, and its events must say, per table, as many rows stamped as the table lost live rows. Where the policy
 * has listeners a cascading soft delete is rendered otherwise (its steps counted), so this also runs the oracle over
 * that form. Through SQL text (on MariaDB; see below for PostgreSQL) the events are checked too.
 */
class StatementFuzzWithListenersTest extends StatementFuzzTest {

    /**
     * Not run: while the policy has listeners, a cascading DELETE ... RETURNING sent as SQL text is refused on
     * PostgreSQL (its rows are read after the statement returns, too late to tell), and one in six of the fuzzer's
     * DELETEs has RETURNING. The SQL-text path with listeners is checked in CascadeEventsTest; without them, by
     * StatementFuzzTest.
     */
    @Override
    @org.junit.jupiter.api.Disabled("a cascading DELETE ... RETURNING as SQL text is refused while listening (see the javadoc)")
    void statementsAsSqlText_randomUpdatesAndDeletes_leaveTheOraclesLiveRows() {
    }

    @Override
    FuzzDatabases create(RandomDataset dataset) {
        return FuzzDatabases.createListening(PostgresServers.shared(), dataset);
    }
}
