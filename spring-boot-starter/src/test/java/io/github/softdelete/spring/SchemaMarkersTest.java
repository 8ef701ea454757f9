package io.github.softdelete.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.it.harness.PostgresTest;
import io.github.softdelete.it.harness.TestDatabase;
import io.github.softdelete.it.markers.MixedMarkerSchema;

/**
 * {@code softdelete.schema} on a schema that mixes the marker conventions ({@link MixedMarkerSchema}), and
 * {@code softdelete.markers} for the names the conventions do not know. Before, the starter's catalog
 * policy knew only {@code deleted_at}: a DELETE of the flag tables removed their rows.
 */
@PostgresTest
class SchemaMarkersTest {

    private static final String SCHEMA = "boot_mixed";

    private DSLContext plain;
    private ApplicationContextRunner runner;
    private final List<String> warnings = new ArrayList<>();
    private final Logger logger = Logger.getLogger("io.github.softdelete.SoftDeletePolicy");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue())
                warnings.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void setUp(TestDatabase database) {
        plain = database.dsl();
        MixedMarkerSchema.create(plain, SCHEMA);
        List<String> properties = new ArrayList<>(List.of("spring.datasource.url=" + database.jdbcUrl(),
            "spring.datasource.hikari.maximum-pool-size=2", "softdelete.schema=" + SCHEMA));
        if (database.user() != null)
            properties.add("spring.datasource.username=" + database.user());
        if (database.password() != null)
            properties.add("spring.datasource.password=" + database.password());
        runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JooqAutoConfiguration.class,
                SoftDeleteAutoConfiguration.class))
            .withPropertyValues(properties.toArray(String[]::new));
        logger.addHandler(capture);
    }

    @AfterEach
    void release() {
        logger.removeHandler(capture);
    }

    @Test
    void schema_mixedConventions_eachDeleteIsSoft_deletedByEnforced_lookAlikeWarned() {
        runner.run(context -> {
            DSLContext dsl = context.getBean(DSLContext.class);

            dsl.deleteFrom(table("tickets")).where(id().eq(1L)).execute();
            dsl.deleteFrom(table("notes")).where(id().eq(1L)).execute();
            dsl.deleteFrom(table("posts")).where(id().eq(1L)).execute();
            assertThatThrownBy(() -> dsl.deleteFrom(table("orders")).where(id().eq(1L)).execute())
                .isInstanceOf(SoftDeleteException.class).hasMessageContaining("deleted_by");
            SoftDelete.withActor(dsl, "ann").deleteFrom(table("orders")).where(id().eq(2L)).execute();
            dsl.deleteFrom(table("invoices")).where(id().eq(1L)).execute();

            assertThat(plain.fetchValue("select count(*) from boot_mixed.tickets where is_deleted")).isEqualTo(1L);
            assertThat(plain.fetchValue("select count(*) from boot_mixed.notes where deleted")).isEqualTo(1L);
            assertThat(plain.fetchValue("select count(*) from boot_mixed.posts where deleted_at is not null")).isEqualTo(1L);
            assertThat(plain.fetch("select id, is_deleted, deleted_at is not null, deleted_by from boot_mixed.orders"
                + " order by id").map(r -> r.intoList().toString())).containsExactly("[1, false, false, null]", "[2, true, true, ann]");
            assertThat(plain.fetchValue("select count(*) from boot_mixed.invoices")).isEqualTo(1L);
            assertThat(warnings).containsExactly(MixedMarkerSchema.lookAlike(SCHEMA, "markers(...)"));
        });
    }

    @Test
    void markersProperty_makesTheLookAlikeTheMarker() {
        runner.withPropertyValues("softdelete.markers=invoices = timestamp(deleted_on)").run(context -> {
            context.getBean(DSLContext.class).deleteFrom(table("invoices")).where(id().eq(1L)).execute();

            assertThat(plain.fetchValue("select count(*) from boot_mixed.invoices where deleted_on is not null")).isEqualTo(1L);
            assertThat(warnings).isEmpty();
        });
    }

    @Test
    void markersProperty_entryThatMatchesNoTable_failsStartupNamingIt() {
        runner.withPropertyValues("softdelete.markers=invoice = timestamp(deleted_on)").run(context -> {
            Throwable failure = context.getStartupFailure();
            assertThat(failure).isNotNull();
            SoftDeleteStartupException startup = cause(failure);
            assertThat(startup.getMessage()).contains("softdelete.schema=boot_mixed with softdelete.markers=invoice ="
                + " timestamp(deleted_on) gives no soft-delete policy", "declares \"invoice = timestamp(deleted_on)\","
                + " which matches no table of schema \"boot_mixed\"");
        });
    }

    @Test
    void markersProperty_withoutSchema_failsStartup() {
        runner.withPropertyValues("softdelete.schema=", "softdelete.markers=flag(hidden)").run(context -> {
            assertThat(cause(context.getStartupFailure()).getMessage())
                .contains("softdelete.markers=flag(hidden) says how softdelete.schema finds soft-deletable tables");
        });
    }

    private static SoftDeleteStartupException cause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause())
            if (cause instanceof SoftDeleteStartupException startup)
                return startup;
        throw new AssertionError("no SoftDeleteStartupException in " + failure);
    }

    private static Table<?> table(String name) {
        return DSL.table(DSL.name(SCHEMA, name));
    }

    private static Field<Long> id() {
        return DSL.field(DSL.name("id"), Long.class);
    }
}
