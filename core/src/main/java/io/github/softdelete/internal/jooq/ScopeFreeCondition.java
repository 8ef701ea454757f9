package io.github.softdelete.internal.jooq;

import java.util.List;

import org.jooq.Condition;
import org.jooq.Param;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.QOM;


/**
 * Whether a DELETE's condition renders the same wherever it stands, so that {@code CascadeText} may
 * render it on its own, in the text kept around it.
 *
 * <p>Such a condition is built from comparisons, {@code IS [NOT] NULL}, {@code [NOT] IN (values)},
 * {@code BETWEEN} and {@code [NOT] LIKE}, combined with AND, OR, XOR and NOT, over bind values,
 * inline values and columns of the DELETE's own table. Anything else may depend on the SELECT around
 * it: a subquery has its own scope, an implicit join path adds a join to the enclosing query, and a
 * column of another table is resolved against the enclosing FROM. Those conditions are rendered
 * in full, in their SELECT.
 *
 * <p>Stateless and thread-safe; the answer for a class is computed once.
 */
public final class ScopeFreeCondition {

    private enum Operator { COMBINED, NOT, COMPARE, IS_NULL, IS_NOT_NULL, IN_LIST, NOT_IN_LIST, BETWEEN, LIKE, NOT_LIKE, OTHER }

    private static final ClassValue<Operator> OPERATOR = new ClassValue<>() {
        @Override
        protected Operator computeValue(Class<?> type) {
            return operator(type);
        }
    };

    private ScopeFreeCondition() {
    }

    /** Whether {@code condition} (null for none) is scope-free on {@code table}. */
    public static boolean test(Condition condition, Table<?> table) {
        return condition == null || accepts(condition, table);
    }

    private static boolean accepts(Object part, Table<?> table) {
        if (part == null || part instanceof Param<?>)
            return true;
        if (part instanceof TableField<?, ?> column)
            return column.getTable() != null && column.getTable().getClass() == table.getClass()
                && column.getTable().getQualifiedName().equals(table.getQualifiedName());
        if (!(part instanceof Condition))
            return false;
        return switch (OPERATOR.get(part.getClass())) {
            case COMBINED -> accepts(((QOM.CombinedCondition<?>) part).$arg1(), table)
                && accepts(((QOM.CombinedCondition<?>) part).$arg2(), table);
            case NOT -> accepts(((QOM.Not) part).$arg1(), table);
            case COMPARE -> accepts(((QOM.CompareCondition<?, ?>) part).$arg1(), table)
                && accepts(((QOM.CompareCondition<?, ?>) part).$arg2(), table);
            case IS_NULL -> accepts(((QOM.IsNull) part).$arg1(), table);
            case IS_NOT_NULL -> accepts(((QOM.IsNotNull) part).$arg1(), table);
            case IN_LIST -> accepts(((QOM.InList<?>) part).$arg1(), table) && acceptsAll(((QOM.InList<?>) part).$arg2(), table);
            case NOT_IN_LIST -> accepts(((QOM.NotInList<?>) part).$arg1(), table)
                && acceptsAll(((QOM.NotInList<?>) part).$arg2(), table);
            case BETWEEN -> accepts(((QOM.Between<?>) part).$arg1(), table) && accepts(((QOM.Between<?>) part).$arg2(), table)
                && accepts(((QOM.Between<?>) part).$arg3(), table);
            case LIKE -> accepts(((QOM.Like) part).$arg1(), table) && accepts(((QOM.Like) part).$arg2(), table);
            case NOT_LIKE -> accepts(((QOM.NotLike) part).$arg1(), table) && accepts(((QOM.NotLike) part).$arg2(), table);
            case OTHER -> false;
        };
    }

    private static boolean acceptsAll(List<?> parts, Table<?> table) {
        for (Object part : parts)
            if (!accepts(part, table))
                return false;
        return true;
    }

    private static Operator operator(Class<?> type) {
        if (QOM.CombinedCondition.class.isAssignableFrom(type))
            return Operator.COMBINED;
        if (QOM.Not.class.isAssignableFrom(type))
            return Operator.NOT;
        if (QOM.CompareCondition.class.isAssignableFrom(type))
            return Operator.COMPARE;
        if (QOM.IsNull.class.isAssignableFrom(type))
            return Operator.IS_NULL;
        if (QOM.IsNotNull.class.isAssignableFrom(type))
            return Operator.IS_NOT_NULL;
        if (QOM.InList.class.isAssignableFrom(type))
            return Operator.IN_LIST;
        if (QOM.NotInList.class.isAssignableFrom(type))
            return Operator.NOT_IN_LIST;
        if (QOM.Between.class.isAssignableFrom(type))
            return Operator.BETWEEN;
        if (QOM.Like.class.isAssignableFrom(type))
            return Operator.LIKE;
        if (QOM.NotLike.class.isAssignableFrom(type))
            return Operator.NOT_LIKE;
        return Operator.OTHER;
    }
}
