package io.github.softdelete.it.fuzz.schemas;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.ResultQuery;
import org.jooq.Table;
import org.jooq.impl.DSL;

import io.github.softdelete.it.fuzz.Engine;
import io.github.softdelete.it.fuzz.schemas.RandomSchema.KeySpec;
import io.github.softdelete.it.fuzz.schemas.RandomSchema.TableSpec;

/**
 * Random reads and statements over a {@link RandomSchema}, built from a seed for a given schema
 * name, so that the same case can be built for the schema under test and for an oracle schema.
 * Tables are referenced by name ({@code DSL.table(name(schema, table))}), as a policy built from the
 * catalog must recognise them.
 */
final class RandomQueries {

    private final RandomSchema schema;
    private final Engine engine;

    /** Cases for {@code engine}: on MariaDB, which has no FULL JOIN, a LEFT JOIN takes its place (same seeds, same draws). */
    RandomQueries(RandomSchema schema, Engine engine) {
        this.schema = schema;
        this.engine = engine;
    }

    /** The table the statement of {@code seed} writes. */
    String target(long seed) {
        Random random = new Random(seed);
        if (random.nextInt(3) > 0)
            return pick(random, schema.tables.stream().filter(TableSpec::marked).toList()).name();
        return pick(random, schema.tables).name();
    }

    /** A SELECT: one table, a chain of joins along foreign keys, an EXISTS, or a GROUP BY. */
    ResultQuery<?> read(DSLContext ctx, long seed, String schemaName) {
        Random random = new Random(seed);
        TableSpec root = pick(random, schema.tables);
        Table<?> from = table(schemaName, root, "x0");
        List<String> aliases = new ArrayList<>(List.of("x0"));
        List<TableSpec> joined = new ArrayList<>(List.of(root));
        int joins = random.nextInt(3);
        for (int j = 1; j <= joins; j++) {
            TableSpec last = joined.get(joined.size() - 1);
            List<Object[]> edges = edges(last);
            if (edges.isEmpty())
                break;
            Object[] edge = pick(random, edges);
            KeySpec key = (KeySpec) edge[0];
            boolean lastIsChild = (Boolean) edge[1];
            TableSpec other = lastIsChild ? key.parentRef() : (TableSpec) edge[2];
            String alias = "x" + j;
            Condition on = lastIsChild ? keyJoin(aliases.get(aliases.size() - 1), key, alias, other)
                : keyJoin(alias, key, aliases.get(aliases.size() - 1), last);
            Table<?> next = table(schemaName, other, alias);
            from = switch (random.nextInt(5)) {
                case 0 -> from.leftJoin(next).on(on);
                case 1 -> from.rightJoin(next).on(on);
                case 2 -> engine == Engine.MARIADB ? from.leftJoin(next).on(on) : from.fullJoin(next).on(on);
                default -> from.join(next).on(on);
            };
            aliases.add(alias);
            joined.add(other);
        }
        Condition where = condition(random, root, "x0");
        if (random.nextInt(4) == 0 && !edges(root).isEmpty())
            where = where.and(exists(random, schemaName, root));
        if (random.nextInt(5) == 0) {
            Field<?> val = DSL.field(DSL.name("x0", "val"));
            return ctx.select(val, DSL.count()).from(from).where(where).groupBy(val);
        }
        return ctx.select(DSL.asterisk()).from(from).where(where);
    }

    /** A DELETE of a marked table (optionally RETURNING its key), or an UPDATE of any table. */
    Query statement(DSLContext ctx, long seed, String schemaName) {
        Random random = new Random(seed);
        if (random.nextInt(3) > 0) {
            List<TableSpec> marked = schema.tables.stream().filter(TableSpec::marked).toList();
            TableSpec table = pick(random, marked);
            Table<?> target = DSL.table(DSL.name(schemaName, table.name()));
            Condition where = condition(random, table, table.name(), schemaName);
            if (random.nextBoolean())
                return ctx.deleteFrom(target).where(where).returning(keyFields(table, DSL.name(schemaName, table.name())));
            return ctx.deleteFrom(target).where(where);
        }
        TableSpec table = pick(random, schema.tables);
        Field<Integer> val = DSL.field(DSL.name("val"), Integer.class);
        return ctx.update(DSL.table(DSL.name(schemaName, table.name()))).set(val, val.plus(DSL.inline(1)))
            .where(condition(random, table, table.name(), schemaName));
    }

