package io.github.softdelete.codegen.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

import org.junit.jupiter.api.Test;
import org.jooq.impl.SQLDataType;

import io.github.softdelete.Marker;

/** A policy's marker, as the lint reads it: the state column, and how the library tells live rows by it. */
class LintMarkerTest {

    @Test
    void of_timestamp_isNull() {
        LintMarker marker = LintMarker.of(Marker.timestamp(field(name("deleted_at"), SQLDataType.TIMESTAMPWITHTIMEZONE)));

        assertThat(marker).isEqualTo(LintMarker.timestamp("deleted_at"));
        assertThat(marker.liveSql()).isEqualTo("deleted_at IS NULL");
    }

    @Test
    void of_notNullFlag_isNotFlag() {
        LintMarker marker = LintMarker.of(Marker.flag(field(name("is_deleted"), SQLDataType.BOOLEAN.nullable(false))));

        assertThat(marker).isEqualTo(new LintMarker("is_deleted", true, false));
        assertThat(marker.liveSql()).isEqualTo("NOT is_deleted");
    }

    @Test
    void of_nullableFlag_isNotTrue() {
        LintMarker marker = LintMarker.of(Marker.flag(field(name("is_deleted"), SQLDataType.BOOLEAN.nullable(true))));

        assertThat(marker).isEqualTo(new LintMarker("is_deleted", true, true));
        assertThat(marker.liveSql()).isEqualTo("is_deleted IS NOT TRUE");
    }

    @Test
    void of_flagAndTimestamp_readsTheFlag() {
        LintMarker marker = LintMarker.of(Marker.flagAndTimestamp(field(name("deleted"), SQLDataType.BOOLEAN.nullable(false)),
            field(name("deleted_at"), SQLDataType.TIMESTAMPWITHTIMEZONE)));

        assertThat(marker).isEqualTo(new LintMarker("deleted", true, false));
    }
}
