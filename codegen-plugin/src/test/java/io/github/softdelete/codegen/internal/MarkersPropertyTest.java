package io.github.softdelete.codegen.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.github.softdelete.internal.policy.MarkerEntry;
import io.github.softdelete.internal.policy.MarkerEntry.Kind;

/** The softdelete.markers property, in the syntax of the Marker API that SoftDeletePolicy.Builder.markers shares. */
class MarkersPropertyTest {

    @Test
    void from_everyKind_withAndWithoutTable() {
        Settings settings = Settings.from(properties("products = timestamp(archived_at); flag(is_deleted).deletedBy(deleted_by);"
            + " flagAndTimestamp( removed , removed_at ); public.audit_log = none"));

        assertThat(settings.markers()).containsExactly(
            new MarkerEntry("products", Kind.TIMESTAMP, null, "archived_at", null),
            new MarkerEntry(null, Kind.FLAG, "is_deleted", null, "deleted_by"),
            new MarkerEntry(null, Kind.FLAG_AND_TIMESTAMP, "removed", "removed_at", null),
            new MarkerEntry("public.audit_log", Kind.NONE, null, null, null));
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
    void conventions_tableEntriesFirst_thenColumnEntries() {
        Settings settings = Settings.from(properties("flag(is_deleted); docs = flag(hidden)"));

        assertThat(settings.conventions().declared()).extracting(MarkerEntry::state).containsExactly("hidden", "is_deleted");
    }

    private static Properties properties(String markers) {
        Properties properties = new Properties();
        properties.setProperty(Settings.MARKERS, markers);
        return properties;
    }
}
