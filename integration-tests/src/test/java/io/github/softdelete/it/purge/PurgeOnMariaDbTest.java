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
 * A purge on MariaDB against the same purge on PostgreSQL, on the reference rows: a run (LockingBatch's three
 * statements per batch, where PostgreSQL runs one) purges, keeps and counts what PostgreSQL does, and a dry run, which
 * reads MariaDB's catalog (the keys into a table from KEY_COLUMN_USAGE, the current database), forecasts it alike.
 * PurgeRunOnMariaDbTest runs the purge's own contract (PurgeTest) on MariaDB.
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
    void run_referenceRows_purgesWhatPostgresPurges_andLeavesTheSameRows() {
        DSLContext onPostgres = DSL.using(SoftDelete.install(postgres.newConfiguration(), SoftDeletePolicy.fromDatabase(postgres.dsl(), "public")));

        PurgeReport run = SoftDelete.purge(ctx).deletedBefore(CUTOFF).batchSize(2).run();

        assertThat(figures(run)).isEqualTo(figures(SoftDelete.purge(onPostgres).deletedBefore(CUTOFF).batchSize(2).run()));
        assertThat(run.purged()).isPositive();
        assertThat(keys(plain)).isEqualTo(keys(postgres.dsl()));
    }

    @Test
    void run_sessionInAnotherTimeZone_comparesTheCutoffWithTheMarkersInThatZone() throws Exception {
        // The library stamps markers with NOW(6), the session's local time: five hours ahead of UTC here. A cutoff a
        // minute after the delete purges the like, one a minute before it keeps it, whatever the driver's zone.
        try (java.sql.Connection connection = mariaDb.dataSource().getConnection()) {
            DSLContext session = DSL.using(SoftDelete.install(mariaDb.newConfiguration().set(connection),
                SoftDeletePolicy.fromDatabase(plain, mariaDb.name())));
            session.execute("set time_zone = '+05:00'");
            Instant deleted = Instant.now();
            session.deleteFrom(DSL.table(name("likes"))).where(DSL.field(name("user_id")).eq(1), DSL.field(name("comment_id")).eq(100)).execute();

            PurgeReport before = SoftDelete.purge(session).tables(DSL.table(name("likes"))).deletedBefore(deleted.minusSeconds(60)).run();
            PurgeReport after = SoftDelete.purge(session).tables(DSL.table(name("likes"))).deletedBefore(deleted.plusSeconds(60)).run();

            assertThat(before.purged()).isEqualTo(1); // (4, 100), deleted on 2026-01-01
            assertThat(after.purged()).isEqualTo(1); // (1, 100), deleted now
            assertThat(plain.fetchCount(DSL.table(name("likes")), DSL.field(name("deleted_at")).isNotNull())).isZero();
        }
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

    /** The keys of every row left in the reference tables, by table, in key order. */
    private static Map<String, java.util.List<String>> keys(DSLContext plain) {
        Map<String, java.util.List<String>> keys = new TreeMap<>();
        for (org.jooq.Table<?> table : io.github.softdelete.it.db.Public.PUBLIC.getTables())
            if (table.getPrimaryKey() != null)
                keys.put(table.getName(), plain.select(table.getPrimaryKey().getFields()).from(table)
                    .orderBy(table.getPrimaryKey().getFields()).fetch().map(r -> r.intoList().toString()));
        return keys;
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
