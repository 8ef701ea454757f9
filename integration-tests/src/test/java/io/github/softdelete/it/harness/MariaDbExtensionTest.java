package io.github.softdelete.it.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

@MariaDbTest
class MariaDbExtensionTest {

    private static final Field<String> CURRENT_DATABASE = DSL.field("database()", String.class);

    @Test
    void parameters_allResolveToTheClassDatabase(TestDatabase database, DataSource dataSource, DSLContext dsl)
            throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.getCatalog()).isEqualTo(database.name());
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("MariaDB");
        }
        assertThat(dsl.fetchValue(CURRENT_DATABASE)).isEqualTo(database.name());
        assertThat(dsl.dialect()).isEqualTo(SQLDialect.MARIADB);
        assertThat(database.dialect()).isEqualTo(SQLDialect.MARIADB);
        assertThat(database.name()).startsWith("softdelete_mariadbextensiontest_");
        assertThat(database.jdbcUrl()).startsWith("jdbc:mariadb://").contains("/" + database.name() + "?");
    }

    @Test
    void newConfiguration_isFreshEachTime(TestDatabase database) {
        assertThat(database.newConfiguration()).isNotSameAs(database.newConfiguration());
        assertThat(DSL.using(database.newConfiguration()).fetchValue(CURRENT_DATABASE)).isEqualTo(database.name());
        assertThat(database.newConfiguration().dialect()).isEqualTo(SQLDialect.MARIADB);
    }

    @Test
    void database_isCaseSensitiveUtf8(DSLContext dsl) {
        // CREATE DATABASE sets it, so it holds on a server of your own too.
        assertThat(dsl.fetchSingle("select @@character_set_database, @@collation_database").intoArray())
                .containsExactly("utf8mb4", "utf8mb4_bin");
        assertThat(dsl.fetchValue(DSL.field("'Bob' = 'bob'", Integer.class))).isZero();
    }

    @Test
    void session_runsInUtc(DSLContext dsl) {
        assertThat(dsl.fetchValue(DSL.field("@@session.time_zone", String.class))).isEqualTo("+00:00");
    }

    @Test
    void twoTestClasses_getDifferentDatabases_droppedAfterwards(DSLContext dsl) {
        Events events = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(FirstClass.class), selectClass(SecondClass.class))
                .execute()
                .testEvents();
        events.assertStatistics(stats -> stats.succeeded(4).failed(0));

        List<String> first = reported(events, "first");
        List<String> second = reported(events, "second");
        assertThat(first).hasSize(2).containsOnly(first.get(0));
        assertThat(second).hasSize(2).containsOnly(second.get(0));
        assertThat(first.get(0)).isNotEqualTo(second.get(0));
        assertThat(dsl.fetchExists(DSL.selectOne().from("information_schema.SCHEMATA")
                .where("SCHEMA_NAME in (?, ?)", first.get(0), second.get(0))))
                .as("databases of finished test classes are dropped")
                .isFalse();
    }

    @Test
    void postgresTestSubclass_runsOnMariaDb_andPostgresStepsAside() {
        Events events = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(OnPostgres.class), selectClass(OnMariaDb.class))
                .execute()
                .testEvents();
        events.assertStatistics(stats -> stats.succeeded(2).failed(0));

        List<Map<String, String>> reports = events.reportingEntryPublished()
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                .toList();
        assertThat(reports).extracting(report -> report.get("class") + " " + report.get("dialect") + " "
                        + report.get("dsl") + " " + report.get("dataSource"))
                .containsExactlyInAnyOrder("OnPostgres POSTGRES POSTGRES PostgreSQL", "OnMariaDb MARIADB MARIADB MariaDB");
        assertThat(reports).filteredOn(report -> "OnMariaDb".equals(report.get("class")))
                .extracting(report -> report.get("postgresDatabases"))
                .as("PostgreSQL databases made for the @MariaDbTest subclass")
                .containsExactly("0");
    }

    @Test
    void close_withATransactionLeftOpen_dropsTheDatabaseAnyway(DSLContext dsl) throws SQLException {
        TestDatabase database = MariaDbServers.shared().createMigratedDatabase("left_open");
        try (Connection open = database.dataSource().getConnection()) {
            open.setAutoCommit(false);
            try (Statement statement = open.createStatement()) {
                statement.execute("insert into tags (name) values ('held')");
            }
            database.close();

            assertThat(dsl.fetchExists(DSL.selectOne().from("information_schema.SCHEMATA")
                    .where("SCHEMA_NAME = ?", database.name()))).isFalse();
        }
    }

    private static List<String> reported(Events events, String key) {
        return events.reportingEntryPublished()
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get(key))
                .filter(name -> name != null)
                .toList();
    }

    // Run only through EngineTestKit above: Surefire skips nested classes.

    @MariaDbTest
    static class FirstClass {
        @Test
        void one(DSLContext dsl, TestReporter reporter) {
            reporter.publishEntry("first", dsl.fetchValue(CURRENT_DATABASE));
        }

        @Test
        void two(DSLContext dsl, TestReporter reporter) {
            reporter.publishEntry("first", dsl.fetchValue(CURRENT_DATABASE));
        }
    }

    @MariaDbTest
    static class SecondClass {
        @Test
        void one(DSLContext dsl, TestReporter reporter) {
            reporter.publishEntry("second", dsl.fetchValue(CURRENT_DATABASE));
        }

        @Test
        void two(DSLContext dsl, TestReporter reporter) {
            reporter.publishEntry("second", dsl.fetchValue(CURRENT_DATABASE));
        }
    }

    @PostgresTest
    static class OnPostgres {
        @Test
        void report(TestDatabase database, DSLContext dsl, DataSource dataSource, TestReporter reporter) throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                reporter.publishEntry(Map.of("class", getClass().getSimpleName(), "dialect", database.dialect().name(),
                        "dsl", dsl.dialect().name(), "dataSource", connection.getMetaData().getDatabaseProductName(),
                        "postgresDatabases", Long.toString(postgresDatabasesOf(getClass()))));
            }
        }

        /** The PostgreSQL databases the harness made for {@code testClass}, named after it. */
        private static long postgresDatabasesOf(Class<?> testClass) throws SQLException {
            PostgresServer postgres = PostgresServers.shared();
            try (Connection connection = postgres.connect(postgres.adminUrl().database());
                    Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("select count(*) from pg_database where datname like 'softdelete\\_"
                            + testClass.getSimpleName().toLowerCase(Locale.ROOT) + "\\_%'")) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    @MariaDbTest
    static class OnMariaDb extends OnPostgres {
    }
}
