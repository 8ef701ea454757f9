package io.github.softdelete.internal.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.softdelete.OnDelete;


/**
 * The one order in which every statement of the library takes row locks on the policy's tables: parents
 * before children, and within a table by key.
 *
 * <p>Why one order: a soft delete locks the rows it stamps ({@code FOR UPDATE}), and a write that makes a row
 * reference a parent locks the parent ({@code FOR KEY SHARE}), so that the two wait for each other instead
 * of passing ({@code ParentLocks}). Two statements that take locks on the same rows in different orders can
 * deadlock. When every statement takes them table by table in this order, and by key within a table, no
 * cycle of waits can form between the library's own statements.
 *
 * <p>The order is a topological order of the foreign keys that the library follows (every rule but SET NULL
 * and SET DEFAULT) between the policy's tables, ties and cycles broken by registration order. A cascade's
 * tables ({@link CascadePlan}) follow it, and so do the checks of a write's parents.
 *
 * <p>Immutable and thread-safe.
 */
public final class LockOrder {

    private final Map<PolicyTable, Integer> ranks = new IdentityHashMap<>();
    private final Set<PolicyTable> parents = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    LockOrder(List<PolicyTable> tables, List<Relation> relations) {
        for (Relation relation : relations)
            if (followed(relation))
                parents.add(relation.parent());
        Set<PolicyTable> placed = new LinkedHashSet<>();
        while (placed.size() < tables.size()) {
            PolicyTable next = null;
            for (PolicyTable table : tables)
                if (!placed.contains(table) && parentsPlaced(table, tables, relations, placed)) {
                    next = table;
                    break;
                }
            if (next == null) // a cycle of keys: the first unplaced table breaks it
                next = tables.stream().filter(t -> !placed.contains(t)).findFirst().orElseThrow();
            placed.add(next);
        }
        int rank = 0;
        for (PolicyTable table : placed)
            ranks.put(table, rank++);
    }

    /** The table's place in the order; tables outside the policy come last. */
    public int rank(PolicyTable table) {
        Integer rank = ranks.get(table);
        return rank != null ? rank : Integer.MAX_VALUE;
    }

    /**
     * Whether a soft delete locks the rows it stamps in {@code table} ({@code FOR UPDATE}): the table is the
     * parent of a key that writes check ({@code LiveParents}), so the lock must be there for the checks to wait for.
     */
    public boolean lockedOnDelete(PolicyTable table) {
        return parents.contains(table);
    }

    /** The relations in the order of their parent tables, so that checks lock parents in this order. */
    public List<Relation> byParent(List<Relation> relations) {
        List<Relation> sorted = new ArrayList<>(relations);
        sorted.sort(Comparator.comparingInt(r -> rank(r.parent())));
        return sorted;
    }

    private static boolean parentsPlaced(PolicyTable table, List<PolicyTable> tables, List<Relation> relations, Set<PolicyTable> placed) {
        for (Relation relation : relations)
            if (followed(relation) && relation.child().equals(table.table()) && !relation.parent().equals(table)
                && tables.contains(relation.parent()) && !placed.contains(relation.parent()))
                return false;
        return true;
    }

    private static boolean followed(Relation relation) {
        return relation.rule() != OnDelete.SET_NULL && relation.rule() != OnDelete.SET_DEFAULT;
    }
}