    /**
     * For the DELETE of {@code seed} ({@link #statement}), the SELECT of the primary keys of the rows it matches, and
     * its table; null for an UPDATE. The MariaDB oracle deletes by these keys: InnoDB evaluates a DELETE's condition
     * row by row after the cascades of the rows before (a self-reference's SET NULL changes what {@code fk IS NULL}
     * matches mid-statement), where PostgreSQL, and the library, match the rows first.
     */
    Map.Entry<Table<?>, ResultQuery<?>> deletedKeys(DSLContext ctx, long seed, String schemaName) {
        Random random = new Random(seed);
        if (random.nextInt(3) == 0)
            return null;
        List<TableSpec> marked = schema.tables.stream().filter(TableSpec::marked).toList();
        TableSpec table = pick(random, marked);
        Table<?> target = DSL.table(DSL.name(schemaName, table.name()));
        Condition where = condition(random, table, table.name(), schemaName);
        return Map.entry(target, ctx.select(keyFields(table, DSL.name(schemaName, table.name()))).from(target).where(where));
    }

    private Condition exists(Random random, String schemaName, TableSpec root) {
        Object[] edge = pick(random, edges(root));
        KeySpec key = (KeySpec) edge[0];
        boolean rootIsChild = (Boolean) edge[1];
        TableSpec other = rootIsChild ? key.parentRef() : (TableSpec) edge[2];
        Condition on = rootIsChild ? keyJoin("x0", key, "y", other) : keyJoin("y", key, "x0", root);
        Condition exists = DSL.exists(DSL.selectOne().from(table(schemaName, other, "y")).where(on));
        return random.nextBoolean() ? exists : DSL.not(exists);
    }

    // Keys from table (it is the child: {key, true}) and to table (it is the parent: {key, false, child}).
    private List<Object[]> edges(TableSpec table) {
        List<Object[]> edges = new ArrayList<>();
        for (KeySpec key : table.keys())
            edges.add(new Object[] { key, true });
        for (TableSpec child : schema.tables)
            for (KeySpec key : child.keys())
                if (key.parent().equals(table.name()) && child != table)
                    edges.add(new Object[] { key, false, child });
        return edges;
    }

    // child.fk columns = parent.pk columns
    private static Condition keyJoin(String childAlias, KeySpec key, String parentAlias, TableSpec parent) {
        Condition on = DSL.noCondition();
        for (int i = 0; i < key.columns().size(); i++)
            on = on.and(DSL.field(DSL.name(childAlias, key.columns().get(i))).eq(DSL.field(DSL.name(parentAlias, parent.primaryKey().get(i)))));
        return on;
    }

    private static Condition condition(Random random, TableSpec table, String alias) {
        return condition(random, table, alias, null);
    }

    private static Condition condition(Random random, TableSpec table, String alias, String schemaName) {
        org.jooq.Name qualifier = schemaName == null ? DSL.name(alias) : DSL.name(schemaName, alias);
        Field<Integer> val = DSL.field(qualifier.append("val"), Integer.class);
        return switch (random.nextInt(5)) {
            case 0 -> DSL.noCondition();
            case 1 -> val.lt(DSL.inline(random.nextInt(10)));
            case 2 -> val.eq(DSL.inline(random.nextInt(10)));
            case 3 -> table.keys().isEmpty() ? val.ge(DSL.inline(5))
                : DSL.field(qualifier.append(table.keys().get(0).columns().get(0))).isNull();
            default -> DSL.field(qualifier.append(table.primaryKey().get(0)), Integer.class).cast(Integer.class)
                .le(DSL.inline(random.nextInt(8)));
        };
    }

    private static List<Field<?>> keyFields(TableSpec table, org.jooq.Name qualifier) {
        List<Field<?>> fields = new ArrayList<>();
        for (String column : table.primaryKey())
            fields.add(DSL.field(qualifier.append(column)));
        return fields;
    }

    private static Table<?> table(String schemaName, TableSpec table, String alias) {
        return DSL.table(DSL.name(schemaName, table.name())).as(alias);
    }

    private static <T> T pick(Random random, List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
