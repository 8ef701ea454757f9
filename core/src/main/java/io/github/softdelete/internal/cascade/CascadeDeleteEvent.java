package io.github.softdelete.internal.cascade;

import org.jooq.Configuration;

import io.github.softdelete.SoftDeleteEvent;

import io.github.softdelete.internal.policy.CascadePlan;
import io.github.softdelete.internal.policy.ContextFlags;
import io.github.softdelete.internal.policy.PolicyTable;
import io.github.softdelete.internal.policy.TableRegistry;

/**
 * What PostgreSQL's one-statement cascading soft delete tells the listeners, before its transaction commits: the outer
 * UPDATE's rows (the statement's count, or the rows its RETURNING gave), and what its steps and its settlement stamped
 * ({@link CascadeSettlement.Figures}). Used by both paths that run such a delete: jOOQ's ({@code SettlingListener}) and
 * SQL text's ({@code RefusingConnection}).
 */
public final class CascadeDeleteEvent {

    private CascadeDeleteEvent() {
    }

    /** Tells the listeners of {@code registry}, unless no row changed; an exception of theirs leaves here. */
    public static void tell(TableRegistry registry, Configuration configuration, PolicyTable root, CascadeSettlement.Figures figures,
                            long rootRows) {
        CascadePlan plan = registry.plan(root);
        ChangeTally tally = new ChangeTally(true);
        tally.stamped(root, rootRows);
        // In the plan's order, parents before children, as the listeners read the tables.
        for (CascadePlan.Node node : plan.nodes())
            tally.stamped(node.table(), figures.stamped().getOrDefault(registry.tables().indexOf(node.table()), 0L));
        if (!tally.changedRows())
            return;
        Object actor = plan.nodes().stream().anyMatch(node -> node.table().deletedBy() != null)
            ? registry.actor(ContextFlags.of(configuration)) : null;
        registry.tell(configuration, tally.event(SoftDeleteEvent.Operation.SOFT_DELETE, root, figures.stamp().orElse(null), actor));
    }

    /** The table a settlement's entries came from: with listeners, one delete of one table per settlement. */
    public static PolicyTable root(TableRegistry registry, SettledExecution execution) {
        return registry.tables().get(execution.tables().iterator().next());
    }
}
