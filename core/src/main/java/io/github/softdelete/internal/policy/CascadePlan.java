package io.github.softdelete.internal.policy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a soft delete of rows of one table reaches through the foreign keys, computed once per table
 * when the policy is built.
 *
 * <p>The plan's tables are the root plus every soft-deletable table reachable over {@code ON DELETE
 * CASCADE} keys, in an order where each table comes after all the tables that cascade into it (a
 * diamond, users to comments directly and through posts, gives comments one place, after both).
 * Self-references ({@code comments.parent_id}) are followed with a recursive query, so they are kept
 * apart. Cycles through more than one table have no such order and are refused when the policy is built.
 *
 * @param root      the table deleted from
 * @param nodes     every table of the plan, root first, each after the tables that cascade into it
 * @param restricts the RESTRICT and NO ACTION keys that reference a table of the plan
 */
public record CascadePlan(PolicyTable root, List<Node> nodes, List<Relation> restricts) {

    /**
     * One table of the plan.
     *
     * @param table   the table
     * @param parents the cascading keys from other tables of the plan into it (empty for the root)
     * @param self    the cascading keys from the table to itself
     */
    public record Node(PolicyTable table, List<Relation> parents, List<Relation> self) {
    }

    /** True when a delete from the root reaches no other table and nothing can refuse it. */
    public boolean isSingleTable() {
        return nodes.size() == 1 && nodes.get(0).self().isEmpty() && restricts.isEmpty();
    }

    /** The plan's node for {@code table}, or null when the plan does not reach it. */
    public Node node(PolicyTable table) {
        for (Node node : nodes)
            if (node.table().equals(table))
                return node;
        return null;
    }

    static CascadePlan of(PolicyTable root, List<PolicyTable> tables, List<Relation> relations, LockOrder lockOrder) {
        Set<PolicyTable> reached = reach(root, tables, relations);
        List<Node> ordered = order(root, reached, relations, lockOrder);
        List<Relation> restricts = new ArrayList<>();
        for (Relation relation : relations)
            if (relation.restricts() && reached.contains(relation.parent()))
                restricts.add(relation);
        return new CascadePlan(root, List.copyOf(ordered), List.copyOf(restricts));
    }

    private static Set<PolicyTable> reach(PolicyTable root, List<PolicyTable> tables, List<Relation> relations) {
        Set<PolicyTable> reached = new LinkedHashSet<>();
        Deque<PolicyTable> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            PolicyTable table = todo.pop();
            if (!reached.add(table))
                continue;
            for (Relation relation : relations) {
                PolicyTable child = cascadingChild(relation, table, tables);
                if (child != null)
                    todo.add(child);
            }
        }
        return reached;
    }

    // Kahn's algorithm over the cascade edges between reached tables, self-references left out; among the
    // tables ready to be placed, the first in the lock order, so that the statement locks rows in it.
    private static List<Node> order(PolicyTable root, Set<PolicyTable> reached, List<Relation> relations, LockOrder lockOrder) {
        Map<PolicyTable, List<Relation>> parents = new LinkedHashMap<>();
        Map<PolicyTable, List<Relation>> self = new LinkedHashMap<>();
        for (PolicyTable table : reached) {
            parents.put(table, new ArrayList<>());
            self.put(table, new ArrayList<>());
        }
        for (Relation relation : relations) {
            PolicyTable child = cascadingChild(relation, relation.parent(), List.copyOf(reached));
            if (child == null || !reached.contains(relation.parent()))
                continue;
            (child.equals(relation.parent()) ? self : parents).get(child).add(relation);
        }
        parents.get(root).clear(); // the root's own rows are chosen by the statement, not by a cascade
        List<Node> ordered = new ArrayList<>();
        Set<PolicyTable> placed = new LinkedHashSet<>();
        while (ordered.size() < reached.size()) {
            PolicyTable next = null;
            for (PolicyTable table : reached)
                if (!placed.contains(table) && allPlaced(parents.get(table), placed)
                    && (next == null || lockOrder.rank(table) < lockOrder.rank(next)))
                    next = table;
            if (next == null)
                throw new IllegalArgumentException("invalid soft-delete policy: the ON DELETE CASCADE keys between "
                    + unplaced(reached, placed) + " form a cycle through more than one table, which a soft delete"
                    + " cannot follow; declare one of those keys with another rule (onDelete(key, OnDelete.NO_ACTION))");
            placed.add(next);
            ordered.add(new Node(next, List.copyOf(parents.get(next)), List.copyOf(self.get(next))));
        }
        return ordered;
    }

    private static boolean allPlaced(List<Relation> parents, Set<PolicyTable> placed) {
        for (Relation relation : parents)
            if (!placed.contains(relation.parent()))
                return false;
        return true;
    }

    private static String unplaced(Set<PolicyTable> reached, Set<PolicyTable> placed) {
        List<String> names = new ArrayList<>();
        for (PolicyTable table : reached)
            if (!placed.contains(table))
                names.add(table.quotedName());
        return String.join(", ", names);
    }

    /** The soft-deletable child that {@code relation} cascades to from {@code parent}, or null. */
    private static PolicyTable cascadingChild(Relation relation, PolicyTable parent, List<PolicyTable> tables) {
        if (relation.rule() != io.github.softdelete.OnDelete.CASCADE || !relation.parent().equals(parent))
            return null;
        for (PolicyTable table : tables)
            if (table.table().equals(relation.child()))
                return table;
        return null;
    }
}
