package io.github.softdelete;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jooq.Schema;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The markers that {@code schema(...)} (and so {@code fromDatabase}) finds by the conventions and by
 * {@code markers(...)}, on a schema that mixes them, read from DDL as jOOQ's interpreter sees it. The
 * integration tests do the same against PostgreSQL's catalog, with real rows.
 */
class MarkerConventionsTest {

    private static final Schema MIXED = DSL.using(SQLDialect.POSTGRES).meta(
        DSL.using(SQLDialect.POSTGRES).parser().parse("""
            create schema mixed;
            create table mixed.posts (id bigint primary key, deleted_at timestamp with time zone);
            create table mixed.tickets (id bigint primary key, is_deleted boolean not null default false);
            create table mixed.notes (id bigint primary key, deleted boolean not null default false);
            create table mixed.orders (id bigint primary key, is_deleted boolean not null default false,
                deleted_at timestamp with time zone, deleted_by text);
            create table mixed.invoices (id bigint primary key, deleted_on date, total numeric);
            """).queries()).getSchemas("mixed").get(0);

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
    void captureWarnings() {
        logger.addHandler(capture);
    }

    @AfterEach
    void release() {
        logger.removeHandler(capture);
    }

    @Test
    void forSchema_mixedConventions_eachTableGetsItsMarker() {
        SoftDeletePolicy policy = SoftDeletePolicy.forSchema(MIXED);

        assertThat(markers(policy)).containsExactly(
            Map.entry("posts", "timestamp(deleted_at)"),
            Map.entry("tickets", "flag(is_deleted)"),
            Map.entry("notes", "flag(deleted)"),
            Map.entry("orders", "flagAndTimestamp(is_deleted, deleted_at).deletedBy(deleted_by)"));
    }

    @Test
    void forSchema_lookAlikeColumn_warnsNamingTableColumnAndBothFixes() {
        SoftDeletePolicy.forSchema(MIXED);

        assertThat(warnings).containsExactly("table mixed.invoices has the column deleted_on, which looks like a"
            + " soft-delete marker, but the table is not soft-deletable: a DELETE removes its rows. To keep it as it"
            + " is, add \"invoices = none\" to markers(...).");
    }

    @Test
    void markers_namedEntry_replacesTheConvention_andSilencesTheWarning() {
        SoftDeletePolicy policy = SoftDeletePolicy.builder()
            .markers("orders = timestamp(deleted_at); invoices = none").schema(MIXED).build();

        assertThat(markers(policy)).containsEntry("orders", "timestamp(deleted_at)").doesNotContainKey("invoices");
        assertThat(warnings).isEmpty();
    }

    @Test
    void markers_unnamedEntry_leavesAFlagBesideIt_warns() {
        SoftDeletePolicy policy = SoftDeletePolicy.builder().markers("timestamp(deleted_at)").schema(MIXED).build();

        assertThat(markers(policy)).containsEntry("orders", "timestamp(deleted_at)");
        assertThat(warnings).contains("table mixed.orders has the column is_deleted, which looks like a soft-delete"
            + " marker, but the table's marker is timestamp(deleted_at), which leaves it alone. If is_deleted marks"
            + " deleted rows, add \"orders = flagAndTimestamp(is_deleted, deleted_at)\" to markers(...); to keep this"
            + " marker, add \"orders = timestamp(deleted_at)\".");
    }

    @Test
    void markers_entryThatMatchesNoTable_failsTheBuildNamingIt() {
        assertThatThrownBy(() -> SoftDeletePolicy.builder().markers("invoice = timestamp(deleted_on); flag(is_delted)")
                .schema(MIXED).build())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("markers(...) declares \"invoice = timestamp(deleted_on)\", which matches no table of"
                + " schema \"mixed\": there is no table invoice")
            .hasMessageContaining("markers(...) declares \"flag(is_delted)\", which matches no table of schema \"mixed\":"
                + " no table has the column is_delted");
    }

    @Test
    void markers_namedEntryWithoutItsColumn_failsTheBuildNamingTableAndColumn() {
        assertThatThrownBy(() -> SoftDeletePolicy.builder().markers("invoices = timestamp(deleted_at)").schema(MIXED).build())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("markers(...) declares \"invoices = timestamp(deleted_at)\", but table mixed.invoices"
                + " has no column deleted_at (its columns: id, deleted_on, total)");
    }

    @Test
    void markers_badSyntax_refusedAtOnce() {
        assertThatThrownBy(() -> SoftDeletePolicy.builder().markers("flag(is_deleted, deleted_at)"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("markers(...) has the entry \"flag(is_deleted, deleted_at)\"");
        assertThatThrownBy(() -> SoftDeletePolicy.builder().markers("none"))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void markers_afterSchema_sameAsBefore() {
        SoftDeletePolicy before = SoftDeletePolicy.builder().markers("orders = flag(is_deleted)").schema(MIXED).build();
        SoftDeletePolicy after = SoftDeletePolicy.builder().schema(MIXED).markers("orders = flag(is_deleted)").build();

        assertThat(markers(after)).isEqualTo(markers(before)).containsEntry("orders", "flag(is_deleted)");
    }

    @Test
    void markers_twice_refusedAtOnce() {
        assertThatThrownBy(() -> SoftDeletePolicy.builder().markers("timestamp(deleted_at)").markers("flag(is_deleted)"))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("markers(...) was already called with \"timestamp(deleted_at)\"");
    }

    @Test
    void markers_withoutSchema_refusedAtBuild() {
        assertThatThrownBy(() -> SoftDeletePolicy.builder().markers("timestamp(deleted_at)")
                .table(DSL.table(DSL.name("x")), DSL.field(DSL.name("deleted_at"), java.time.OffsetDateTime.class)).build())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("but neither was called");
    }

    @Test
    void conventionalTimestamp_renamed_replacesDeletedAtInEveryConvention() {
        SoftDeletePolicy policy = SoftDeletePolicy.builder().conventionalTimestamp("removed_at").schema(MIXED).build();

        assertThat(markers(policy)).containsExactly(
            Map.entry("tickets", "flag(is_deleted)"),
            Map.entry("notes", "flag(deleted)"),
            Map.entry("orders", "flag(is_deleted).deletedBy(deleted_by)"));
        assertThat(warnings).anyMatch(w -> w.startsWith("table mixed.posts has the column deleted_at"));
    }

    @Test
    void conventionalTimestamp_withoutSchema_failsNamingIt() {
        assertThatThrownBy(() -> SoftDeletePolicy.builder().conventionalTimestamp("removed_at")
                .table(DSL.table(DSL.name("posts")), DSL.field(DSL.name("deleted_at"), org.jooq.impl.SQLDataType.TIMESTAMPWITHTIMEZONE))
                .build())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("conventionalTimestamp(\"removed_at\") names the conventions' timestamp");
        assertThatThrownBy(() -> SoftDeletePolicy.builder().conventionalTimestamp(" "))
            .isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, String> markers(SoftDeletePolicy policy) {
        Map<String, String> markers = new LinkedHashMap<>();
        for (Table<?> table : policy.tables())
            markers.put(table.getName(), policy.marker(table).orElseThrow().toString());
        return markers;
    }
}
