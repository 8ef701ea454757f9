package io.github.softdelete.it.fuzz.schemas;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import io.github.softdelete.it.fuzz.Engine;
import io.github.softdelete.it.fuzz.schemas.RandomSchema.KeySpec;
import io.github.softdelete.it.fuzz.schemas.RandomSchema.Kind;
import io.github.softdelete.it.fuzz.schemas.RandomSchema.TableSpec;

/**
 * Random rows for a {@link RandomSchema}: 3 to 20 per table, about a third of the marked rows
 * deleted, at every level (live rows under deleted parents too), each deletion with its own time.
 * Foreign keys point at existing rows (earlier ones for self-references) or are NULL.
 */
final class RandomRows {

    private static final OffsetDateTime EPOCH = OffsetDateTime.of(2020, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    /** Table name to its rows, each a column-to-value map in column order. */
    final Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();

    RandomRows(RandomSchema schema, Random random) {
        this.schema = schema;
        int tableIndex = 0;
        for (TableSpec table : schema.tables) {
            List<Map<String, Object>> list = new ArrayList<>();
            int count = 3 + random.nextInt(18);
            for (int i = 0; i < count; i++) {
                Map<String, Object> row = new LinkedHashMap<>();
                if (table.composite()) {
                    row.put("a", i / 3);
                    row.put("b", i % 3);
                } else {
                    row.put("id", (long) i + 1);
                }
                row.put("val", random.nextInt(10));
                for (KeySpec key : table.keys()) {
                    List<Map<String, Object>> parents = key.parent().equals(table.name()) ? list : rows.get(key.parent());
                    Map<String, Object> parent = parents.isEmpty() || random.nextInt(10) < 3 ? null : parents.get(random.nextInt(parents.size()));
                    List<String> parentKey = key.parentRef().primaryKey();
                    for (int c = 0; c < key.columns().size(); c++)
                        row.put(key.columns().get(c), parent == null ? null : parent.get(parentKey.get(c)));
                }
                boolean deleted = table.marked() && random.nextInt(3) == 0;
                if (table.flag() != null)
                    row.put(table.flag(), deleted ? Boolean.TRUE : table.kind() == Kind.NULLABLE_FLAG && random.nextBoolean() ? null : Boolean.FALSE);
                if (table.timestamp() != null)
                    row.put(table.timestamp(), deleted ? EPOCH.plusMinutes(tableIndex * 1000L + i) : null);
                if (table.deletedBy() != null)
                    row.put(table.deletedBy(), deleted ? "someone" + random.nextInt(3) : null);
                list.add(row);
            }
            rows.put(table.name(), list);
            tableIndex++;
        }
    }

    private final RandomSchema schema;

    void insert(DSLContext plain, String schemaName) {
        boolean mariaDb = Engine.of(plain.dialect()) == Engine.MARIADB;
        for (TableSpec table : schema.tables) {
            for (Map<String, Object> row : rows.get(table.name())) {
                List<Field<?>> fields = new ArrayList<>();
                List<Field<?>> values = new ArrayList<>();
                row.forEach((column, value) -> {
                    DataType<?> type = type(table, column);
                    // jOOQ renders an OffsetDateTime as "timestamp with time zone '...'", which MariaDB refuses: a UTC DATETIME.
                    if (mariaDb && value instanceof OffsetDateTime time) {
                        type = SQLDataType.LOCALDATETIME;
                        value = time.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
                    }
                    fields.add(DSL.field(DSL.name(column), type));
                    values.add(DSL.inline(value, type));
                });
                plain.insertInto(DSL.table(DSL.name(schemaName, table.name()))).columns(fields).values(values).execute();
            }
        }
    }

    /** The SQL type of a column. */
    static DataType<?> type(TableSpec table, String column) {
        if (column.equals("a") || column.equals("b") || column.equals("val"))
            return SQLDataType.INTEGER;
        if (column.equals("id"))
            return SQLDataType.BIGINT;
        if (column.equals(table.flag()))
            return SQLDataType.BOOLEAN;
        if (column.equals(table.timestamp()))
            return SQLDataType.TIMESTAMPWITHTIMEZONE;
        if (column.equals(table.deletedBy()))
            return SQLDataType.CLOB;
        for (KeySpec key : table.keys())
            if (key.columns().contains(column))
                return key.parentRef().composite() ? SQLDataType.INTEGER : SQLDataType.BIGINT;
        throw new IllegalArgumentException(table.name() + "." + column);
    }
}
