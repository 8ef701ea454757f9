package io.github.softdelete.internal.jooq;

import java.lang.reflect.Field;
import java.util.List;

import org.jooq.Condition;
import org.jooq.DeleteQuery;
import org.jooq.Select;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.Table;
import org.jooq.impl.QOM;

import io.github.softdelete.SoftDeleteException;

/**
 * The parts of jOOQ's Query Object Model (which jOOQ marks {@code @Experimental}) whose use depends on
 * jOOQ's version or needs care: the kind of a join, the copy-setters of SELECT and joins, {@code DSL.exists},
 * and the RETURNING list of a DELETE, with the install-time check of the members reached by reflection.
 *
 * <p>It is not the only user of QOM: about thirty classes use the model directly ({@code instanceof}
 * {@code QOM.TableAlias}, {@code QOM.JoinTable}, ..., getters such as {@code $where()}, and the copy-setters of
 * DML: {@code $where}, {@code $set}, {@code $columns}, {@code $updateWhere}, ... in the rules of UPDATE, DELETE
 * and INSERT). A change of QOM in a later jOOQ shows up as a compile error there when CI builds on that jOOQ.
 *
 * <p>Every setter here, as everywhere in the library, is a QOM copy-setter: it returns a modified copy and never
 * mutates the user's query object, which is what keeps a query that is executed twice rendering the same SQL.
 */
public final class Qom {

    private Qom() {
    }

    public static List<? extends Table<?>> from(Select<?> select) {
        return select.$from();
    }

    public static Select<?> withWhere(Select<?> select, Condition where) {
        return select.$where(where);
    }

    /**
     * What {@code join} does with unmatched rows. Every join type of jOOQ 3.19 is listed; a type that a
     * later jOOQ adds is refused rather than guessed, because treating an outer join as inner would put
     * a predicate where it drops null-extended rows, or leaks deleted ones.
     *
     * @throws SoftDeleteException for a join type this library does not know
     */
    public static JoinKind kind(QOM.JoinTable<?, ?> join) {
        return JOIN_KINDS.get(join.getClass());
    }

    // Asked several times per join of every SELECT rendered (the join's rule, and the placement of each
    // enclosing join's predicates); on JDK 17 each isAssignableFrom against an interface that misses
    // scans the class's interfaces, so the answer is kept per class. An unknown join type is not kept:
    // ClassValue passes computeValue's exception on, and asks again next time.
    private static final ClassValue<JoinKind> JOIN_KINDS = new ClassValue<>() {
        @Override
        protected JoinKind computeValue(Class<?> type) {
            return kind(type);
        }
    };

    // By class, so that a type no jOOQ 3.19 join has can be tested: QOM.JoinTable is sealed in 3.19.
    public static JoinKind kind(Class<?> join) {
        if (isAny(join, QOM.LeftJoin.class, QOM.NaturalLeftJoin.class, QOM.LeftSemiJoin.class, QOM.LeftAntiJoin.class, QOM.OuterApply.class))
            return JoinKind.LEFT;
        if (isAny(join, QOM.RightJoin.class, QOM.NaturalRightJoin.class))
            return JoinKind.RIGHT;
        if (isAny(join, QOM.FullJoin.class, QOM.NaturalFullJoin.class))
            return JoinKind.FULL;
        if (isAny(join, QOM.Join.class, QOM.CrossJoin.class, QOM.NaturalJoin.class, QOM.StraightJoin.class, QOM.CrossApply.class))
            return JoinKind.INNER;
        throw new SoftDeleteException("cannot place the soft-delete predicates of a " + join.getName()
            + " join: this join type is unknown to softdelete, which knows the join types of jOOQ 3.19 (this is jOOQ "
            + JooqVersion.running() + "), so it cannot tell which side keeps unmatched rows. Write the join as an inner,"
            + " LEFT, RIGHT or FULL join, or use a softdelete version that supports this jOOQ version");
    }

    private static boolean isAny(Class<?> type, Class<?>... kinds) {
        for (Class<?> kind : kinds)
            if (kind.isAssignableFrom(type))
                return true;
        return false;
    }

    /** True for joins with an ON clause we can extend: not CROSS, NATURAL, APPLY, or USING joins. */
    public static boolean hasOn(QOM.JoinTable<?, ?> join) {
        return join instanceof QOM.QualifiedJoin<?, ?> q && q.$using().isEmpty();
    }

