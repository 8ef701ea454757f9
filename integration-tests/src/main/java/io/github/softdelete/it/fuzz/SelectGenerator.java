package io.github.softdelete.it.fuzz;

import java.util.ArrayList;
import java.util.List;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.OrderField;
import org.jooq.Select;
import org.jooq.SelectGroupByStep;
import org.jooq.SelectHavingStep;
import org.jooq.SelectOrderByStep;
import org.jooq.SelectSelectStep;
import org.jooq.WithStep;
import org.jooq.impl.DSL;

/**
 * Generates SELECT statements: a FROM clause, maybe a WHERE, and either a plain select list (columns,
 * scalar subqueries, EXISTS, COALESCE, literals; maybe DISTINCT), a grouped one (GROUP BY keys and
 * aggregates, maybe HAVING) or aggregates alone; and set operations of such SELECTs.
 *
 * <p>A caller that needs particular output kinds (the right-hand branch of a set operation, the
 * subquery of an IN predicate) passes them as {@code required}; the select list then matches them.
 */
final class SelectGenerator {

    private final Gen gen;
    private final Aggregates aggregates;

    SelectGenerator(Gen gen) {
        this.gen = gen;
        this.aggregates = new Aggregates(gen);
    }

    /** A subquery, derived table or CTE body: a SELECT, sometimes a set operation, sometimes ordered and limited. */
    Typed query(Scope outer, int depth, List<Kind> required, boolean mayLimit) {
        if (depth < Gen.MAX_DEPTH && gen.chance(0.1)) {
            gen.shape(Shape.SET_OPERATION_IN_SUBQUERY);
            return setOperation(outer, depth, required, null);
        }
        Typed query = select(outer, depth, required, null);
        if (mayLimit && gen.chance(0.12)) {
            gen.shape(Shape.LIMIT_IN_SUBQUERY);
            return new Typed(orderByAll(query, true).limit(DSL.inline(gen.between(1, 4))), query.outputs());
        }
        return query;
    }

    /** Two or three SELECTs combined with UNION [ALL], INTERSECT [ALL] or EXCEPT [ALL]. */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    Typed setOperation(Scope outer, int depth, List<Kind> required, WithStep with) {
        Typed left = select(outer, depth, required, with);
        Select result = left.select();
        int branches = gen.chance(0.2) ? 3 : 2;
        for (int i = 1; i < branches; i++) {
            Select right = select(outer, depth, left.kinds(), null).select();
            result = switch (gen.weighted(3, 2, 2, 1, 2, 1)) {
                case 0 -> shaped(Shape.UNION, result.union(right));
                case 1 -> shaped(Shape.UNION_ALL, result.unionAll(right));
                case 2 -> shaped(Shape.INTERSECT, result.intersect(right));
                case 3 -> shaped(Shape.INTERSECT, result.intersectAll(right));
                case 4 -> shaped(Shape.EXCEPT, result.except(right));
                default -> shaped(Shape.EXCEPT, result.exceptAll(right));
            };
        }
        return new Typed(result, left.outputs().stream().map(Column::asNullable).toList());
    }

    /** One SELECT at {@code depth}, correlated to {@code outer} when that is not null, started from {@code with}. */
    Typed select(Scope outer, int depth, List<Kind> required, WithStep with) {
        FromGenerator.From from = gen.from.generate(outer, depth, null);
        Scope scope = new Scope(from.columns(), outer);
        Condition where = from.where();
        if (gen.chance(0.65))
            where = and(where, gen.conditions.condition(scope, depth));
        List<Field<?>> fields = new ArrayList<>();
        List<Column> outputs = new ArrayList<>();
        List<Field<?>> groupBy = new ArrayList<>();
        Condition having = null;
        boolean distinct = false;
        int style = gen.weighted(72, 18, 10);
        int count = required != null ? required.size() : style == 0 ? gen.between(1, 4) : gen.between(1, 3);
        if (style == 0) {
            for (int i = 0; i < count; i++)
                outputs.add(item(scope, depth, required == null ? null : required.get(i)));
            distinct = gen.chance(0.12);
            if (distinct)
                gen.shape(Shape.DISTINCT);
        } else {
            gen.shape(Shape.AGGREGATE);
            for (int i = 0; i < count; i++) {
                Kind kind = required == null ? null : required.get(i);
                Column key = style == 1 && gen.chance(0.5) ? key(from.columns(), kind) : null;
                if (key != null) {
                    groupBy.add(key.field());
                    outputs.add(key);
                } else {
                    outputs.add(aggregates.aggregate(from.columns(), kind));
                }
            }
            if (style == 1) {
                gen.shape(Shape.GROUP_BY);
                if (groupBy.isEmpty())
                    groupBy.add(gen.pick(from.columns()).field());
            }
            if (gen.chance(style == 1 ? 0.5 : 0.2)) {
                gen.shape(Shape.HAVING);
                having = aggregates.having(from.columns(), depth);
            }
        }
        for (Column output : outputs)
            fields.add(output.field());
        SelectSelectStep<?> start = with == null
            ? distinct ? DSL.selectDistinct(fields) : DSL.select(fields)
            : distinct ? with.selectDistinct(fields) : with.select(fields);
        SelectHavingStep<?> grouped = start.from(from.tables()).where(where == null ? DSL.noCondition() : where);
        if (!groupBy.isEmpty())
            grouped = ((SelectGroupByStep<?>) grouped).groupBy(groupBy);
        Select<?> query = having == null ? grouped : grouped.having(having);
        return new Typed(query, outputs);
    }

