package io.github.softdelete.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

import io.github.softdelete.it.harness.MariaDbTest;
import io.github.softdelete.it.harness.TestDatabase;

/**
 * {@code --jdbc-url jdbc:mariadb:...}: the demo runs on MariaDB (the harness's server) in a scratch database of its
 * own, which it drops at the end, and every step ends as it does on embedded PostgreSQL, the default.
 */
@MariaDbTest
class DemoOnMariaDbTest {

    @Test
    void mariaDbUrl_runsTheStoryInAScratchDatabase_withPostgresResults(TestDatabase database, DSLContext plain) {
        List<String> before = demoDatabases(plain);

        DemoOutput run = DemoOutput.of(arguments(database));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Running on MariaDB 1", "your server at", "jdbc:mariadb:", "scratch database softdelete_demo_",
                "The end: 8 steps");
        assertThat(demoDatabases(plain)).isEqualTo(before);
        DemoOutput postgres = DemoOutput.of();
        assertThat(postgres.exitCode()).as(postgres.err()).isZero();
        for (int step = 1; step <= 8; step++) {
            assertThat(results(run, step)).as("step %d", step).isEqualTo(results(postgres, step));
        }
    }

    // A step's result, its timestamps made one, and each refusal's message cut after what it refuses: where a unique
    // key refuses a restore, MariaDB's driver does not say which key (the library's message says so), PostgreSQL's does.
    private static List<String> results(DemoOutput run, int step) {
        List<String> lines = new ArrayList<>();
        boolean messageNext = false;
        boolean inMessage = false;
        for (String line : run.section(step, "Result:")) {
            String normalized = line.replaceAll("\\d{4}-\\d\\d-\\d\\d[ T]\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?", "T").strip()
                    .replaceAll("\\s+", " ");
            if (messageNext) {
                lines.add(normalized.contains(":") ? normalized.substring(0, normalized.indexOf(':')) : normalized);
                messageNext = false;
                inMessage = true;
            } else if (!(inMessage && line.startsWith("    "))) {
                inMessage = false;
                messageNext = normalized.endsWith("refused, SoftDeleteException:");
                lines.add(normalized);
            }
        }
        return lines;
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
        return plain.fetch("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'softdelete\\_demo\\_%'")
                .getValues(0, String.class);
    }
}
