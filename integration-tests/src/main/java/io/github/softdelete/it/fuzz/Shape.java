package io.github.softdelete.it.fuzz;

import java.util.EnumSet;
import java.util.Set;

/**
 * A feature a generated query or statement has. The generator records each shape as it builds it, so a
 * test can prove that it really produces them all. Immutable and thread-safe.
 */
public enum Shape {
    ONE_TABLE, TWO_TABLES, THREE_TABLES, FOUR_TABLES,
    INNER_JOIN, LEFT_JOIN, RIGHT_JOIN, FULL_JOIN, CROSS_JOIN, COMMA_JOIN, NESTED_JOIN, SELF_JOIN, USING_JOIN,
    SUBQUERY_IN_ON, PLAIN_NAME_TABLE, UNALIASED_TABLE,
    EXISTS, NOT_EXISTS, IN_SUBQUERY, NOT_IN_SUBQUERY, SCALAR_SUBQUERY, CORRELATED_SUBQUERY,
    DERIVED_TABLE, CTE, RECURSIVE_CTE,
    UNION, UNION_ALL, INTERSECT, EXCEPT, SET_OPERATION_IN_SUBQUERY,
    AGGREGATE, GROUP_BY, HAVING, DISTINCT, ORDER_BY, ORDER_BY_LIMIT, ORDER_BY_PARTIAL, LIMIT_IN_SUBQUERY,
    INCLUDE_DELETED, ONLY_DELETED,
    UPDATE, UPDATE_FROM, UPDATE_ALIASED, DELETE, DELETE_USING, DELETE_ALIASED, STATEMENT_WITH_CTE, RETURNING, SUBQUERY_IN_SET;

    /** The shapes every run of {@link QueryGenerator#read} must produce. */
    public static Set<Shape> reads() {
        return EnumSet.range(ONE_TABLE, ONLY_DELETED);
    }

    /** The shapes every run of {@link QueryGenerator#statement} must produce. */
    public static Set<Shape> statements() {
        return EnumSet.range(UPDATE, SUBQUERY_IN_SET);
    }
}
