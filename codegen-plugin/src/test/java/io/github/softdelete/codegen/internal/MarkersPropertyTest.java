package io.github.softdelete.codegen.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** The softdelete.markers property, in the syntax of the Marker API. */
class MarkerSpecTest {

    @Test
    void parse_everyKind_withAndWithoutTable() {
        assertThat(MarkerSpec.parse("products = timestamp(archived_at); flag(is_deleted).deletedBy(deleted_by);"
                + " flagAndTimestamp( removed , removed_at )"))
            .containsExactly(
                new MarkerSpec("products", "timestamp", null, "archived_at", null),
                new MarkerSpec(null, "flag", "is_deleted", null, "deleted_by"),
                new MarkerSpec(null, "flagAndTimestamp", "removed", "removed_at", null));
    }

    @Test
    void parse_badEntry_namesItAndTheSyntax() {
        assertThatThrownBy(() -> MarkerSpec.parse("flag(is_deleted, deleted_at)"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("softdelete.markers has the entry \"flag(is_deleted, deleted_at)\"")
            .hasMessageContaining("flagAndTimestamp(flag, timestamp)");
        assertThatThrownBy(() -> MarkerSpec.parse("boolean(x)")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settings_tableEntriesFirst_thenColumnEntries_thenTheMarkerColumn() {
        Properties properties = new Properties();
        properties.setProperty(Settings.MARKERS, "flag(is_deleted); docs = flag(hidden)");

        List<MarkerSpec> markers = Settings.from(properties).markers();

        assertThat(markers).extracting(MarkerSpec::state).containsExactly("hidden", "is_deleted", "deleted_at");
    }
}
