package io.github.softdelete.it.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

@PostgresTest
class PostgresServersTest {

    @Test
    void start_noSourceWorks_namesEachSourceAndItsRemedy() {
        List<ServerSource<PostgresServer>> sources = List.of(
                new EnvironmentSource(Map.<String, String>of()::get),
                new Unavailable("Docker", "no Docker engine found.", "Start Docker."),
                new Unavailable("embedded", "starting it failed: boom", "Check tmp."));

        assertThatThrownBy(() -> PostgresServers.start(sources))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1. your own server (SOFTDELETE_JDBC_URL): SOFTDELETE_JDBC_URL is not set.")
                .hasMessageContaining("Set SOFTDELETE_JDBC_URL")
                .hasMessageContaining("2. Docker: no Docker engine found.\n   Start Docker.")
                .hasMessageContaining("3. embedded: starting it failed: boom\n   Check tmp.");
    }

    @Test
    void envSource_unreachableServer_failsWithoutFallingBack() {
        var environment = Map.of(EnvironmentSource.URL, "jdbc:postgresql://127.0.0.1:1/postgres?connectTimeout=5");

        assertThatThrownBy(() -> new EnvironmentSource(environment::get).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SOFTDELETE_JDBC_URL is jdbc:postgresql://127.0.0.1:1/postgres")
                .hasMessageContaining("unset SOFTDELETE_JDBC_URL");
    }

    @Test
    void createMigratedDatabase_roleWithoutCreatedb_saysHowToGrantIt(DSLContext dsl) {
        assumeTrue(dsl.fetchValue(DSL.field("(select rolsuper or rolcreaterole from pg_roles where rolname = current_user)",
                Boolean.class)), "the harness's role may not create roles");
        String role = "softdelete_nocreatedb_" + Long.toString(System.nanoTime(), 36);
        dsl.execute("create role " + role + " login password 'secret' nocreatedb");
        // Without parameters: a user=... there would override the role under test.
        JdbcUrl url = JdbcUrl.parse(PostgresServers.shared().adminUrl().withoutParameters());
        try (PostgresServer limited = new PostgresServer("test", url, role, "secret", () -> { })) {
            assertThatThrownBy(limited::createMigratedDatabase)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Role \"" + role + "\" may not create databases")
                    .hasMessageContaining("ALTER ROLE \"" + role + "\" CREATEDB");
        } finally {
            dsl.execute("drop role " + role);
        }
    }

    private record Unavailable(String name, String reason, String howToProvide) implements ServerSource<PostgresServer> {
        @Override
        public PostgresServer start() throws SourceUnavailableException {
            throw new SourceUnavailableException(reason);
        }
    }
}
