package io.github.softdelete.examples;

import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

import io.github.softdelete.it.harness.PostgresTest;
import io.github.softdelete.it.harness.TestDatabase;

/**
 * {@code --jdbc-url}: the demo runs in a scratch database of its own on that server, drops it at the
 * end, and leaves the database of the URL alone. The server is the test harness's.
 */
@PostgresTest
class DemoOnOwnServerTest {

    @Test
    void jdbcUrl_runsInAScratchDatabase_dropsIt_andLeavesTheUrlsDatabaseAlone(TestDatabase database, DSLContext plain) {
        List<String> before = demoDatabases(plain);

        DemoOutput run = DemoOutput.of(arguments(database));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("your server at", "scratch database softdelete_demo_", "The end: 8 steps");
        assertThat(demoDatabases(plain)).isEqualTo(before);
        assertThat(plain.fetchCount(USERS)).isZero();
    }

    private static String[] arguments(TestDatabase database) {
        List<String> args = new ArrayList<>(List.of("--jdbc-url", database.jdbcUrl()));
        if (database.user() != null) {
            args.addAll(List.of("--user", database.user()));
        }
        if (database.password() != null) {
            args.addAll(List.of("--password", database.password()));
        }
        return args.toArray(String[]::new);
    }

    private static List<String> demoDatabases(DSLContext plain) {
        return plain.fetch("SELECT datname FROM pg_database WHERE datname LIKE 'softdelete\\_demo\\_%' ORDER BY 1")
                .getValues(0, String.class);
    }
}
