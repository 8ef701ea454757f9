package io.github.softdelete.internal.cascade;

import java.util.ArrayList;
import java.util.List;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;

import io.github.softdelete.internal.jooq.Qom;
import io.github.softdelete.internal.policy.CascadePlan;
import io.github.softdelete.internal.policy.PolicyTable;
import io.github.softdelete.internal.policy.ReadMode;
import io.github.softdelete.internal.policy.Relation;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.policy.UnfilteredTable;
import io.github.softdelete.internal.sql.LibraryWrite;
import io.github.softdelete.internal.sql.MarkerPredicates;
import io.github.softdelete.internal.sql.RowSets;
import io.github.softdelete.internal.sql.TableReference;

/**
 * Rule on MariaDB: a restore that brings back exactly what one delete took, as several statements in one
 * transaction, where PostgreSQL runs one ({@link CascadeRestore}, whose rules this follows: the same rows, the same
 * refusals). The keys of the rows it brings back are kept in temporary tables ({@link KeyTables},
 * {@code softdelete_restored_<n>}) with the stamp each row carried:
 * <ol>
 *   <li>The anchor, what the restore request renders as ({@link RestoreRequest}): {@code INSERT INTO
 *       softdelete_restored_<root> SELECT key, stamp FROM root WHERE <condition> AND <deleted> FOR UPDATE}. Its
 *       update count is the number of rows the condition names.</li>
 *   <li>For each table of the plan, parents first: its rows (the root's matched rows; a child's rows whose key
 *       names a restored parent and whose stamp is that parent's, every other parent live), their replies over
 *       self-references with the same stamp, recursively; a check that every parent of those rows is live, which
 *       also locks those parents in share mode until the restore ends, so that no delete takes them meanwhile; and
 *       one UPDATE, which must bring back every row it counted: a row another transaction restored or deleted
 *       again since it was read carries another stamp, and the restore is refused rather than bring back its
 *       children under it.</li>
 * </ol>
 * A child of a table without a stamp cannot be told to be the parent's delete's: the restore is refused when one
 * could be ({@link UnstampedChildren}). Each statement reads the rows it touches through keys: the key tables by
 * their primary key, the children by {@code (fk, marker)}, the index the lint asks for.
 */
public final class StagedRestore {

    /** The prefix of the restore's key tables. */
    public static final String KEYS_PREFIX = "softdelete_restored_";

    private static final KeyTables KEYS = new KeyTables(KEYS_PREFIX);

    private StagedRestore() {
    }

    /** The statement a restore of the rows of {@code target} matching {@code condition} becomes on MariaDB. */
    public static Query anchor(TableRegistry registry, CascadePlan plan, Table<?> target, TableReference reference, Condition condition) {
        KeyTables.requirePrimaryKeys(plan, "restore rows of");
        PolicyTable root = plan.root();
        Table<?> rows = new UnfilteredTable<>(target);
        Table<?> keys = KEYS.of(registry, root);
        return DSL.insertInto(keys).columns(KeyTables.columns(keys, kept(root)))
            .select(DSL.select(RowSets.on(rows, kept(root))).from(rows)
                .where(condition.and(reference.predicate(ReadMode.DELETED)))
                .forUpdate());
    }

    /** The policy index of the root whose anchor {@code sql} is, or -1 when it is no anchor. */
    public static int anchoredRoot(String sql) {
        return KEYS.anchoredRoot(sql);
    }

    /** The statements to run before the anchor: each key table created if missing, and emptied. */
    public static List<String> before(DSLContext plain, TableRegistry registry, CascadePlan plan) {
        return KEYS.prepare(plain, registry, plan, StagedRestore::kept);
    }

    /** The statements after the anchor, in order. */
    public static List<StagedStep> after(DSLContext plain, TableRegistry registry, CascadePlan plan) {
        List<StagedStep> steps = new ArrayList<>();
        for (CascadePlan.Node node : plan.nodes()) {
            PolicyTable table = node.table();
            Table<?> keys = KEYS.of(registry, table);
            for (Relation relation : node.parents())
                steps.add(reached(plain, registry, plan, node, relation));
            if (!node.self().isEmpty())
                steps.addAll(replies(plain, registry, node, node.table().equals(plan.root())));
            for (Relation relation : CascadeRestore.parentKeys(registry, table))
                steps.add(StagedStep.refuseWhenFound(plain.renderInlined(deletedParents(registry, table, relation)),
                    StagedStep.Check.REFUSE_WHEN_FOUND_DELETED_PARENT, relation));
            steps.add(StagedStep.of(plain.renderInlined(DSL.selectCount().from(keys)), StagedStep.Check.COUNT, table));
            steps.add(StagedStep.of(plain.renderInlined(restore(plain, table, keys)), StagedStep.Check.UPDATE_ALL_COUNTED, table));
        }
        for (String sql : KEYS.empty(plain, registry, plan))
            steps.add(StagedStep.write(sql));
        return steps;
    }

