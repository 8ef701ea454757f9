package io.github.softdelete.internal;

import java.util.List;
import java.util.function.Function;

import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.Context;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Query;
import org.jooq.QueryPart;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.Table;
import org.jooq.impl.CustomCondition;
import org.jooq.impl.DSL;
import org.jooq.impl.QOM;

/**
 * The text of a cascading soft delete of one table, and of the restore of its rows, rendered once and
 * reused: a cascade statement is some 2 KB of SQL (a restore's, some 10 KB) built from the policy alone,
 * around the caller's condition. The restore's is kept like the DELETE's, around the condition of
 * {@code SoftDelete.restore}: {@link #restore}.
 *
 * <p>What is reused and what is not. In the statement, only the first CTE's WHERE ({@code <the
 * DELETE's condition> AND <the table's live predicate>}) comes from the DELETE: it carries the user's
 * condition and its bind values, and jOOQ renders it every time. Everything else (the CTEs' SELECTs,
 * the RESTRICT check, the data-modifying CTEs and the outer UPDATE) depends only on the immutable plan
 * and on how the context renders ({@link RenderKey}), so its text is kept: the text before the
 * condition and the text after it. The kept text holds no bind value and no per-statement state;
 * statements that could put some there are built in full every time:
 * <ul>
 *   <li>a plan with a deleted-by column while an actor is set, since the SET inlines the actor (with no
 *       actor it renders the same refusal text every time, which is kept like the rest);</li>
 *   <li>a DELETE with WITH, USING, ORDER BY, LIMIT or RETURNING, or on an alias of the table;</li>
 *   <li>a condition that is not {@linkplain ScopeFreeCondition scope-free}: one whose rendering could
 *       depend on the SELECT around it (a subquery, an implicit join path, another table's column);</li>
 *   <li>a formatted render, or any context that does not render (binding walks the full statement).</li>
 * </ul>
 *
 * <p>How the text is captured: the first render under a key renders the full statement, with the
 * condition wrapped in a part that notes where its text begins and ends ({@link KeptText}); the text
 * around it is what the next renders replay. The condition is then rendered in the state the SELECT
 * gave it: one subquery level deeper, as a derived table's body.
 *
 * <p>Bounded: one instance per table of the policy, each keeping at most
 * {@value KeptText#MAX_VARIANTS} texts ({@link KeptText}). Thread-safe: the kept text is, and
 * everything else is final and immutable.
 */
final class CascadeText {

    private final Table<?> table;
    private final Name firstName;
    private final List<Field<?>> firstColumns;
    private final Table<?> unfiltered;
    private final Condition live;
    private final KeptText text = new KeptText();
    private final KeptText restoreText = new KeptText();

    /** The kept text for deletes of {@code plan}'s root, read through {@code reference}, the unaliased table. */
    CascadeText(CascadePlan plan, List<Relation> relations, TableReference reference) {
        CascadePlan.Node root = plan.nodes().get(0);
        List<Field<?>> columns = RowSets.columns(root.table(), relations);
        this.table = reference.reference();
        this.firstName = CascadeDelete.matchedSet(root);
        this.firstColumns = RowSets.on(table, columns);
        this.unfiltered = new UnfilteredTable<>(table);
        this.live = reference.predicate(ReadMode.LIVE);
    }

    /** Whether the statement for this DELETE may be replayed: see the class comment. */
    static boolean replayable(CascadePlan plan, QOM.Delete<?> delete, Table<?> target, List<? extends SelectFieldOrAsterisk> returning,
                              Object actor) {
        return delete.$with() == null && delete.$using().isEmpty() && delete.$orderBy().isEmpty()
            && delete.$limit() == null && returning.isEmpty() && (actor == null || !stampsActor(plan))
            && namesTheTableItself(plan, target) && ScopeFreeCondition.test(delete.$where(), plan.root().table());
    }

    /**
     * Whether the restore statement ({@link CascadeRestore}) of the rows of {@code target} matching
     * {@code condition} may be replayed: it names the policy's table itself, and the condition is
     * scope-free. (A restore writes no actor, and its statement has no other part from the caller.)
     */
    static boolean restoreReplayable(CascadePlan plan, Table<?> target, Condition condition) {
        return namesTheTableItself(plan, target) && ScopeFreeCondition.test(condition, plan.root().table());
    }

    // The policy's own table object, or one of its class and name: not an alias, whose text differs.
    private static boolean namesTheTableItself(CascadePlan plan, Table<?> target) {
        Table<?> table = plan.root().table();
        return target.getClass() == table.getClass() && target.getQualifiedName().equals(table.getQualifiedName());
    }

    /**
     * The part that renders the restore statement that {@code statement} builds around the caller's
     * condition {@code condition}, which sits in its first CTE's SELECT as the DELETE's does.
     */
    QueryPart restore(Condition condition, Function<Condition, Query> statement) {
        return restoreText.render(condition, IN_FIRST_SELECT,
            marks -> statement.apply(marks == null ? condition : new Marked(condition, marks)));
    }

    private static boolean stampsActor(CascadePlan plan) {
        for (CascadePlan.Node node : plan.nodes())
            if (node.table().deletedBy() != null)
                return true;
        return false;
    }

    /** The first CTE's condition for a DELETE with condition {@code where} (or none). */
    Condition condition(Condition where) {
        return Predicates.and(where, live);
    }

    /**
     * The first CTE of a DELETE whose first CTE has the condition {@code condition}: the same CTE that
     * {@link CascadeDelete} builds for it, from parts built once.
     */
    CommonTableExpression<?> firstRowSet(Condition condition) {
        return firstName.fields(CascadeDelete.names(firstColumns))
            .as(DSL.select(firstColumns).from(unfiltered).where(condition));
    }

    /**
     * The part that renders the statement {@code statement} builds around a first CTE, whose condition
     * is {@code condition}.
     */
    QueryPart statement(Condition condition, Function<CommonTableExpression<?>, Query> statement) {
        return text.render(condition, IN_FIRST_SELECT,
            marks -> statement.apply(firstRowSet(marks == null ? condition : new Marked(condition, marks))));
    }

    // The condition sits in the first CTE's SELECT: jOOQ renders a CTE's body as a derived table's
    // subquery (Tools.visitSubquery with DERIVED_TABLE), one subquery level and scope deeper.
    private static final KeptText.Surroundings IN_FIRST_SELECT = (ctx, hole) -> {
        boolean predicand = ctx.predicandSubquery();
        boolean derived = ctx.derivedTableSubquery();
        boolean setOperation = ctx.setOperationSubquery();
        ctx.subquery(true).predicandSubquery(false).derivedTableSubquery(true).setOperationSubquery(false)
            .visit(hole)
            .setOperationSubquery(setOperation).derivedTableSubquery(derived).predicandSubquery(predicand).subquery(false);
    };

    /** The condition, wrapped to note where its text is. */
    private static final class Marked extends CustomCondition {

        private static final long serialVersionUID = 1L;

        private final transient Condition condition;
        private final transient KeptText.Marks marks;

        Marked(Condition condition, KeptText.Marks marks) {
            this.condition = condition;
            this.marks = marks;
        }

        @Override
        public void accept(Context<?> ctx) {
            marks.around(ctx, condition);
        }
    }
}
