package io.github.softdelete.internal.cascade;

import java.util.List;

import org.jooq.CaseConditionStep;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Table;
import org.jooq.impl.DSL;

import io.github.softdelete.internal.jooq.Qom;
import io.github.softdelete.internal.policy.CascadePlan;
import io.github.softdelete.internal.policy.PolicyTable;
import io.github.softdelete.internal.policy.Relation;
import io.github.softdelete.internal.policy.UnfilteredTable;
import io.github.softdelete.internal.sql.CascadeSteps;
import io.github.softdelete.internal.sql.MarkerPredicates;
import io.github.softdelete.internal.sql.RowSets;

/**
 * Rule: a restore never guesses which delete took a row. A cascade restore recognises the rows of
 * one delete by their common stamp ({@link CascadeRestore}); a table marked by a flag alone has no
 * stamp, and two deletes leave the same TRUE. So where a cascading key joins a row being restored to
 * a deleted child, and either side has no stamp, the child may belong to this delete or to another:
 * the restore is refused, in the statement, naming the key ({@code StatementRefusals}), and nothing
 * changes. Where no such child exists, the restore goes ahead.
 *
 * <p>A non-root table without a stamp restores nothing in a cascade (its set is empty), so keys from
 * it need no check: only keys from the root, or from a stamped table, into a deleted child are checked.
 */
public final class UnstampedChildren {

    public static final String MARK = "softdelete-unstamped:";

    private UnstampedChildren() {
    }

    /** {@code failures} plus one failure per key where an unrecognisable child exists; null when none. */
    static CaseConditionStep<String> check(CascadePlan plan, Name matchedSet, CaseConditionStep<String> failures) {
        PolicyTable root = plan.root();
        for (CascadePlan.Node node : plan.nodes()) {
            for (Relation relation : node.parents()) {
                boolean recognisable = node.table().stamp() != null && relation.parent().stamp() != null;
                boolean parentRestores = relation.parent().equals(root) || relation.parent().stamp() != null;
                if (!recognisable && parentRestores)
                    failures = CascadeSteps.failWhen(failures, deletedChild(node.table(), relation, DSL.noCondition()), MARK + relation.name());
            }
            if (node.table().equals(root) && root.stamp() == null)
                for (Relation relation : node.self()) {
                    Table<?> child = new UnfilteredTable<>(root.table().as("softdelete_child"));
                    Condition notMatched = DSL.not(RowSets.in(RowSets.on(child, RowSets.key(root)), RowSets.select(matchedSet, RowSets.key(root))));
                    failures = CascadeSteps.failWhen(failures, deletedChild(root, relation, notMatched), MARK + relation.name());
                }
        }
        return failures;
    }

    // EXISTS (a deleted child whose key columns point at a row of the parent's set).
    private static Condition deletedChild(PolicyTable table, Relation relation, Condition extra) {
        Table<?> child = new UnfilteredTable<>(table.table().as("softdelete_child"));
        List<Field<?>> fk = RowSets.on(child, relation.childColumns());
        return Qom.exists(DSL.selectOne().from(child)
            .where(MarkerPredicates.deleted(table, child))
            .and(RowSets.memberOf(fk, relation.parent(), relation.parentColumns()))
            .and(extra));
    }
}
