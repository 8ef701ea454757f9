package io.github.softdelete.it.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * A mariadbd the harness started that ends on its own (a crash, or here a SHUTDOWN) is reported with its exit and the
 * end of its error log, wherever the harness next fails to reach it. CI's run lost its server once in a read fuzz and
 * every later MariaDB class failed on "connection refused", with nothing to say why.
 */
class LostMariaDbServerTest {

    @Test
    void serverThatEndedOnItsOwn_isReportedWithItsExitAndErrorLog() throws Exception {
        try (MariaDbServer server = MariaDbServers.startOwn()) {
            assertThat(server.lost()).isEmpty();

            shutDown(server);

            assertThat(server.lost()).hasValueSatisfying(why -> assertThat(why)
                    .contains("exited with code 0 while the tests ran")
                    .contains("error.log")
                    .contains("Shutdown complete"));
            assertThatThrownBy(() -> server.createMigratedDatabase("after"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("CREATE DATABASE")
                    .hasMessageContaining("exited with code 0 while the tests ran");
        }
    }

    @Test
    void serverStoppedByTheHarness_isNotLost() {
        MariaDbServer server = MariaDbServers.startOwn();

        server.close();

        assertThat(server.lost()).isEmpty();
    }

    /** Ends the server as a crash would, as far as its clients see: the process goes while they hold connections. */
    static void shutDown(MariaDbServer server) throws SQLException, InterruptedException {
        try (Connection connection = server.connect(server.adminUrl().database()); Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        }
        for (int i = 0; i < 600 && server.lost().isEmpty(); i++) {
            Thread.sleep(50); // waits for the process to end, not for an interleaving
        }
    }
}
