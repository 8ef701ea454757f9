package io.github.softdelete.it.purge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.name;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.softdelete.PurgeReport;
import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.SoftDeletePolicy;
import io.github.softdelete.it.fixture.ReferenceData;
import io.github.softdelete.it.harness.MariaDbTest;
import io.github.softdelete.it.harness.PostgresServers;
import io.github.softdelete.it.harness.TestDatabase;

/**
 * A purge on MariaDB, as far as it goes: a purge batch is PostgreSQL's one statement (a DELETE inside WITH ...
 * RETURNING), so a run is refused before anything is read; a dry run reads MariaDB's catalog (the keys into a
 * table from KEY_COLUMN_USAGE, the current database) and forecasts what PostgreSQL forecasts on the same rows.
 */
@MariaDbTest
class PurgeOnMariaDbTest {

    private static final Instant CUTOFF = Instant.parse("2026-06-01T00:00:00Z");

    private static TestDatabase mariaDb;
    private static TestDatabase postgres;
    private static DSLContext plain;
    private static DSLContext ctx;
    private static String billing;

    @BeforeAll
    static void createDatabases(TestDatabase database) {
        mariaDb = database;
        plain = database.dsl();
        postgres = PostgresServers.shared().createMigratedDatabase("purge_mirror");
        ctx = DSL.using(SoftDelete.install(mariaDb.newConfiguration(), SoftDeletePolicy.fromDatabase(plain, mariaDb.name())));
        billing = database.name() + "_billing";
    }

    @AfterAll
    static void dropDatabases() {
        postgres.close();
    }

    @BeforeEach
    void seed() {
        ReferenceData.reset(plain);
        ReferenceData.reset(postgres.dsl());
    }

    @Test
    void run_onMariaDb_refusedBeforeAnyRowChanges() {
        assertThatThrownBy(() -> SoftDelete.purge(ctx).deletedBefore(CUTOFF).run())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageStartingWith("cannot purge on MariaDB yet")
            .hasMessageContaining("Nothing was executed")
            .hasMessageContaining("Purge.dryRun(true)");
        assertThat(plain.fetchCount(DSL.table(name("users")))).isEqualTo(4);
    }

    @Test
    void dryRun_referenceRows_forecastsWhatPostgresForecasts() {
        DSLContext onPostgres = DSL.using(SoftDelete.install(postgres.newConfiguration(), SoftDeletePolicy.fromDatabase(postgres.dsl(), "public")));

        PurgeReport forecast = SoftDelete.purge(ctx).deletedBefore(CUTOFF).dryRun(true).run();

        assertThat(figures(forecast)).isEqualTo(figures(SoftDelete.purge(onPostgres).deletedBefore(CUTOFF).dryRun(true).run()));
        assertThat(forecast.purged()).isPositive();
        assertThat(plain.fetchCount(DSL.table(name("users")))).isEqualTo(4);
    }

    @Test
    void dryRun_keyFromAnotherDatabaseThePolicyDoesNotKnow_refusedNamingIt() {
        plain.createDatabase(name(billing)).execute();
        try {
            plain.execute("create table " + billing + ".invoices (id bigint primary key, customer_id bigint,"
                + " constraint invoice_customer foreign key (customer_id) references " + mariaDb.name() + ".users (id) on delete cascade)");

            assertThatThrownBy(() -> SoftDelete.purge(ctx).deletedBefore(CUTOFF).dryRun(true).run())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot purge \"users\"")
                .hasMessageContaining("invoice_customer on \"" + billing + "\".\"invoices\" (customer_id)")
                .hasMessageContaining("SoftDeletePolicy.builder().relation(...)");
        } finally {
            plain.dropDatabaseIfExists(name(billing)).execute();
        }
    }

    @Test
    void dryRun_tableRegisteredByName_pagesByThePrimaryKeyOfTheCurrentDatabasesTable() {
        // Unqualified and without keys in its metadata: the purge finds likes' primary key (user_id, comment_id) in
        // the catalog of DATABASE() (PostgreSQL: of current_schema).
        SoftDeletePolicy byName = SoftDeletePolicy.builder()
            .table(DSL.table(name("likes")), DSL.field(name("deleted_at"), SQLDataType.LOCALDATETIME)).build();
        DSLContext likes = DSL.using(SoftDelete.install(mariaDb.newConfiguration(), byName));
        DSLContext likesOnPostgres = DSL.using(SoftDelete.install(postgres.newConfiguration(), byName));

        PurgeReport forecast = SoftDelete.purge(likes).deletedBefore(CUTOFF).dryRun(true).run();

        assertThat(figures(forecast)).containsExactly(Map.entry("likes", "1 kept {} cascaded {} set null {}"))
            .isEqualTo(figures(SoftDelete.purge(likesOnPostgres).deletedBefore(CUTOFF).dryRun(true).run()));
    }

    private static Map<String, String> figures(PurgeReport report) {
        Map<String, String> figures = new TreeMap<>();
        for (PurgeReport.TableReport table : report.tables())
            figures.put(table.table(), table.purged() + " kept " + new TreeMap<>(byText(table.kept())) + " cascaded "
                + new TreeMap<>(table.cascaded()) + " set null " + new TreeMap<>(table.setNull()));
        return figures;
    }

    private static Map<String, Long> byText(Map<PurgeReport.KeptReason, Long> kept) {
        Map<String, Long> byText = new TreeMap<>();
        kept.forEach((reason, count) -> byText.put(reason.toString(), count));
        return byText;
    }
}
