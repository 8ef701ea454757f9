package io.github.softdelete.codegen.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.github.softdelete.Marker;

/**
 * The softdelete.markers property, in the syntax of the Marker API that SoftDeletePolicy.Builder.markers reads: the
 * generator hands it to that builder, with the generated schemas, and generates the markers it chooses.
 */
class MarkersPropertyTest {

    private static final String EVERY_KIND = "products = timestamp(archived_at); flag(is_deleted).deletedBy(deleted_by);"
        + " flagAndTimestamp( removed , removed_at ); public.audit_log = none";

    @Test
    void from_everyKind_withAndWithoutTable_keptAsGiven() {
        assertThat(Settings.from(properties(EVERY_KIND)).markers()).isEqualTo(EVERY_KIND);
    }

    @Test
    void from_badEntry_namesItAndTheSyntax() {
        assertThatThrownBy(() -> Settings.from(properties("flag(is_deleted, deleted_at)")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("softdelete.markers has the entry \"flag(is_deleted, deleted_at)\"")
            .hasMessageContaining("flagAndTimestamp(flag, timestamp)");
        assertThatThrownBy(() -> Settings.from(properties("boolean(x)"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void schemaPolicy_tableEntriesFirst_thenColumnEntries_thenConventions() {
        SchemaPolicy policy = SchemaPolicy.build(Settings.from(properties("flag(is_deleted); docs = flag(hidden)")), Map.of("public",
            List.of(table("docs", "hidden", "is_deleted"), table("notes", "is_deleted", "deleted_at"), table("posts", "deleted_at"))));

        assertThat(policy.marker(new TableName("public", "docs"))).map(Marker::toString).contains("flag(hidden)");
        assertThat(policy.marker(new TableName("public", "notes"))).map(Marker::toString).contains("flag(is_deleted)");
        assertThat(policy.marker(new TableName("public", "posts"))).map(Marker::toString).contains("timestamp(deleted_at)");
    }

    @Test
    void schemaPolicy_entryThatMatchesNoTable_failsNamingTheProperty() {
        assertThatThrownBy(() -> SchemaPolicy.build(Settings.from(properties("invoice = timestamp(deleted_on)")),
                Map.of("public", List.of(table("posts", "deleted_at")))))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("softdelete.markers declares \"invoice = timestamp(deleted_on)\", which matches no table");
    }

    @Test
    void schemaPolicy_noSoftDeletableTable_isNoError() {
        SchemaPolicy policy = SchemaPolicy.build(Settings.from(new Properties()), Map.of("public", List.of(table("tags"))));

        assertThat(policy.marker(new TableName("public", "tags"))).isEmpty();
        assertThat(policy.lookAlikes()).isEmpty();
    }

    // Booleans are named is_* or hidden, timestamps *_at or *_on; id is a bigint.
    private static ModelSchemas.Table table(String name, String... markerColumns) {
        List<ModelSchemas.Column> columns = new java.util.ArrayList<>();
        columns.add(new ModelSchemas.Column("id", "bigint"));
        for (String column : markerColumns)
            columns.add(new ModelSchemas.Column(column,
                column.startsWith("is_") || column.equals("hidden") ? "boolean" : "timestamp with time zone"));
        return new ModelSchemas.Table(name, columns);
    }

    private static Properties properties(String markers) {
        Properties properties = new Properties();
        properties.setProperty(Settings.MARKERS, markers);
        return properties;
    }
}