    // The columns a key table keeps: the primary key, and the stamp the row carried.
    private static List<Field<?>> kept(PolicyTable table) {
        List<Field<?>> columns = new ArrayList<>(RowSets.key(table));
        if (table.stamp() != null)
            columns.add(table.stamp());
        return columns;
    }

    // The rows of node's table over relation that the restored parents' delete took: their key names a restored
    // parent, their stamp is that parent's, and every other parent is live. Without a stamp on both sides there is
    // no telling: refused when such a child is deleted (UnstampedChildren), and none is brought back.
    private static StagedStep reached(DSLContext plain, TableRegistry registry, CascadePlan plan, CascadePlan.Node node, Relation relation) {
        PolicyTable table = node.table();
        PolicyTable parent = relation.parent();
        Table<?> child = table.table();
        Table<?> parentKeys = KEYS.of(registry, parent);
        Table<?> joined = KeyTables.referencesKey(parent, relation) ? parentKeys
            : parentKeys.join(parent.table()).on(KeyTables.joined(parent, parent.table(), parentKeys));
        List<Field<?>> referenced = KeyTables.referencesKey(parent, relation)
            ? KeyTables.columns(parentKeys, RowSets.key(parent)) : RowSets.on(parent.table(), relation.parentColumns());
        Condition references = DSL.row(RowSets.on(child, relation.childColumns())).eq(DSL.row(referenced));
        if (table.stamp() == null || parent.stamp() == null)
            return StagedStep.refuseWhenFound(plain.renderInlined(DSL.selectOne().from(child).join(joined).on(references)
                    .where(MarkerPredicates.deleted(table, child)).limit(DSL.inline(1))),
                StagedStep.Check.REFUSE_WHEN_FOUND_UNSTAMPED, relation);
        Condition sameDelete = references.and(sameStamp(child, table, KeyTables.columns(parentKeys, List.of(parent.stamp())).get(0)));
        Table<?> keys = KEYS.of(registry, table);
        return StagedStep.write(plain.renderInlined(plain.insertInto(keys).columns(KeyTables.columns(keys, kept(table)))
            .select(DSL.select(RowSets.on(child, kept(table))).from(child).join(joined).on(sameDelete)
                .where(otherParentsLive(registry, table, child)).and(selfParentsLive(node, child)))
            .onDuplicateKeyIgnore()));
    }

    // The replies of the table's restored rows over its self-references, recursively, each with its parent's stamp.
    // A root without a stamp cannot tell its replies' delete: refused when a deleted one exists that was not named.
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static List<StagedStep> replies(DSLContext plain, TableRegistry registry, CascadePlan.Node node, boolean root) {
        PolicyTable table = node.table();
        Table<?> keys = KEYS.of(registry, table);
        List<StagedStep> steps = new ArrayList<>();
        if (table.stamp() == null) {
            if (root)
                for (Relation relation : node.self())
                    steps.add(StagedStep.refuseWhenFound(plain.renderInlined(unnamedReplies(table, keys, relation)),
                        StagedStep.Check.REFUSE_WHEN_FOUND_UNSTAMPED, relation));
            return steps;
        }
        Table<?> tree = DSL.table(DSL.name("softdelete_tree"));
        Table<?> reply = table.table().as("softdelete_reply");
        Table<?> parent = table.table().as("softdelete_parent");
        boolean byKey = node.self().stream().allMatch(relation -> KeyTables.referencesKey(table, relation));
        List<Condition> joins = new ArrayList<>();
        for (Relation relation : node.self())
            joins.add(DSL.row(RowSets.on(reply, relation.childColumns()))
                .eq(DSL.row(byKey ? KeyTables.columns(tree, RowSets.key(table)) : RowSets.on(parent, relation.parentColumns()))));
        Table<?> parents = byKey ? tree : tree.join(parent).on(KeyTables.joined(table, parent, tree));
        Condition sameDelete = DSL.or(joins).and(sameStamp(reply, table, KeyTables.columns(tree, List.of(table.stamp())).get(0)));
        Select<?> start = DSL.select(KeyTables.columns(keys, kept(table))).from(keys);
        Select<?> step = DSL.select(RowSets.on(reply, kept(table))).from(parents).join(reply).on(sameDelete)
            .where(otherParentsLive(registry, table, reply));
        String[] names = KeyTables.names(kept(table)).toArray(String[]::new);
        Select<?> all = DSL.withRecursive(DSL.name("softdelete_tree").fields(names).as(start.union((Select) step)))
            .select(KeyTables.columns(tree, kept(table))).from(tree);
        steps.add(StagedStep.write(plain.renderInlined(plain.insertInto(keys).columns(KeyTables.columns(keys, kept(table)))
            .select(all).onDuplicateKeyIgnore())));
        return steps;
    }

