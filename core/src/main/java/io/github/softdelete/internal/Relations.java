package io.github.softdelete.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.Schema;
import org.jooq.Table;

import io.github.softdelete.OnDelete;

/**
 * Collects, when a policy is built, every foreign key that references a soft-deletable table, and the
 * rule each follows: the rule declared on the builder, else the one in jOOQ's metadata (3.20+), else
 * {@link OnDelete#NO_ACTION}.
 *
 * <p>Foreign keys are found through the schemas of the registered tables, since a key is declared on
 * its child table and the child need not be soft-deletable itself ({@code post_tags}).
 */
public final class Relations {

    private final List<Relation> all = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    public Relations(List<PolicyTable> tables, Map<ForeignKey<?, ?>, OnDelete> declared, List<ManualRelation> manual) {
        Set<ForeignKey<?, ?>> used = new HashSet<>();
        for (Table<?> child : childCandidates(tables))
            for (ForeignKey<?, ?> key : child.getReferences())
                addGenerated(tables, key, declared, used);
        for (ForeignKey<?, ?> key : declared.keySet())
            if (!used.contains(key))
                problems.add("the ON DELETE rule is declared for " + key.getName() + ", which does not reference a"
                    + " registered soft-deletable table of the policy; register its table, or drop the declaration");
        for (ManualRelation relation : manual)
            addManual(tables, relation);
    }

    /** Every relation, in a stable order. */
    public List<Relation> all() {
        return List.copyOf(all);
    }

    /** The problems found, for {@code build()} to report. */
    public List<String> problems() {
        return problems;
    }

    private static Set<Table<?>> childCandidates(List<PolicyTable> tables) {
        Set<Table<?>> children = new LinkedHashSet<>();
        Set<Schema> schemas = new LinkedHashSet<>();
        for (PolicyTable t : tables) {
            children.add(t.table());
            if (t.table().getSchema() != null)
                schemas.add(t.table().getSchema());
        }
        for (Schema schema : schemas)
            children.addAll(schema.getTables());
        return children;
    }

    private void addGenerated(List<PolicyTable> tables, ForeignKey<?, ?> key, Map<ForeignKey<?, ?>, OnDelete> declared, Set<ForeignKey<?, ?>> used) {
        PolicyTable parent = find(tables, key.getKey().getTable());
        if (parent == null || !used.add(key))
            return;
        OnDelete rule = declared.get(key);
        if (rule == null)
            rule = ForeignKeyRules.fromMetadata(key);
        if (rule == null)
            rule = OnDelete.NO_ACTION;
        all.add(new Relation(key.getName(), key.getTable(), List.<Field<?>>copyOf(key.getFields()), parent,
            List.<Field<?>>copyOf(key.getKeyFields()), rule));
    }

    private void addManual(List<PolicyTable> tables, ManualRelation relation) {
        PolicyTable parent = find(tables, relation.parent());
        if (parent == null) {
            problems.add("relation " + relation.child().getName() + "." + relation.childColumn().getName() + " -> "
                + relation.parent().getName() + " references a table that is not registered as soft-deletable;"
                + " register \"" + relation.parent().getName() + "\" with table(table, marker) first");
            return;
        }
        String name = relation.child().getName() + "_" + relation.childColumn().getName() + "_fkey";
        all.add(new Relation(name, relation.child(), List.of(relation.childColumn()), parent,
            List.of(relation.parentColumn()), relation.rule()));
    }

    private static PolicyTable find(List<PolicyTable> tables, Table<?> table) {
        for (PolicyTable t : tables)
            if (t.table().equals(table))
                return t;
        return null;
    }
}
