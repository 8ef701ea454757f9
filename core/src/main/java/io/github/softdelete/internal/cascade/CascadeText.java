package io.github.softdelete.internal.cascade;

import java.util.List;

import org.jooq.Condition;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.Table;
import org.jooq.impl.QOM;

import io.github.softdelete.internal.jooq.ScopeFreeCondition;
import io.github.softdelete.internal.policy.CascadePlan;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.render.HoledStatement;
import io.github.softdelete.internal.render.KeptText;
import io.github.softdelete.internal.render.RenderCache;
import io.github.softdelete.internal.render.RenderKey;

/**
 * When the text of a cascading soft delete, or of the restore of its rows, depends on the policy alone
 * around the caller's condition: then its {@link HoledStatement} has a shape, and the listener may keep
 * its text ({@link RenderCache}). A cascade statement is some 2 KB of SQL (a restore's, some 10 KB).
 *
 * <p>In the statement, only the first CTE's WHERE ({@code <the DELETE's condition> AND <the table's live
 * predicate>}, a restore's condition) comes from the caller: it carries the caller's bind values, and jOOQ
 * renders it every time. Everything else (the CTEs' SELECTs, the RESTRICT check, the data-modifying CTEs
 * and the outer UPDATE) depends only on the immutable plan and on how the context renders ({@link RenderKey}),
 * unless the statement holds more of the caller's; it has no shape then:
 * <ul>
 *   <li>a plan with a deleted-by column while an actor is set, since the SET inlines the actor (with no
 *       actor it renders the same refusal text every time);</li>
 *   <li>a DELETE with WITH, USING, ORDER BY, LIMIT or RETURNING, or on an alias of the table;</li>
 *   <li>a condition that is not {@linkplain ScopeFreeCondition scope-free}: one whose rendering could
 *       depend on the SELECT around it (a subquery, an implicit join path, another table's column).</li>
 * </ul>
 */
public final class CascadeText {

    /** What a cascade's text depends on besides the render key: which statement, of which table of the policy. */
    public record Shape(boolean restore, int table) {
    }

    private CascadeText() {
    }

    /** The shape of the cascade statement for this DELETE, or null: see the class comment. */
    static Shape delete(TableRegistry registry, CascadePlan plan, QOM.Delete<?> delete, Table<?> target,
                        List<? extends SelectFieldOrAsterisk> returning, Object actor) {
        boolean policyOnly = delete.$with() == null && delete.$using().isEmpty() && delete.$orderBy().isEmpty()
            && delete.$limit() == null && returning.isEmpty() && (actor == null || !stampsActor(plan))
            && namesTheTableItself(plan, target) && ScopeFreeCondition.test(delete.$where(), plan.root().table());
        return policyOnly ? new Shape(false, registry.indexOf(plan.root())) : null;
    }

    /**
     * The shape of the restore statement ({@link CascadeRestore}) of the rows of {@code target} matching
     * {@code condition}, or null: it names the policy's table itself, and the condition is scope-free. (A
     * restore writes no actor, and its statement has no other part from the caller.)
     */
    static Shape restore(TableRegistry registry, CascadePlan plan, Table<?> target, Condition condition) {
        boolean policyOnly = namesTheTableItself(plan, target) && ScopeFreeCondition.test(condition, plan.root().table());
        return policyOnly ? new Shape(true, registry.indexOf(plan.root())) : null;
    }

    // The policy's own table object, or one of its class and name: not an alias, whose text differs.
    private static boolean namesTheTableItself(CascadePlan plan, Table<?> target) {
        Table<?> table = plan.root().table();
        return target.getClass() == table.getClass() && target.getQualifiedName().equals(table.getQualifiedName());
    }

    private static boolean stampsActor(CascadePlan plan) {
        for (CascadePlan.Node node : plan.nodes())
            if (node.table().deletedBy() != null)
                return true;
        return false;
    }

    // The condition sits in the first CTE's SELECT: jOOQ renders a CTE's body as a derived table's
    // subquery (jOOQ 3.19's Tools.visitSubquery with DERIVED_TABLE), one subquery level and scope deeper.
    static final KeptText.Surroundings IN_FIRST_SELECT = (ctx, hole) -> {
        boolean predicand = ctx.predicandSubquery();
        boolean derived = ctx.derivedTableSubquery();
        boolean setOperation = ctx.setOperationSubquery();
        ctx.subquery(true).predicandSubquery(false).derivedTableSubquery(true).setOperationSubquery(false)
            .visit(hole)
            .setOperationSubquery(setOperation).derivedTableSubquery(derived).predicandSubquery(predicand).subquery(false);
    };
}
