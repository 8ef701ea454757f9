package io.github.softdelete.codegen.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Meta;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.Schema;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The generated schemas as jOOQ {@link Schema}s, for core's {@code SoftDeletePolicy.Builder.schema(...)}: each table
 * of jOOQ-meta's model with its columns, in its order, built by jOOQ's DDL interpreter ({@code DSLContext.meta(Query...)}).
 *
 * <p>A column's type is mapped from its SQL type's name as jOOQ-meta reads it: {@code bool...} is a {@code Boolean},
 * {@code timestamp...} and MariaDB's {@code datetime} an {@code OffsetDateTime}, {@code date} a {@code LocalDate}, anything else a {@code String}.
 * That is all the builder tells apart when it chooses markers and finds look-alike columns. Forced types may give
 * a column another Java type; the generator checks the markers' Java types when it resolves them.
 *
 * <p>Thread-safe: holds no state.
 */
final class ModelSchemas {

    /**
     * One column.
     *
     * @param name     its name, as the database spells it
     * @param sqlType  its SQL type's name, e.g. {@code timestamp with time zone}
     */
    record Column(String name, String sqlType) {
    }

    /**
     * One table, or view.
     *
     * @param name    its name, as the database spells it
     * @param columns its columns, in the table's order
     */
    record Table(String name, List<Column> columns) {
    }

    private ModelSchemas() {
    }

    /** {@return the schemas, in the order given, each with its tables} */
    static List<Schema> of(Map<String, List<Table>> schemas) {
        DSLContext ctx = DSL.using(SQLDialect.POSTGRES);
        List<Query> ddl = new ArrayList<>();
        schemas.forEach((schema, tables) -> {
            ddl.add(ctx.createSchemaIfNotExists(DSL.name(schema)));
            for (Table table : tables)
                ddl.add(ctx.createTable(DSL.name(schema, table.name()))
                    .columns(table.columns().stream().<Field<?>>map(c -> DSL.field(DSL.name(c.name()), type(c.sqlType()))).toList()));
        });
        Meta meta = ctx.meta(ddl.toArray(Query[]::new));
        return schemas.keySet().stream().map(schema -> meta.getSchemas(schema).get(0)).toList();
    }

    static DataType<?> type(String sqlType) {
        String type = sqlType == null ? "" : sqlType.toLowerCase(Locale.ROOT);
        if (type.startsWith("bool"))
            return SQLDataType.BOOLEAN;
        if (type.startsWith("timestamp") || type.startsWith("datetime"))
            return SQLDataType.TIMESTAMPWITHTIMEZONE;
        if (type.equals("date"))
            return SQLDataType.DATE;
        return SQLDataType.VARCHAR;
    }
}
