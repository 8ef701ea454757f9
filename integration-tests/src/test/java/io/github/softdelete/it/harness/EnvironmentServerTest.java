package io.github.softdelete.it.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Properties;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** Runs only when SOFTDELETE_JDBC_URL is set: then the tests must use exactly that server. */
@PostgresTest
class EnvironmentServerTest {

    private static final Field<OffsetDateTime> START_TIME = DSL.field("pg_postmaster_start_time()", OffsetDateTime.class);

    @Test
    void envUrl_harnessDatabaseLivesOnThatServer(DSLContext harness) throws SQLException {
        String url = System.getenv(EnvironmentSource.URL);
        assumeTrue(url != null && !url.isBlank(), EnvironmentSource.URL + " is not set");
        String harnessDatabase = harness.fetchValue(DSL.field("current_database()", String.class));
        OffsetDateTime harnessStart = harness.fetchValue(START_TIME);

        try (Connection connection = DriverManager.getConnection(url.trim(), credentials())) {
            DSLContext direct = DSL.using(connection, SQLDialect.POSTGRES);

            // The harness's database has a random name, so finding it proves it is the same server.
            assertThat(direct.fetchExists(DSL.selectOne().from("pg_database").where("datname = ?", harnessDatabase)))
                    .as("database %s on the server at %s", harnessDatabase, EnvironmentSource.URL)
                    .isTrue();
            assertThat(direct.fetchValue(START_TIME))
                    .isEqualTo(harnessStart);
        }
        assertThat(PostgresServers.shared().source()).contains(EnvironmentSource.URL);
    }

    private static Properties credentials() {
        Properties properties = new Properties();
        String user = System.getenv(EnvironmentSource.USER);
        String password = System.getenv(EnvironmentSource.PASSWORD);
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return properties;
    }
}
