package io.github.softdelete.it.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

@PostgresTest
class PostgresExtensionTest {

    private static final Field<String> CURRENT_DATABASE = DSL.field("current_database()", String.class);

    @Test
    void parameters_allResolveToTheClassDatabase(TestDatabase database, DataSource dataSource, DSLContext dsl)
            throws Exception {
        try (var connection = dataSource.getConnection()) {
            assertThat(connection.getCatalog()).isEqualTo(database.name());
        }
        assertThat(dsl.fetchValue(CURRENT_DATABASE)).isEqualTo(database.name());
        assertThat(database.name()).startsWith("softdelete_postgresextensiontest_");
    }

    @Test
    void newConfiguration_isFreshEachTime(TestDatabase database) {
        assertThat(database.newConfiguration()).isNotSameAs(database.newConfiguration());
        assertThat(DSL.using(database.newConfiguration()).fetchValue(CURRENT_DATABASE))
                .isEqualTo(database.name());
    }

    @Test
    void twoTestClasses_getDifferentDatabases_droppedAfterwards(DSLContext dsl) {
        Events events = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(FirstClass.class), selectClass(SecondClass.class))
                .execute()
                .testEvents();
        events.assertStatistics(stats -> stats.succeeded(4).failed(0));

        List<String> first = databasesReportedBy(events, "first");
        List<String> second = databasesReportedBy(events, "second");
        assertThat(first).hasSize(2).containsOnly(first.get(0));
        assertThat(second).hasSize(2).containsOnly(second.get(0));
        assertThat(first.get(0)).isNotEqualTo(second.get(0));
        assertThat(dsl.fetchExists(DSL.selectOne().from("pg_database")
                .where("datname in (?, ?)", first.get(0), second.get(0))))
                .as("databases of finished test classes are dropped")
                .isFalse();
    }

    private static List<String> databasesReportedBy(Events events, String key) {
        return events.reportingEntryPublished()
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get(key))
                .filter(name -> name != null)
                .toList();
    }

    // Run only through EngineTestKit above: Surefire skips nested classes.

    @PostgresTest
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

    @PostgresTest
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
}
