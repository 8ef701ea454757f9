package io.github.softdelete.it.markers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.SoftDeletePolicy;
import io.github.softdelete.it.harness.PostgresTest;
import io.github.softdelete.it.harness.TestDatabase;

/**
 * {@code SoftDeletePolicy.fromDatabase} on a schema that mixes the marker conventions
 * ({@link MixedMarkerSchema}): each table gets its marker, a DELETE of each soft-deletes it, the
 * deleted-by column is enforced, and the look-alike column is logged as a warning. Before, only
 * {@code deleted_at} tables were soft-deletable: the others lost their rows to DELETE, silently.
 */
@PostgresTest
class CatalogMarkerConventionsTest {

    private static final String SCHEMA = "mixed_markers";

    private DSLContext plain;
    private TestDatabase database;
    private final List<String> warnings = new ArrayList<>();
    private final Logger logger = Logger.getLogger("io.github.softdelete.SoftDeletePolicy");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            warnings.add(record.getLevel() + " " + record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void createSchema(TestDatabase database) {
        this.database = database;
        plain = database.dsl();
        MixedMarkerSchema.create(plain, SCHEMA);
        logger.addHandler(capture);
    }

    @AfterEach
    void release() {
        logger.removeHandler(capture);
    }

    @Test
    void fromDatabase_mixedSchema_eachTableGetsTheConventionsMarker() {
        SoftDeletePolicy policy = SoftDeletePolicy.fromDatabase(plain, SCHEMA);

        assertThat(markers(policy)).isEqualTo(MixedMarkerSchema.CONVENTION_MARKERS);
    }

    @Test
    void fromDatabase_deleteOfFlagTables_keepsTheRowsWithTheFlagSet() {
        DSLContext ctx = installed(SoftDeletePolicy.fromDatabase(plain, SCHEMA));

        ctx.deleteFrom(table("tickets")).where(id().eq(1L)).execute();
        ctx.deleteFrom(table("notes")).where(id().eq(1L)).execute();
        ctx.deleteFrom(table("posts")).where(id().eq(1L)).execute();

        assertThat(plain.fetch("select id, is_deleted from mixed_markers.tickets order by id").intoMaps())
            .containsExactly(Map.of("id", 1L, "is_deleted", true), Map.of("id", 2L, "is_deleted", false));
        assertThat(plain.fetch("select id, deleted from mixed_markers.notes order by id").intoMaps())
            .containsExactly(Map.of("id", 1L, "deleted", true), Map.of("id", 2L, "deleted", false));
        assertThat(plain.fetchValue("select count(*) from mixed_markers.posts where deleted_at is not null")).isEqualTo(1L);
        assertThat(ctx.fetch(table("tickets")).getValues("id", Long.class)).containsExactly(2L);
    }

    @Test
    void fromDatabase_flagTimestampAndDeletedBy_allWritten_andTheActorRequired() {
        DSLContext ctx = installed(SoftDeletePolicy.fromDatabase(plain, SCHEMA));

        assertThatThrownBy(() -> ctx.deleteFrom(table("orders")).where(id().eq(1L)).execute())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("deleted_by");
        SoftDelete.withActor(ctx, "ann").deleteFrom(table("orders")).where(id().eq(1L)).execute();

        assertThat(plain.fetch("select id, is_deleted, deleted_at is not null as stamped, deleted_by"
                + " from mixed_markers.orders order by id").intoMaps())
            .containsExactly(row(1L, true, true, "ann"), row(2L, false, false, null));
    }

    @Test
    void fromDatabase_lookAlikeColumn_warnsAndTheTableStaysPlain() {
        DSLContext ctx = installed(SoftDeletePolicy.fromDatabase(plain, SCHEMA));

        ctx.deleteFrom(table("invoices")).where(id().eq(1L)).execute();

        assertThat(warnings).containsExactly("WARNING " + MixedMarkerSchema.lookAlike(SCHEMA, "markers(...)"));
        assertThat(plain.fetchValue("select count(*) from mixed_markers.invoices")).isEqualTo(1L);
    }

    @Test
    void markers_declaredForTheLookAlike_makesItSoftDeletable_withoutWarning() {
        SoftDeletePolicy policy = SoftDeletePolicy.builder().markers("invoices = timestamp(deleted_on)").database(plain, SCHEMA).build();
        installed(policy).deleteFrom(table("invoices")).where(id().eq(1L)).execute();

        assertThat(markers(policy)).containsEntry("invoices", "timestamp(deleted_on)").hasSize(5);
        assertThat(plain.fetchValue("select count(*) from mixed_markers.invoices where deleted_on is not null")).isEqualTo(1L);
        assertThat(warnings).isEmpty();
    }

    @Test
    void markers_typo_failsTheBuildNamingTheEntry() {
        assertThatThrownBy(() -> SoftDeletePolicy.builder().markers("invoice = timestamp(deleted_on)").database(plain, SCHEMA).build())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("markers(...) declares \"invoice = timestamp(deleted_on)\", which matches no table of"
                + " schema \"mixed_markers\"");
    }

    private DSLContext installed(SoftDeletePolicy policy) {
        return DSL.using(SoftDelete.install(database.newConfiguration(), policy));
    }

    private static Table<?> table(String name) {
        return DSL.table(DSL.name(SCHEMA, name));
    }

    private static org.jooq.Field<Long> id() {
        return DSL.field(DSL.name("id"), Long.class);
    }

    private static Map<String, Object> row(long id, boolean deleted, boolean stamped, String by) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("is_deleted", deleted);
        row.put("stamped", stamped);
        row.put("deleted_by", by);
        return row;
    }

    private static Map<String, String> markers(SoftDeletePolicy policy) {
        Map<String, String> markers = new LinkedHashMap<>();
        for (Table<?> table : policy.tables())
            markers.put(table.getName(), policy.marker(table).orElseThrow().toString());
        return markers;
    }
}