    /** A scalar subquery of the given kind: an aggregate, or one column ordered and limited to one row. */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    Field<?> scalar(Scope outer, int depth, Kind kind) {
        gen.shape(Shape.SCALAR_SUBQUERY);
        FromGenerator.From from = gen.from.generate(outer, depth, kind);
        Scope scope = new Scope(from.columns(), outer);
        Condition where = from.where();
        if (gen.chance(0.7))
            where = and(where, gen.conditions.condition(scope, depth));
        where = where == null ? DSL.noCondition() : where;
        List<Column> ofKind = from.columns().stream().filter(c -> c.kind() == kind).toList();
        if ((kind == Kind.LONG || kind == Kind.TEXT) && !ofKind.isEmpty() && gen.chance(0.25)) {
            gen.shape(Shape.LIMIT_IN_SUBQUERY);
            Field<?> value = gen.pick(ofKind).field();
            return DSL.field((Select) DSL.select(value).from(from.tables()).where(where)
                .orderBy(gen.chance(0.5) ? DSL.inline(1) : DSL.inline(1).desc()).limit(DSL.inline(1)));
        }
        Field<?> value = aggregates.aggregate(from.columns(), kind).field();
        return DSL.field((Select) DSL.select(value).from(from.tables()).where(where));
    }

    /** The query ordered by every output column, which fixes its order completely. */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    org.jooq.SelectLimitStep<?> orderByAll(Typed query, boolean shuffleDirections) {
        List<OrderField<?>> order = new ArrayList<>();
        for (int i = 1; i <= query.outputs().size(); i++) {
            Field<Integer> position = DSL.inline(i);
            order.add(!shuffleDirections ? position : switch (gen.weighted(3, 2, 1)) {
                case 0 -> position;
                case 1 -> position.desc();
                default -> position.asc().nullsFirst();
            });
        }
        return ((SelectOrderByStep) query.select()).orderBy(order);
    }

    // A select-list item of the given kind (any kind when null).
    private Column item(Scope scope, int depth, Kind kind) {
        boolean deeper = depth < Gen.MAX_DEPTH;
        if (kind == null) {
            return switch (gen.weighted(82, deeper ? 7 : 0, 5, deeper ? 3 : 0, 3)) {
                case 0 -> gen.pick(scope.columns());
                case 1 -> scalarItem(scope, depth, gen.pick(List.of(Kind.LONG, Kind.LONG, Kind.TEXT, Kind.NUMBER, Kind.TIME)));
                case 2 -> coalesce(scope);
                case 3 -> existsItem(scope, depth);
                default -> literal(gen.pick(List.of(Kind.LONG, Kind.TEXT)));
            };
        }
        List<Column> ofKind = scope.columns().stream().filter(c -> c.kind() == kind).toList();
        if (!ofKind.isEmpty() && gen.chance(0.85))
            return gen.pick(ofKind);
        if (kind == Kind.BOOL && deeper)
            return existsItem(scope, depth);
        if (deeper && kind != Kind.BOOL)
            return scalarItem(scope, depth, kind);
        return literal(kind);
    }

    private Column scalarItem(Scope scope, int depth, Kind kind) {
        return new Column(scalar(scope, depth + 1, kind), Aggregates.domainOf(kind), true);
    }

    private Column existsItem(Scope scope, int depth) {
        gen.shape(Shape.EXISTS);
        return new Column(DSL.field(DSL.exists(query(scope, depth + 1, null, true).select())), Domain.BOOL, false);
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private Column coalesce(Scope scope) {
        Column column = gen.pick(scope.columns());
        Field<?> literal = column.domain().literal(gen);
        // jOOQ renders an inline value in COALESCE as the first argument's type: on MariaDB a time column's
        // OffsetDateTime, "timestamp with time zone '...'", which MariaDB refuses (1064); a template keeps the literal.
        if (gen.engine == Engine.MARIADB && column.domain().kind == Kind.TIME)
            literal = DSL.field("{0}", column.field().getDataType(), literal);
        return new Column(DSL.coalesce((Field) column.field(), literal), column.domain(), false);
    }

    private Column literal(Kind kind) {
        Domain domain = Aggregates.domainOf(kind);
        return new Column(domain.literal(gen), domain, false);
    }

    private Column key(List<Column> columns, Kind kind) {
        List<Column> candidates = kind == null ? columns : columns.stream().filter(c -> c.kind() == kind).toList();
        return candidates.isEmpty() ? null : gen.pick(candidates);
    }

    private static Condition and(Condition a, Condition b) {
        return a == null ? b : a.and(b);
    }

    private Select<?> shaped(Shape shape, Select<?> select) {
        gen.shape(shape);
        return select;
    }
}