    public static Table<?> withOn(QOM.JoinTable<?, ?> join, Condition extra) {
        QOM.QualifiedJoin<?, ?> q = (QOM.QualifiedJoin<?, ?>) join;
        return q.$on() == null ? q.$on(extra) : q.$on(q.$on().and(extra));
    }

    /**
     * {@code EXISTS (select)}. jOOQ 3.21 replaced {@code DSL.exists(Select)} by {@code DSL.exists(TableLike)} ([#19568]),
     * which breaks code compiled against 3.19 with a {@code NoSuchMethodError}; so the method is looked
     * up once, by name, and works on both. Public for the purge ({@code internal.purge}); every EXISTS the
     * library builds goes through here.
     */
    public static Condition exists(Select<?> select) {
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
        return null; // reported by requireSupported() at install
    }

    /**
     * Checks, at install time, that every jOOQ member the library reaches by reflection exists on the
     * running jOOQ, so that a renamed internal fails {@code SoftDelete.install} with the jOOQ version,
     * not the first DELETE in production.
     *
     * @throws IllegalStateException naming the jOOQ version and what is missing
     */
    public static void requireSupported() {
        if (EXISTS == null)
            throw unsupported("its DSL has no exists(Select) method");
        if (RETURNING == null)
            throw returningUnreadable();
    }

    // Two different failures: a jOOQ without the field (another version: nothing the user can do but
    // change versions), and a field that the module system keeps closed (jOOQ on the module path).
    private static IllegalStateException returningUnreadable() {
        if (RETURNING_CLOSED)
            return new IllegalStateException("softdelete cannot read the RETURNING list of a DELETE, which jOOQ "
                + JooqVersion.running() + " keeps in a field of org.jooq.impl that the module system does not open to it ("
                + RETURNING_PROBLEM + "); jOOQ runs on the module path, so start the JVM with"
                + " --add-opens org.jooq/org.jooq.impl=" + OPENS_TARGET);
        return unsupported("the RETURNING list of a DELETE cannot be read (" + RETURNING_PROBLEM + ")");
    }

    private static IllegalStateException unsupported(String problem) {
        return new IllegalStateException("softdelete cannot run on jOOQ " + JooqVersion.running() + ": " + problem
            + ". " + JooqInternals.WAY_OUT);
    }

    /**
     * The RETURNING list of a DELETE. No public API of jOOQ 3.19 or 3.21 gives it, nor tells whether there is one
     * (checked in both sources, {@code DeleteQueryImpl}, {@code AbstractDMLQuery}, {@code DeleteAsResultQuery}):
     * <ul>
     *   <li>{@code QOM.Delete} has no {@code $returning()}; only the {@code QOM.DeleteReturning} wrapper
     *       ({@code DeleteAsResultQuery}) has, and on execution {@code fetch()}/{@code execute()} run the inner
     *       {@code DeleteQueryImpl}, which renders itself: the listener never sees the wrapper (only
     *       {@code DSLContext.render()} of the wrapper visits it). {@code DeleteQuery.setReturning(...)} builds no
     *       wrapper at all.</li>
     *   <li>{@code DeleteQuery.getReturnedRecords()} maps an empty result into the table's own record type, which
     *       carries the table's fields, not the RETURNING list; {@code getResult()} (which does carry it) is not
     *       declared by {@code DeleteQuery}, and its class is package-private.</li>
     *   <li>{@code Clause.DELETE_RETURNING} (deprecated) starts after the WHERE clause, whether or not there is a
     *       RETURNING list, and the DELETE has been replaced by then.</li>
     * </ul>
     * So jOOQ's {@code AbstractDMLQuery.returning} field is read, for DELETEs the library rewrites only (a DELETE of
     * a table that is not soft-deletable never reaches here); {@link #requireSupported()} checked it at install.
     */
    @SuppressWarnings("unchecked")
    public static List<? extends SelectFieldOrAsterisk> returning(DeleteQuery<?> delete) {
        if (RETURNING == null)
            throw returningUnreadable();
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
    private static final boolean RETURNING_CLOSED;

    static {
        Field found = null;
        String problem = null;
        boolean closed = false;
        try {
            Class<?> dml = Class.forName("org.jooq.impl.AbstractDMLQuery");
            found = dml.getDeclaredField("returning");
            found.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            found = null;
            problem = e.toString();
            closed = e instanceof java.lang.reflect.InaccessibleObjectException;
        }
        RETURNING = found;
        RETURNING_PROBLEM = problem;
        RETURNING_CLOSED = closed;
    }
}
