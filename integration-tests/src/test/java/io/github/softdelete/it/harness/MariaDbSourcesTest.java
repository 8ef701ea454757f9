package io.github.softdelete.it.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules of the MariaDB sources, without a server. */
class MariaDbSourcesTest {

    @Test
    void envSource_urlNotSet_isUnavailable() {
        assertThatThrownBy(() -> new MariaDbEnvironmentSource(Map.<String, String>of()::get).start())
                .isInstanceOf(SourceUnavailableException.class)
                .hasMessage("SOFTDELETE_MARIADB_URL is not set.");
    }

    @Test
    void envSource_blankUrl_isUnavailable() {
        var environment = Map.of(MariaDbEnvironmentSource.URL, "  ");

        assertThatThrownBy(() -> new MariaDbEnvironmentSource(environment::get).start())
                .isInstanceOf(SourceUnavailableException.class);
    }

    @Test
    void envSource_unreachableServer_failsWithoutFallingBack() {
        var environment = Map.of(MariaDbEnvironmentSource.URL, "jdbc:mariadb://127.0.0.1:1/?connectTimeout=5000",
                MariaDbEnvironmentSource.USER, "someone");

        assertThatThrownBy(() -> new MariaDbEnvironmentSource(environment::get).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SOFTDELETE_MARIADB_URL is jdbc:mariadb://127.0.0.1:1/,")
                .hasMessageContaining("as \"someone\" failed")
                .hasMessageContaining("unset SOFTDELETE_MARIADB_URL");
    }

    @Test
    void envSource_postgresUrl_failsNamingTheExpectedScheme() {
        var environment = Map.of(MariaDbEnvironmentSource.URL, "jdbc:postgresql://localhost:5432/postgres");

        assertThatThrownBy(() -> new MariaDbEnvironmentSource(environment::get).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not a MariaDB JDBC URL: it must start with jdbc:mariadb:")
                .hasMessageContaining("unset SOFTDELETE_MARIADB_URL");
    }

    @Test
    void installedSource_noMariadbd_namesWhereItLooked(@TempDir Path empty) {
        assertThatThrownBy(() -> new InstalledMariaDbSource(List.of(empty)).start())
                .isInstanceOf(SourceUnavailableException.class)
                .hasMessage("no mariadbd in [" + empty + "].");
    }

    @Test
    void start_noSourceWorks_saysHowToProvideOne(@TempDir Path empty) {
        List<ServerSource<MariaDbServer>> sources = List.of(
                new MariaDbEnvironmentSource(Map.<String, String>of()::get), new InstalledMariaDbSource(List.of(empty)));

        assertThatThrownBy(() -> MariaDbServers.start(sources))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("No MariaDB server for the tests. Tried, in order:\n")
                .hasMessageContaining("1. your own MariaDB server (SOFTDELETE_MARIADB_URL): SOFTDELETE_MARIADB_URL is not set.\n"
                        + "   Set SOFTDELETE_MARIADB_URL (e.g. jdbc:mariadb://localhost:3306/), SOFTDELETE_MARIADB_USER and"
                        + " SOFTDELETE_MARIADB_PASSWORD")
                .hasMessageContaining("2. mariadbd installed on this machine: no mariadbd in [" + empty + "].\n"
                        + "   Install Debian's MariaDB server (as root: apt-get install mariadb-server)");
    }
}
