package io.github.softdelete.it.guarantees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

import org.jooq.DSLContext;
import org.jooq.Schema;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeletePolicy;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.harness.PostgresTest;

/**
 * Tables read from the catalog ({@code DSLContext.meta()}) are all instances of one jOOQ class. A policy
 * that holds one of them must not take the others for it: the registry once looked tables up by class
 * first, as it does for generated tables, so a DELETE of {@code kept} (not soft-deletable) ran the soft
 * delete of {@code tracked}, and a SELECT of it was filtered. Both tables have the same columns, so the
 * mix-up rendered valid SQL: only the rows show it.
 */
@PostgresTest
class CatalogTablesTest extends SeededDatabaseTest {

    /** The policy of {@code tracked} alone. */
    private static DSLContext tracking;
    private static Table<?> tracked;
    private static Table<?> kept;

    @BeforeAll
    static void createSchema() {
        plain.execute("drop schema if exists ctt cascade");
        plain.execute("create schema ctt");
        plain.execute("create table ctt.tracked (id bigint primary key, deleted_at timestamptz)");
        plain.execute("create table ctt.kept (id bigint primary key, deleted_at timestamptz)");
        Schema schema = plain.meta().getSchemas("ctt").get(0);
        tracked = schema.getTable("tracked");
        kept = schema.getTable("kept");
        assertThat(kept.getClass()).as("the premise: catalog tables share a class").isSameAs(tracked.getClass());
        SoftDeletePolicy policy = SoftDeletePolicy.builder().table(tracked, tracked.field("deleted_at")).build();
        tracking = DSL.using(SoftDelete.install(database.newConfiguration(), policy));
    }

    @Override
    protected void seed(DSLContext plain) {
        plain.execute("truncate ctt.tracked, ctt.kept");
        plain.execute("insert into ctt.tracked values (1, null), (2, now())");
        plain.execute("insert into ctt.kept values (1, null), (2, now())");
    }

    @Test
    void select_ofAnotherCatalogTable_isNotFiltered_whileTheRegisteredOneIs() {
        assertThat(tracking.selectFrom(kept).fetch(field(name("id"), Long.class))).containsExactlyInAnyOrder(1L, 2L);
        assertThat(tracking.selectFrom(tracked).fetch(field(name("id"), Long.class))).containsExactly(1L);
    }

    @Test
    void delete_ofAnotherCatalogTable_removesItsRow_andLeavesTheRegisteredTableAlone() {
        int deleted = tracking.deleteFrom(kept).where(field(name("id")).eq(1L)).execute();

        assertThat(deleted).isEqualTo(1);
        assertThat(plain.fetch("select id, deleted_at is not null as gone from ctt.kept order by id").intoMaps())
            .containsExactly(java.util.Map.of("id", 2L, "gone", true));
        assertThat(plain.fetch("select id, deleted_at is not null as gone from ctt.tracked order by id").intoMaps())
            .containsExactly(java.util.Map.of("id", 1L, "gone", false), java.util.Map.of("id", 2L, "gone", true));
    }

    @Test
    void delete_ofTheRegisteredCatalogTable_isSoft() {
        tracking.deleteFrom(tracked).where(field(name("id")).eq(1L)).execute();

        assertThat(plain.fetchCount(DSL.table(name("ctt", "tracked")), field(name("deleted_at")).isNotNull())).isEqualTo(2);
        assertThat(plain.fetchCount(DSL.table(name("ctt", "kept")))).isEqualTo(2);
    }
}
