package io.github.softdelete.internal.policy;

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
        this(tables, declared, manual, Map.of());
    }

    /**
     * @param catalogRules the rules read from the database catalog, by {@link #catalogKey}
     */
    public Relations(List<PolicyTable> tables, Map<ForeignKey<?, ?>, OnDelete> declared, List<ManualRelation> manual,
                     Map<String, OnDelete> catalogRules) {
        Set<ForeignKey<?, ?>> used = new HashSet<>();
        for (Table<?> child : childCandidates(tables))
            for (ForeignKey<?, ?> key : child.getReferences())
                addGenerated(tables, key, declared, catalogRules, used);
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

    /** How a catalog rule is keyed: {@code schema.table.constraint}. */
    public static String catalogKey(String schema, String table, String constraint) {
        return (schema == null ? "" : schema) + "." + table + "." + constraint;
    }

    // Declared on the builder first, then the catalog's (the database's own rule), then jOOQ's metadata
    // (3.20+); when none knows the rule, NO ACTION, marked unknown so that a refusal can say so.
    private void addGenerated(List<PolicyTable> tables, ForeignKey<?, ?> key, Map<ForeignKey<?, ?>, OnDelete> declared,
                              Map<String, OnDelete> catalogRules, Set<ForeignKey<?, ?>> used) {
        PolicyTable parent = find(tables, key.getKey().getTable());
        if (parent == null || !used.add(key))
            return;
        Table<?> child = key.getTable();
        OnDelete fromCatalog = catalogRules.get(catalogKey(child.getSchema() == null ? null : child.getSchema().getName(),
            child.getName(), key.getName()));
        OnDelete rule = declared.get(key);
        if (rule != null && fromCatalog != null && rule != fromCatalog)
            problems.add("the ON DELETE rule of " + key.getName() + " is declared as " + rule + " but the database has "
                + fromCatalog + "; declare the database's rule, or change the key in the database");
        if (rule == null)
            rule = fromCatalog;
        if (rule == null)
            rule = ForeignKeyRules.fromMetadata(key);
        boolean known = rule != null;
        all.add(new Relation(key.getName(), child, List.<Field<?>>copyOf(key.getFields()), parent,
            List.<Field<?>>copyOf(key.getKeyFields()), known ? rule : OnDelete.NO_ACTION, known));
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
