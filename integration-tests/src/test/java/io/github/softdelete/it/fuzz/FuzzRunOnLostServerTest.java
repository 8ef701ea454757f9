package io.github.softdelete.it.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import io.github.softdelete.it.harness.MariaDbServers;
import io.github.softdelete.it.harness.MariaDbServer;

/**
 * A fuzz run whose server goes stops at the case after which it went, names that case's SQL and says why the server is
 * gone. Without it, a CI run that lost its MariaDB server in a read fuzz reported only "too many invalid queries".
 */
class FuzzRunOnLostServerTest {

    @Test
    void serverGoneMidRun_runStopsAtThatCase_andReportsItsSqlAndTheServersEnd() throws Exception {
        // The databases are not closed: dropping them needs the server; closing the server forgets them.
        try (MariaDbServer server = MariaDbServers.startOwn()) {
            FuzzDatabases databases = FuzzDatabases.create(server, RandomDataset.generate(1));
            FuzzSettings settings = new FuzzSettings(7, 50, 0, -1);
            try (Connection connection = databases.fullPlain.configuration().connectionProvider().acquire();
                 Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            }
            for (int i = 0; i < 600 && server.lost().isEmpty(); i++)
                Thread.sleep(50); // waits for the process to end, not for an interleaving

            FuzzRun run = FuzzRun.reads(databases, settings);

            assertThat(run.passed()).isFalse();
            assertThat(run.cases()).as("the run stops at its first case, which failed on both sides").isEqualTo(1);
            assertThat(run.serverLost()).hasValueSatisfying(lost -> assertThat(lost)
                .startsWith("case 0 (-Dfuzz.seed=7 -Dfuzz.case=0)")
                .contains(databases.fullPlain.renderInlined(new QueryGenerator(databases.engine()).read(0, settings.readSeed(0)).query()))
                .contains("are broken")
                .contains("mariadbd (pid "));
            assertThat(run.summary()).contains("SERVER LOST after case 0");
        }
    }
}
