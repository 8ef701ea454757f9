package io.github.softdelete.internal;

import java.lang.reflect.Field;
import java.util.List;

import org.jooq.Condition;
import org.jooq.DeleteQuery;
import org.jooq.Select;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.Table;
import org.jooq.impl.QOM;

/**
 * The one place that touches jOOQ's Query Object Model, which jOOQ marks {@code @Experimental}.
 *
 * <p>Every setter here is a QOM copy-setter: it returns a modified copy and never mutates the
 * user's query object, which is what keeps a query that is executed twice rendering the same SQL.
 */
final class Qom {

    private Qom() {
    }

    static List<? extends Table<?>> from(Select<?> select) {
        return select.$from();
    }

    static Select<?> withWhere(Select<?> select, Condition where) {
        return select.$where(where);
    }

    static JoinKind kind(QOM.JoinTable<?, ?> join) {
        if (join instanceof QOM.LeftJoin || join instanceof QOM.NaturalLeftJoin
            || join instanceof QOM.LeftSemiJoin || join instanceof QOM.LeftAntiJoin
            || join instanceof QOM.OuterApply)
            return JoinKind.LEFT;
        if (join instanceof QOM.RightJoin || join instanceof QOM.NaturalRightJoin)
            return JoinKind.RIGHT;
        if (join instanceof QOM.FullJoin || join instanceof QOM.NaturalFullJoin)
            return JoinKind.FULL;
        return JoinKind.INNER;
    }

    /** True for joins with an ON clause we can extend: not CROSS, NATURAL, APPLY, or USING joins. */
    static boolean hasOn(QOM.JoinTable<?, ?> join) {
        return join instanceof QOM.QualifiedJoin<?, ?> q && q.$using().isEmpty();
    }

    static Table<?> withOn(QOM.JoinTable<?, ?> join, Condition extra) {
        QOM.QualifiedJoin<?, ?> q = (QOM.QualifiedJoin<?, ?>) join;
        return q.$on() == null ? q.$on(extra) : q.$on(q.$on().and(extra));
    }

    /**
     * {@code EXISTS (select)}. jOOQ 3.21 replaced {@code DSL.exists(Select)} by {@code DSL.exists(TableLike)},
     * which breaks code compiled against 3.19 with a {@code NoSuchMethodError}; so the method is looked
     * up once, by name, and works on both.
     */
    static Condition exists(Select<?> select) {
        try {
            return (Condition) EXISTS.invoke(null, select);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot call DSL.exists on this jOOQ version", e);
        }
    }

    private static final java.lang.reflect.Method EXISTS = existsMethod();

    private static java.lang.reflect.Method existsMethod() {
        for (java.lang.reflect.Method method : org.jooq.impl.DSL.class.getMethods())
            if (method.getName().equals("exists") && method.getParameterCount() == 1
                && method.getParameterTypes()[0].isAssignableFrom(Select.class))
                return method;
        throw new IllegalStateException("jOOQ's DSL has no exists(Select) method");
    }

    /**
     * The RETURNING list of a DELETE. jOOQ 3.19's {@code QOM.Delete} does not expose it (only the
     * {@code DeleteReturning} wrapper does, and on execution jOOQ renders the inner {@code DeleteQueryImpl}
     * without visiting that wrapper), so read jOOQ's {@code AbstractDMLQuery.returning} field.
     */
    @SuppressWarnings("unchecked")
    static List<? extends SelectFieldOrAsterisk> returning(DeleteQuery<?> delete) {
        if (RETURNING == null)
            throw new IllegalStateException("cannot read the RETURNING list of a DELETE on this jOOQ version ("
                + RETURNING_PROBLEM + "); if jOOQ runs on the module path, add "
                + "--add-opens org.jooq/org.jooq.impl=" + OPENS_TARGET);
        try {
            return (List<? extends SelectFieldOrAsterisk>) RETURNING.get(delete);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read the RETURNING list of a DELETE", e);
        }
    }

    private static final Field RETURNING;
    // The module that needs the package opened: io.github.softdelete on the module path, else the class path's.
    private static final String OPENS_TARGET = Qom.class.getModule().isNamed()
        ? Qom.class.getModule().getName() : "ALL-UNNAMED";
    private static final String RETURNING_PROBLEM;

    static {
        Field found = null;
        String problem = null;
        try {
            Class<?> dml = Class.forName("org.jooq.impl.AbstractDMLQuery");
            found = dml.getDeclaredField("returning");
            found.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            found = null;
            problem = e.toString();
        }
        RETURNING = found;
        RETURNING_PROBLEM = problem;
    }
}
