package io.github.softdelete.it.fuzz;

import java.util.ArrayList;
import java.util.List;

import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Generates the entries of a FROM clause: base tables (aliased by generated class, aliased by plain
 * name, or unaliased when no other reference in the query uses the name), derived tables, and
 * references to the query's CTEs.
 */
final class Sources {

    private static final List<ReferenceSchema.TableInfo> TABLES = ReferenceSchema.TABLES;
    private static final int[] TABLE_WEIGHTS = { 4, 2, 4, 4, 3, 1, 2 };

    private final Gen gen;

    Sources(Gen gen) {
        this.gen = gen;
    }

    /** A source of the FROM clause: a base table mostly, sometimes a derived table or a CTE. */
    Source source(int depth) {
        if (gen.useCteFirst && !gen.ctes.isEmpty()) {
            gen.useCteFirst = false;
            return cte(gen.ctes.get(gen.ctes.size() - 1));
        }
        int kind = gen.weighted(84, depth < Gen.MAX_DEPTH - 1 ? 8 : 0, gen.ctes.isEmpty() ? 0 : 8);
        if (kind == 1)
            return derived(depth);
        if (kind == 2)
            return cte(gen.pick(gen.ctes));
        return base(TABLES.get(gen.weighted(TABLE_WEIGHTS)));
    }

    /** A base table with a column of kind {@code needed} (every table has one that aggregates into LONG, NUMBER or BOOL). */
    Source baseWith(Kind needed) {
        while (true) {
            ReferenceSchema.TableInfo table = TABLES.get(gen.weighted(TABLE_WEIGHTS));
            if (table.columns().stream().anyMatch(c -> c.domain().kind == needed) || needed == Kind.NUMBER || needed == Kind.BOOL
                || needed == Kind.LONG)
                return base(table);
        }
    }

    /** A base table: aliased (mostly), aliased by plain name, or unaliased when no other reference uses its name. */
    Source base(ReferenceSchema.TableInfo info) {
        int style = gen.weighted(85, 8, gen.unaliasedTables.contains(info.name()) ? 0 : 7);
        List<Column> columns = new ArrayList<>();
        Table<?> table;
        if (style == 1) {
            gen.shape(Shape.PLAIN_NAME_TABLE);
            String alias = gen.alias();
            table = DSL.table(DSL.name(info.name())).as(alias);
            for (ReferenceSchema.ColumnInfo column : info.columns())
                columns.add(new Column(DSL.field(DSL.name(alias, column.name()), column.domain().kind.type), column.domain(), column.nullable()));
            return new Source(table, info, columns);
        }
        if (style == 2) {
            gen.shape(Shape.UNALIASED_TABLE);
            gen.unaliasedTables.add(info.name());
            table = info.table();
        } else {
            table = info.table().as(gen.alias());
        }
        for (ReferenceSchema.ColumnInfo column : info.columns())
            columns.add(new Column(table.field(column.index()), column.domain(), column.nullable()));
        return new Source(table, info, columns);
    }

    private Source derived(int depth) {
        gen.shape(Shape.DERIVED_TABLE);
        Typed query = gen.selects.query(null, depth + 1, null, true);
        String alias = gen.alias();
        String[] names = new String[query.outputs().size()];
        for (int i = 0; i < names.length; i++)
            names[i] = "c" + i;
        return new Source(query.select().asTable(alias, names), null, columns(alias, query.outputs()));
    }

    private Source cte(Gen.Cte cte) {
        gen.shape(Shape.CTE);
        String alias = gen.alias();
        return new Source(DSL.table(DSL.name(cte.name())).as(alias), null, columns(alias, cte.outputs()));
    }

    /** The columns c0, c1, ... of a derived table or CTE reference named {@code alias}. */
    static List<Column> columns(String alias, List<Column> outputs) {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            Field<?> field = DSL.field(DSL.name(alias, "c" + i), outputs.get(i).kind().type);
            columns.add(new Column(field, outputs.get(i).domain(), true));
        }
        return columns;
    }
}
