package io.github.softdelete;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.stream.Stream;

import org.jooq.DSLContext;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.SQLDataType;
import org.jooq.impl.TableImpl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The helpers of generated tables, and Marker.live() and deleted(), render the predicates the library's own reads add, for every marker kind. */
class SoftDeletableTableTest {

    static Stream<Arguments> markers() {
        return Stream.of(
            Arguments.of("timestamp", new Marked<>("a", SQLDataType.TIMESTAMPWITHTIMEZONE),
                "\"a\".\"marker\" is null", "\"a\".\"marker\" is not null"),
            Arguments.of("notNullFlag", new Marked<>("b", SQLDataType.BOOLEAN.nullable(false)),
                "not \"b\".\"marker\"", "\"b\".\"marker\""),
            Arguments.of("nullableFlag", new Marked<>("c", SQLDataType.BOOLEAN),
                "\"c\".\"marker\" is not true", "\"c\".\"marker\" is true"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("markers")
    void liveAndDeleted_markerKind_renderAsTheLibrarysReads(String kind, Marked<?> table, String live, String deleted) {
        DSLContext plain = DSL.using(SQLDialect.POSTGRES);
        assertThat(plain.render(table.live())).isEqualTo(live);
        assertThat(plain.render(table.deleted())).isEqualTo(deleted);
        Marker marker = table.softDeleteMarker().getType() == Boolean.class
            ? Marker.flag(table.softDeleteMarker()) : Marker.timestamp(table.softDeleteMarker());
        assertThat(plain.render(marker.live())).isEqualTo(live);
        assertThat(plain.render(marker.deleted())).isEqualTo(deleted);

        SoftDeletePolicy policy = table.softDeleteMarker().getType() == Boolean.class
            ? SoftDeletePolicy.builder().table(table, Marker.flag(table.softDeleteMarker())).build()
            : SoftDeletePolicy.builder().table(table, table.softDeleteMarker()).build();
        DSLContext ctx = DSL.using(SoftDelete.install(new DefaultConfiguration().set(SQLDialect.POSTGRES), policy));
        assertThat(ctx.render(ctx.selectOne().from(table))).endsWith(" where " + live);
        DSLContext onlyDeleted = SoftDelete.onlyDeleted(ctx);
        assertThat(onlyDeleted.render(onlyDeleted.selectOne().from(table))).endsWith(" where " + deleted);
    }

    /** A table shaped like a generated one with a marker, as the code generator writes it. */
    static final class Marked<T> extends TableImpl<Record> implements SoftDeletableTable<Record, T> {
        private static final long serialVersionUID = 1L;
        final TableField<Record, Long> id = createField(DSL.name("id"), SQLDataType.BIGINT.nullable(false), this);
        final TableField<Record, T> marker;

        Marked(String name, org.jooq.DataType<T> type) {
            this(DSL.name(name), null, type);
        }

        private Marked(Name name, Table<Record> aliased, org.jooq.DataType<T> type) {
            super(name, null, aliased);
            this.marker = createField(DSL.name("marker"), type, this);
        }

        @Override
        public TableField<Record, T> softDeleteMarker() {
            return marker;
        }
    }
}
