package io.github.softdelete.it.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.Condition;
import org.jooq.DeleteConditionStep;
import org.jooq.DeleteUsingStep;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.UpdateConditionStep;
import org.jooq.UpdateFromStep;
import org.jooq.WithStep;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Generates UPDATE and DELETE statements on any table of the reference schema, each with a subquery in
 * its WHERE clause (possibly correlated to the target), sometimes with an aliased target, UPDATE ... FROM
 * or DELETE ... USING. The SET clauses write only what both databases accept alike: unique columns get
 * values unique per row, and foreign keys get a parent chosen by a (filtered) scalar subquery.
 */
final class StatementGenerator {

    private static final int[] TABLE_WEIGHTS = { 3, 2, 4, 4, 2, 1, 2 };

    private final Gen gen;
    private Table<?> target;
    private Select<?> matched;

    StatementGenerator(Gen gen) {
        this.gen = gen;
    }

    /** The base table the last {@link #statement()} writes. */
    Table<?> target() {
        return target;
    }

    /**
     * For the last {@link #statement()}, a DELETE from a soft-deletable table: {@code [WITH ...] SELECT <its primary
     * key> FROM <target> [, <USING table>] WHERE <its condition>}; null for an UPDATE and for a table without a marker
     * (the library leaves its DELETE a DELETE). Draws nothing from the random source.
     */
    Select<?> matched() {
        return matched;
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    Query statement() {
        ReferenceSchema.TableInfo target = ReferenceSchema.TABLES.get(gen.weighted(TABLE_WEIGHTS));
        boolean delete = gen.chance(0.55);
        gen.shape(delete ? Shape.DELETE : Shape.UPDATE);
        Source source = target(target, delete);
        List<Column> visible = new ArrayList<>(source.columns());
        Table<?> joined = null;
        Condition where = null;
        List<ReferenceSchema.Edge> edges = edges(target);
        if (!edges.isEmpty() && gen.chance(0.25)) {
            gen.shape(delete ? Shape.DELETE_USING : Shape.UPDATE_FROM);
            ReferenceSchema.Edge edge = gen.pick(edges);
            boolean child = edge.child() == target;
            Source other = gen.sources.base(child ? edge.parent() : edge.child());
            joined = other.table();
            visible.addAll(other.columns());
            where = ConditionGenerator.eq(source.column(child ? edge.childColumn() : edge.parentColumn()).field(),
                other.column(child ? edge.parentColumn() : edge.childColumn()).field());
        }
        WithStep with = null;
        if (gen.chance(0.15)) {
            gen.shape(Shape.STATEMENT_WITH_CTE);
            Typed body = gen.selects.select(null, 1, null, null);
            String name = gen.cteName();
            with = DSL.with(DSL.name(name).fields(names(body.outputs().size())).as((Select) body.select()));
            gen.ctes.add(new Gen.Cte(name, body.outputs()));
            gen.useCteFirst = true;
        }
        Scope scope = new Scope(visible, null);
        Condition filter = gen.conditions.subquery(scope, 0);
        if (gen.chance(0.5))
            filter = gen.chance(0.7) ? filter.and(gen.conditions.condition(scope, 0)) : filter.or(gen.conditions.condition(scope, 0));
        where = where == null ? filter : where.and(filter);
        Table<Record> table = (Table<Record>) source.table();
        List<Field<?>> returning = gen.chance(0.2) ? returning(source) : List.of();
        this.target = target.table();
        if (delete && target.softDeletable()) {
            List<Field<?>> key = new ArrayList<>();
            for (Field<?> column : target.table().getPrimaryKey().getFields())
                key.add(table.field(column.getName()));
            List<Table<?>> from = joined == null ? List.of(table) : List.of(table, joined);
            matched = (with == null ? DSL.select(key) : with.select(key)).from(from).where(where);
        }
        if (delete) {
            DeleteUsingStep<Record> start = with == null ? DSL.deleteFrom(table) : with.delete(table);
            DeleteConditionStep<Record> statement = (joined == null ? start : start.using(joined)).where(where);
            return returning.isEmpty() ? statement : statement.returning(returning);
        }
        Map<Field<?>, Object> set = set(source, new Scope(source.columns(), null));
        UpdateFromStep<Record> start = (with == null ? DSL.update(table) : with.update(table)).set(set);
        UpdateConditionStep<Record> statement = (joined == null ? start : start.from(joined)).where(where);
        return returning.isEmpty() ? statement : statement.returning(returning);
    }

    // RETURNING every column but the marker: the listener's side stamps it, the oracle's has none to stamp.
    private List<Field<?>> returning(Source target) {
        gen.shape(Shape.RETURNING);
        List<Field<?>> fields = new ArrayList<>();
        for (Column column : target.columns())
            if (column.kind() != Kind.TIME)
                fields.add(column.field());
        return fields;
    }

    private static String[] names(int count) {
        String[] names = new String[count];
        for (int i = 0; i < count; i++)
            names[i] = "c" + i;
        return names;
    }

    private Source target(ReferenceSchema.TableInfo info, boolean delete) {
        if (gen.chance(0.3)) {
            gen.shape(delete ? Shape.DELETE_ALIASED : Shape.UPDATE_ALIASED);
            Table<?> table = info.table().as(gen.alias());
            List<Column> columns = new ArrayList<>();
            for (ReferenceSchema.ColumnInfo column : info.columns())
                columns.add(new Column(table.field(column.index()), column.domain(), column.nullable()));
            return new Source(table, info, columns);
        }
        gen.unaliasedTables.add(info.name());
        List<Column> columns = new ArrayList<>();
        for (ReferenceSchema.ColumnInfo column : info.columns())
            columns.add(new Column(info.table().field(column.index()), column.domain(), column.nullable()));
        return new Source(info.table(), info, columns);
    }

    // What to write, per table; never the marker, never a value that one database accepts and the other refuses.
    private Map<Field<?>, Object> set(Source target, Scope scope) {
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        switch (target.base().name()) {
            case "users" -> {
                if (gen.chance(0.5))
                    set.put(field(target, "name"), Domain.USER_NAME.literal(gen));
                else
                    set.put(field(target, "email"), DSL.concat(field(target, "email"), DSL.inline(".x")));
            }
            case "categories", "tags" -> set.put(field(target, "name"), uniqueName(target));
            case "posts" -> {
                switch (gen.weighted(3, 2, 2, 2, 1)) {
                    case 0 -> set.put(field(target, "title"), Domain.TITLE.literal(gen));
                    case 1 -> set.put(field(target, "content"), gen.chance(0.5) ? DSL.castNull(SQLDataType.CLOB) : Domain.CONTENT.literal(gen));
                    case 2 -> set.put(field(target, "editor_id"), parent(ReferenceSchema.USER, scope));
                    case 3 -> set.put(field(target, "category_id"), parent(ReferenceSchema.CATEGORY, scope));
                    default -> set.put(field(target, "author_id"), DSL.coalesce(parent(ReferenceSchema.USER, scope), field(target, "author_id")));
                }
            }
            case "comments" -> {
                switch (gen.weighted(3, 1, 2, 1)) {
                    case 0 -> set.put(field(target, "body"), Domain.BODY.literal(gen));
                    case 1 -> set.put(field(target, "parent_id"), DSL.castNull(SQLDataType.BIGINT));
                    case 2 -> set.put(field(target, "post_id"), DSL.coalesce(parent(ReferenceSchema.POST, scope), field(target, "post_id")));
                    default -> set.put(field(target, "author_id"), DSL.coalesce(parent(ReferenceSchema.USER, scope), field(target, "author_id")));
                }
            }
            case "likes" -> set.put(field(target, "user_id"), field(target, "user_id"));
            default -> set.put(field(target, "tag_id"), field(target, "tag_id"));
        }
        return set;
    }

    /** A parent row for a foreign key: {@code (SELECT max(p.id) FROM parent p WHERE ...)}, maybe correlated. */
    @SuppressWarnings("unchecked")
    private Field<Long> parent(ReferenceSchema.TableInfo parent, Scope target) {
        gen.shape(Shape.SUBQUERY_IN_SET);
        gen.shape(Shape.SCALAR_SUBQUERY);
        Source source = gen.sources.base(parent);
        Condition where = gen.conditions.condition(new Scope(source.columns(), target), 1);
        return DSL.field(DSL.select(DSL.max((Field<Long>) source.column("id").field())).from(source.table()).where(where));
    }

    // name || '~' || id: unique per row, so a UNIQUE constraint never refuses it on one side only.
    private static Field<String> uniqueName(Source target) {
        return DSL.concat(field(target, "name"), DSL.inline("~"), field(target, "id").cast(SQLDataType.VARCHAR));
    }

    @SuppressWarnings("unchecked")
    private static <T> Field<T> field(Source source, String name) {
        return (Field<T>) source.column(name).field();
    }

    private static List<ReferenceSchema.Edge> edges(ReferenceSchema.TableInfo table) {
        List<ReferenceSchema.Edge> edges = new ArrayList<>();
        for (ReferenceSchema.Edge edge : ReferenceSchema.EDGES)
            if (edge.child() == table || edge.parent() == table)
                edges.add(edge);
        return edges;
    }
}