    // A deleted row over the self-reference whose parent is restored, and which the condition did not name.
    private static Select<?> unnamedReplies(PolicyTable table, Table<?> keys, Relation relation) {
        Table<?> child = table.table().as("softdelete_child");
        Condition notNamed = DSL.not(DSL.row(RowSets.on(child, RowSets.key(table)))
            .in(DSL.select(KeyTables.columns(keys, RowSets.key(table))).from(keys)));
        Table<?> parent = table.table().as("softdelete_parent");
        return DSL.selectOne().from(keys).join(parent).on(KeyTables.joined(table, parent, keys))
            .join(child).on(DSL.row(RowSets.on(child, relation.childColumns())).eq(DSL.row(RowSets.on(parent, relation.parentColumns()))))
            .where(MarkerPredicates.deleted(table, child)).and(notNamed).limit(DSL.inline(1));
    }

    // One value for all the restored rows of table and their parents over relation: 1 when a parent is deleted. It
    // reads with LOCK IN SHARE MODE and filters nothing out, so that every parent it reads stays locked, and live,
    // until the restore ends (InnoDB at READ COMMITTED keeps the locks of the rows a locking read returns).
    private static Select<?> deletedParents(TableRegistry registry, PolicyTable table, Relation relation) {
        Table<?> keys = KEYS.of(registry, table);
        Table<?> row = table.table();
        PolicyTable parent = relation.parent();
        Table<?> parentRow = parent.table().as("softdelete_parent");
        Condition deletedParent = MarkerPredicates.deleted(parent, parentRow);
        // Over a self-reference the parent may be a row this restore brings back too (a reply's parent comment): only a
        // parent it leaves deleted refuses.
        if (parent.equals(table))
            deletedParent = deletedParent.and(DSL.not(DSL.row(RowSets.on(parentRow, RowSets.key(table)))
                .in(DSL.select(KeyTables.columns(keys, RowSets.key(table))).from(keys))));
        Field<Integer> deleted = DSL.when(deletedParent, DSL.inline(1)).else_(DSL.inline(0));
        return DSL.select(DSL.coalesce(DSL.max(deleted), DSL.inline(0))).from(keys)
            .join(row).on(KeyTables.joined(table, row, keys))
            .join(parentRow).on(DSL.row(RowSets.on(parentRow, relation.parentColumns())).eq(DSL.row(RowSets.on(row, relation.childColumns()))))
            .forShare();
    }

    // The UPDATE that brings the counted rows back, each only while it still carries the stamp it was read with.
    private static Query restore(DSLContext plain, PolicyTable table, Table<?> keys) {
        Table<?> row = table.table();
        Condition unchanged = MarkerPredicates.deleted(table, row);
        if (table.stamp() != null)
            unchanged = unchanged.and(sameStamp(row, table, KeyTables.columns(keys, List.of(table.stamp())).get(0)));
        return LibraryWrite.restoration(plain.update(row.join(keys).on(KeyTables.joined(table, row, keys))), table).where(unchanged);
    }

    // Its stamp equals the given one; with a flag, the flag says it is deleted (a stamp alone does not).
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static Condition sameStamp(Table<?> reference, PolicyTable table, Field<?> stamp) {
        Condition same = ((Field) MarkerPredicates.column(reference, table, table.stamp())).eq(stamp);
        return table.isFlag() ? same.and(MarkerPredicates.deleted(table, reference)) : same;
    }

    // Each parent over a key that is not SET NULL / SET DEFAULT (self-references aside, which the recursion follows)
    // is live: restored by this restore already (parents come first in the plan), or never deleted.
    private static Condition otherParentsLive(TableRegistry registry, PolicyTable table, Table<?> child) {
        Condition all = DSL.noCondition();
        for (Relation relation : CascadeRestore.parentKeys(registry, table))
            if (!relation.parent().equals(table))
                all = all.and(nullOrLive(relation, RowSets.on(child, relation.childColumns())));
        return all;
    }

    // A row reached through another parent whose own parent row (comments.parent_id) is still deleted must not start
    // a thread: it comes back only through the recursion, after its parent came back.
    private static Condition selfParentsLive(CascadePlan.Node node, Table<?> child) {
        Condition all = DSL.noCondition();
        for (Relation relation : node.self())
            all = all.and(nullOrLive(relation, RowSets.on(child, relation.childColumns())));
        return all;
    }

    private static Condition nullOrLive(Relation relation, List<Field<?>> fk) {
        Table<?> parent = relation.parent().table().as("softdelete_live_parent");
        List<Condition> nulls = new ArrayList<>();
        for (Field<?> field : fk)
            nulls.add(field.isNull());
        // Qom.exists: a direct DSL.exists(Select) call does not link on jOOQ 3.21.
        return DSL.or(nulls).or(Qom.exists(DSL.selectOne().from(parent)
            .where(DSL.row(RowSets.on(parent, relation.parentColumns())).eq(DSL.row(fk)))
            .and(MarkerPredicates.live(relation.parent(), parent))));
    }
}
