package io.github.softdelete.codegen.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;

import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void from_noProperties_usesDefaults() {
        Settings settings = Settings.from(new Properties());

        assertThat(settings).isEqualTo(new Settings("deleted_at", Settings.Lint.WARN, "SoftDeletes"));
    }

    @Test
    void from_everySetting_readsIt() {
        Settings settings = Settings.from(properties(Settings.MARKER_COLUMN, " removed_at ", Settings.LINT, "FAIL",
            Settings.POLICY_CLASS, "Policies"));

        assertThat(settings).isEqualTo(new Settings("removed_at", Settings.Lint.FAIL, "Policies"));
    }

    @Test
    void from_otherKeys_leftToJooq() {
        assertThat(Settings.from(properties("scripts", "src/main/resources/schema.sql")).lint()).isEqualTo(Settings.Lint.WARN);
    }

    @Test
    void from_misspelledKey_namesItAndTheKnownKeys() {
        assertThatThrownBy(() -> Settings.from(properties("softdelete.marker", "deleted_at")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("softdelete.marker;")
            .hasMessageContaining("softdelete.markerColumn, softdelete.lint, softdelete.policyClass");
    }

    @Test
    void from_unknownLintMode_listsTheModes() {
        assertThatThrownBy(() -> Settings.from(properties(Settings.LINT, "error")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("softdelete.lint is \"error\"; use warn")
            .hasMessageContaining("fail")
            .hasMessageContaining("off");
    }

    @Test
    void from_qualifiedPolicyClass_refused() {
        assertThatThrownBy(() -> Settings.from(properties(Settings.POLICY_CLASS, "com.example.Policy")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("not a simple Java class name");
    }

    @Test
    void from_emptyMarker_refused() {
        assertThatThrownBy(() -> Settings.from(properties(Settings.MARKER_COLUMN, " ")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("softdelete.markerColumn is empty");
    }

    private static Properties properties(String... keysAndValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2)
            properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        return properties;
    }
}
