package io.github.softdelete.it.fuzz;

import java.util.List;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Generates aggregates of a kind (COUNT, COUNT DISTINCT, MIN, MAX, SUM, AVG, BOOL_OR) over the columns
 * of one FROM clause, and HAVING predicates on them. Aggregates never take a column of an enclosing
 * query: PostgreSQL would make such an aggregate belong to the enclosing query.
 */
final class Aggregates {

    private final Gen gen;

    Aggregates(Gen gen) {
        this.gen = gen;
    }

    /** An aggregate of the given kind, or of any kind when {@code kind} is null. */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    Column aggregate(List<Column> columns, Kind kind) {
        Kind k = kind != null ? kind : gen.pick(List.of(Kind.LONG, Kind.LONG, Kind.TEXT, Kind.NUMBER, Kind.TIME));
        List<Column> ofKind = columns.stream().filter(c -> c.kind() == k).toList();
        List<Column> longs = columns.stream().filter(c -> c.kind() == Kind.LONG).toList();
        switch (k) {
            case LONG:
                if (ofKind.isEmpty() || gen.chance(0.5))
                    return switch (gen.weighted(4, 2, 2)) {
                        case 0 -> new Column(DSL.count(), Domain.COUNT, false);
                        case 1 -> new Column(DSL.count(gen.pick(columns).field()), Domain.COUNT, false);
                        default -> new Column(DSL.countDistinct(gen.pick(columns).field()), Domain.COUNT, false);
                    };
                return minOrMax(gen.pick(ofKind));
            case TEXT:
            case TIME:
                if (!ofKind.isEmpty())
                    return minOrMax(gen.pick(ofKind));
                Field<?> none = k == Kind.TEXT ? DSL.max(DSL.castNull(SQLDataType.CLOB))
                    : gen.engine == Engine.MARIADB ? DSL.max(DSL.castNull(SQLDataType.LOCALDATETIME))
                    : DSL.max(DSL.castNull(SQLDataType.TIMESTAMPWITHTIMEZONE));
                return new Column(none, domainOf(k), true);
            case NUMBER:
                Field argument = longs.isEmpty() ? DSL.inline(1L) : gen.pick(longs).field();
                return new Column(gen.chance(0.6) ? DSL.sum(argument) : DSL.avg(argument), Domain.NUMBER, true);
            default:
                return new Column(DSL.boolOr(gen.pick(columns).field().isNull()), Domain.BOOL, true);
        }
    }

    /** A HAVING predicate: an aggregate compared with a literal, or with an uncorrelated scalar subquery. */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    Condition having(List<Column> columns, int depth) {
        Column aggregate = aggregate(columns, gen.chance(0.6) ? Kind.LONG : null);
        if (depth < Gen.MAX_DEPTH && gen.chance(0.15))
            return ConditionGenerator.compare(aggregate.field(), gen.pick(List.of("<", ">", "=")),
                gen.selects.scalar(null, depth + 1, aggregate.kind()));
        return gen.conditions.literal(aggregate);
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private Column minOrMax(Column column) {
        Field field = column.field();
        return new Column(gen.chance(0.5) ? DSL.max(field) : DSL.min(field), column.domain(), true);
    }

    /** A domain whose values are of {@code kind}, for literals and subquery outputs. */
    static Domain domainOf(Kind kind) {
        return switch (kind) {
            case LONG -> Domain.POST_ID;
            case TEXT -> Domain.TITLE;
            case TIME -> Domain.TIME;
            case BOOL -> Domain.BOOL;
            case NUMBER -> Domain.NUMBER;
        };
    }
}
