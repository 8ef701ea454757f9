package io.github.softdelete.it.fuzz;

import java.util.ArrayList;
import java.util.List;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Select;
import org.jooq.impl.DSL;

/**
 * Generates predicates: comparisons with literals and between columns, NULL tests, IN lists, LIKE,
 * and the subquery predicates EXISTS, NOT EXISTS, IN, NOT IN and comparisons with a scalar subquery,
 * combined with AND, OR and NOT. Inside a subquery, a column of an enclosing query is picked now and
 * then, which makes the subquery correlated.
 */
final class ConditionGenerator {

    private static final List<String> OPERATORS = List.of("=", "<>", "<", ">", "<=", ">=");

    private final Gen gen;

    ConditionGenerator(Gen gen) {
        this.gen = gen;
    }

    /** A random predicate over {@code scope}, at most two connectives deep. */
    Condition condition(Scope scope, int depth) {
        return condition(scope, depth, 2);
    }

    private Condition condition(Scope scope, int depth, int budget) {
        if (budget > 0 && gen.chance(0.3))
            return switch (gen.weighted(45, 40, 15)) {
                case 0 -> condition(scope, depth, budget - 1).and(condition(scope, depth, budget - 1));
                case 1 -> condition(scope, depth, budget - 1).or(condition(scope, depth, budget - 1));
                default -> DSL.not(condition(scope, depth, budget - 1));
            };
        return switch (gen.weighted(45, 13, depth < Gen.MAX_DEPTH ? 30 : 0)) {
            case 0 -> literal(column(scope));
            case 1 -> columns(scope);
            default -> subquery(scope, depth);
        };
    }

    /** A predicate comparing one column with literals: a comparison, a NULL test, an IN list, BETWEEN or LIKE. */
    Condition literal(Column column) {
        Field<?> field = column.field();
        Domain domain = column.domain();
        int nulls = column.nullable() ? 15 : 3;
        return switch (column.kind()) {
            case LONG, NUMBER -> switch (gen.weighted(60, nulls, 14, 10)) {
                case 0 -> compare(field, gen.pick(OPERATORS), domain.literal(gen));
                case 1 -> nullTest(field);
                case 2 -> field.in(domain.literal(gen), domain.literal(gen), domain.literal(gen));
                default -> between(field, domain);
            };
            case TEXT -> switch (gen.weighted(50, nulls, 10, 25)) {
                case 0 -> compare(field, gen.pick(OPERATORS), domain.literal(gen));
                case 1 -> nullTest(field);
                case 2 -> field.in(domain.literal(gen), domain.literal(gen));
                default -> text(field).like(DSL.inline(domain.likePattern(gen.random)));
            };
            case TIME -> gen.chance(0.75) ? nullTest(field) : compare(field, gen.pick(OPERATORS), domain.literal(gen));
            case BOOL -> gen.chance(0.8) ? compare(field, "=", domain.literal(gen)) : nullTest(field);
        };
    }

    /** A subquery predicate: EXISTS, NOT EXISTS, IN, NOT IN or a comparison with a scalar subquery. */
    Condition subquery(Scope scope, int depth) {
        int kind = gen.weighted(20, 12, 20, 12, 16);
        if (kind <= 1) {
            Select<?> query = gen.selects.query(scope, depth + 1, null, true).select();
            gen.shape(kind == 0 ? Shape.EXISTS : Shape.NOT_EXISTS);
            return kind == 0 ? DSL.exists(query) : DSL.notExists(query);
        }
        Column column = column(scope, Kind.LONG, Kind.TEXT);
        if (kind <= 3) {
            gen.inSubqueries++;
            Select<?> query = gen.selects.query(scope, depth + 1, List.of(column.kind()), true).select();
            gen.inSubqueries--;
            gen.shape(kind == 2 ? Shape.IN_SUBQUERY : Shape.NOT_IN_SUBQUERY);
            return kind == 2 ? in(column.field(), query) : notIn(column.field(), query);
        }
        Field<?> scalar = gen.selects.scalar(scope, depth + 1, column.kind());
        Field<?> other = gen.chance(0.6) ? column.field() : column.domain().literal(gen);
        return compare(scalar, gen.pick(OPERATORS), other);
    }

    // Two columns of one kind; one may come from an enclosing query.
    private Condition columns(Scope scope) {
        Column a = column(scope);
        List<Column> candidates = new ArrayList<>();
        for (Column b : visible(scope))
            if (b != a && b.kind() == a.kind() && !b.field().equals(a.field()))
                candidates.add(b);
        if (candidates.isEmpty())
            return literal(a);
        Column b = gen.pick(candidates);
        if (!scope.columns().contains(b))
            gen.shape(Shape.CORRELATED_SUBQUERY);
        return compare(a.field(), gen.pick(OPERATORS), b.field());
    }

    /** A column of this query, or now and then one of an enclosing query's (a correlation). */
    Column column(Scope scope, Kind... kinds) {
        List<Column> own = ofKinds(scope.columns(), kinds);
        List<Column> outer = ofKinds(scope.outerColumns(), kinds);
        if (!outer.isEmpty() && (own.isEmpty() || gen.chance(0.25))) {
            gen.shape(Shape.CORRELATED_SUBQUERY);
            return gen.pick(outer);
        }
        return own.isEmpty() ? gen.pick(scope.columns()) : gen.pick(own);
    }

    private static List<Column> ofKinds(List<Column> columns, Kind... kinds) {
        if (kinds.length == 0)
            return columns;
        List<Column> matching = new ArrayList<>();
        for (Column column : columns)
            for (Kind kind : kinds)
                if (column.kind() == kind)
                    matching.add(column);
        return matching;
    }

    private static List<Column> visible(Scope scope) {
        List<Column> all = new ArrayList<>(scope.columns());
        all.addAll(scope.outerColumns());
        return all;
    }

    private Condition nullTest(Field<?> field) {
        return gen.chance(0.5) ? field.isNull() : field.isNotNull();
    }

    @SuppressWarnings("unchecked")
    private Condition between(Field<?> field, Domain domain) {
        return ((Field<Object>) field).between((Field<Object>) domain.literal(gen), (Field<Object>) domain.literal(gen));
    }

    @SuppressWarnings("unchecked")
    static Condition eq(Field<?> a, Field<?> b) {
        return ((Field<Object>) a).eq((Field<Object>) b);
    }

    @SuppressWarnings("unchecked")
    static Condition compare(Field<?> a, String operator, Field<?> b) {
        Field<Object> left = (Field<Object>) a;
        Field<Object> right = (Field<Object>) b;
        return switch (operator) {
            case "=" -> left.eq(right);
            case "<>" -> left.ne(right);
            case "<" -> left.lt(right);
            case ">" -> left.gt(right);
            case "<=" -> left.le(right);
            default -> left.ge(right);
        };
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    static Condition in(Field<?> field, Select<?> query) {
        return ((Field) field).in((Select) query);
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    static Condition notIn(Field<?> field, Select<?> query) {
        return ((Field) field).notIn((Select) query);
    }

    @SuppressWarnings("unchecked")
    private static Field<String> text(Field<?> field) {
        return (Field<String>) field;
    }
}
