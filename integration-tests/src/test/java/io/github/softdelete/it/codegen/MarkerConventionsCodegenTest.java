package io.github.softdelete.it.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.meta.jaxb.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.SoftDeletePolicy;
import io.github.softdelete.codegen.SoftDeleteJavaGenerator;
import io.github.softdelete.it.harness.PostgresTest;
import io.github.softdelete.it.harness.TestDatabase;
import io.github.softdelete.it.markers.MixedMarkerSchema;

/**
 * The code generator without {@code softdelete.markers} on a schema that mixes the marker conventions
 * ({@link MixedMarkerSchema}): the generated policy gives each table its marker, as {@code fromDatabase}
 * does; the look-alike column is a lint finding; a {@code softdelete.markers} entry or a
 * {@code softdelete.markerColumn} that no table uses fails the generation, naming it. Before, only
 * {@code deleted_at} tables were registered, and a misspelt marker column generated no policy at all.
 */
@PostgresTest
class MarkerConventionsCodegenTest {

    private static final String SCHEMA = "mixed_codegen";
    private static final String PACKAGE = "io.github.softdelete.it.mixed";

    @BeforeAll
    static void createSchema(TestDatabase database) {
        MixedMarkerSchema.create(database.dsl(), SCHEMA);
    }

    @Test
    void generate_mixedSchema_policyGivesEachTableTheConventionsMarker_andSoftDeletesFlags(TestDatabase database,
            @TempDir Path directory) throws Exception {
        Path sources = directory.resolve("sources");
        Path classes = Files.createDirectories(directory.resolve("classes"));
        SchemaCodegen.generate(database, configuration(sources));
        assertThat(GeneratedSources.compile(sources, classes)).isEmpty();

        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            SoftDeletePolicy policy = (SoftDeletePolicy) loader.loadClass(PACKAGE + ".SoftDeletes").getField("POLICY").get(null);
            assertThat(markers(policy)).isEqualTo(MixedMarkerSchema.CONVENTION_MARKERS);

            DSLContext plain = database.dsl();
            DSLContext ctx = DSL.using(SoftDelete.install(database.newConfiguration(), policy));
            Table<?> tickets = table(policy, "tickets");
            Table<?> orders = table(policy, "orders");
            ctx.deleteFrom(tickets).where(tickets.field("id", Long.class).eq(1L)).execute();
            assertThatThrownBy(() -> ctx.deleteFrom(orders).where(orders.field("id", Long.class).eq(1L)).execute())
                .isInstanceOf(SoftDeleteException.class);

            assertThat(plain.fetchValue("select is_deleted from " + SCHEMA + ".tickets where id = 1")).isEqualTo(true);
            assertThat(plain.fetchValue("select count(*) from " + SCHEMA + ".orders where not is_deleted")).isEqualTo(2L);
        }
    }

    @Test
    void generate_lookAlikeColumn_isALintFinding(TestDatabase database, @TempDir Path directory) {
        Configuration configuration = configuration(directory, SoftDeleteJavaGenerator.LINT, "fail");

        assertThat(SchemaCodegen.failure(database, configuration).getMessage())
            .contains("the softdelete schema lint found 1 trap")
            .contains("[marker-look-alike] " + MixedMarkerSchema.lookAlike(SCHEMA, "softdelete.markers"));
    }

    @Test
    void generate_markersEntryThatMatchesNoTable_failsNamingIt(TestDatabase database, @TempDir Path directory) {
        Configuration configuration = configuration(directory, SoftDeleteJavaGenerator.MARKERS, "invoice = timestamp(deleted_on)");

        assertThat(SchemaCodegen.failure(database, configuration))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("softdelete.markers declares \"invoice = timestamp(deleted_on)\", which matches no table"
                + " of schema \"" + SCHEMA + "\": there is no table invoice");
    }

    @Test
    void generate_markerColumnThatNoTableHas_failsNamingIt(TestDatabase database, @TempDir Path directory) {
        Configuration configuration = configuration(directory, SoftDeleteJavaGenerator.MARKER_COLUMN, "deleted_when");

        assertThat(SchemaCodegen.failure(database, configuration))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("softdelete.markerColumn is deleted_when, but no table of the generated schemas ("
                + SCHEMA + ") has a marker column named deleted_when");
    }

    // The reference configuration, on the mixed schema, without its softdelete.markers.
    private static Configuration configuration(Path directory, String... keysAndValues) {
        Configuration configuration = GeneratedSources.configuration(directory, PACKAGE, keysAndValues);
        configuration.getGenerator().getDatabase().setInputSchema(SCHEMA);
        if (keysAndValues.length == 0 || !keysAndValues[0].equals(SoftDeleteJavaGenerator.MARKERS))
            configuration.getGenerator().getDatabase().getProperties()
                .removeIf(property -> property.getKey().equals(SoftDeleteJavaGenerator.MARKERS));
        return configuration;
    }

    private static Table<?> table(SoftDeletePolicy policy, String name) {
        return policy.tables().stream().filter(t -> t.getName().equals(name)).findFirst().orElseThrow();
    }

    private static Map<String, String> markers(SoftDeletePolicy policy) {
        Map<String, String> markers = new LinkedHashMap<>();
        for (Table<?> table : policy.tables())
            markers.put(table.getName(), policy.marker(table).orElseThrow().toString());
        return markers;
    }
}
