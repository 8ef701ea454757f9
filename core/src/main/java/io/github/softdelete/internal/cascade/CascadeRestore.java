package io.github.softdelete.internal.cascade;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.CaseConditionStep;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.UpdateSetFirstStep;
import org.jooq.impl.DSL;

import io.github.softdelete.OnDelete;

import io.github.softdelete.internal.jooq.Qom;
import io.github.softdelete.internal.policy.CascadePlan;
import io.github.softdelete.internal.policy.PolicyTable;
import io.github.softdelete.internal.policy.ReadMode;
import io.github.softdelete.internal.policy.Relation;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.policy.UnfilteredTable;
import io.github.softdelete.internal.render.HoledStatement;
import io.github.softdelete.internal.sql.CascadeSteps;
import io.github.softdelete.internal.sql.LockedParents;
import io.github.softdelete.internal.sql.MarkerPredicates;
import io.github.softdelete.internal.sql.RowSets;
import io.github.softdelete.internal.sql.TableReference;

/**
 * Rule: a restore brings back the rows that match its condition, and exactly the rows that the same
 * delete operation took with them, in one statement shaped like {@link CascadeDelete}'s.
 *
 * <p>"The same operation" is recognised by the stamp: a cascade stamps every row it deletes with one
 * {@code statement_timestamp()}, so a child belongs to its parent's delete when its marker equals the
 * parent's, and it is reached through a cascading key. A child that was deleted on its own earlier
 * has another stamp and stays deleted: no zombies.
 *
 * <p>A child is brought back only when each of its other parents (over keys that are not SET NULL or
 * SET DEFAULT) is live or brought back by the same statement: a comment by another, still deleted user
 * stays deleted, and so do its replies, which come back only through the recursion from a parent
 * comment that came back. The rows the condition names must not have a deleted parent: that is refused, naming
 * the parent ({@code SoftDelete.restoreWithParents} restores the parent chain first).
 *
 * <p>Cost: every lookup goes from a row being restored to its children by key and stamp ({@code
 * (child.fk, child.marker) IN (SELECT key, stamp FROM the parent's set)}, and the recursion's join on
 * {@code parent_id} and the stamp), so an index over all rows on {@code (fk, marker)}, which the schema
 * lint recommends for every foreign key, makes each a short index scan: the statement stays linear in
 * the rows it brings back, even when the statistics still say no row is deleted (checked with EXPLAIN
 * ANALYZE on a 105,000-row tree, BENCHMARKS.md "Restore: linear with one index per foreign key").
 * Live-only partial indexes cannot serve these lookups among deleted rows.
 */
public final class CascadeRestore {

    public static final String DELETED_PARENT_MARK = "softdelete-deleted-parent:";

    /**
     * The transaction's setting where a restore writes, for the listeners, what its steps restored per table
     * ("index:count,..."), its outer UPDATE's rows aside ({@link Restore}).
     */
    static final String RESTORE_COUNTS = "softdelete.r";

    private CascadeRestore() {
    }

    /**
     * The restore statement of the rows of {@code target} matching {@code condition}, built around the condition,
     * with the shape its text has when it depends on the policy alone ({@link CascadeText#restore}). The listener
     * renders it in place of the request that {@code SoftDelete.restore} executes ({@link RestoreRequest}).
     */
    static HoledStatement<Condition> statement(DSLContext dsl, TableRegistry registry, CascadePlan plan, Table<?> target,
                                               TableReference reference, Condition condition) {
        return new HoledStatement<>(CascadeText.restore(registry, plan, target, condition), condition, CascadeText.IN_FIRST_SELECT,
            hole -> build(dsl, registry, plan, target, reference, hole));
    }

    static Query build(DSLContext dsl, TableRegistry registry, CascadePlan plan, Table<?> target, TableReference reference,
                       Condition condition) {
        List<CommonTableExpression<?>> ctes = new ArrayList<>();
        boolean recursive = false;
        CascadePlan.Node root = plan.nodes().get(0);
        Table<?> rows = new UnfilteredTable<>(target);
        Select<?> matched = DSL.select(columns(registry, root.table(), rows)).from(rows).where(condition.and(reference.predicate(ReadMode.DELETED)));
        // As in CascadeDelete: the rows the condition names are kept apart from their replies, so the
        // count is theirs and only they are checked for deleted parents.
        Name matchedSet = root.self().isEmpty() ? RowSets.name(root.table()) : RowSets.name(root.table(), "matched");
        List<Field<?>> setColumns = columns(registry, root.table(), root.table().table());
        if (!root.self().isEmpty()) {
            ctes.add(matchedSet.fields(CascadeDelete.names(setColumns)).as(matched));
            matched = RowSets.select(matchedSet, setColumns);
        }
        for (CascadePlan.Node node : plan.nodes()) {
            ctes.add(rowSet(registry, plan, node, node == root ? matched : reached(registry, plan, node)));
            recursive |= !node.self().isEmpty();
        }
        LockedParents parents = new LockedParents(registry.lockOrder(), parentsOfRestoredRows(registry, plan, matchedSet));
        ctes.addAll(parents.ctes());
        CaseConditionStep<String> failures = UnstampedChildren.check(plan, matchedSet, parents.failures(null, DELETED_PARENT_MARK));
        Condition check = DSL.noCondition();
        if (failures != null) {
            ctes.add(CascadeSteps.check(failures));
            check = CascadeSteps.checkPassed();
        }
        // The steps after the root's UPDATE run in this order (CascadeSteps.after): the parents' bumps, then the
        // tables of the plan, parents before children.
        Name previous = parents.bumps(ctes, null);
        // A root with replies updates its rows in two steps (the matched rows, then their replies): they are locked
        // in key order first, all at once, as a delete locks them, so that the two steps cannot deadlock with it.
        // With listeners the steps are counted (RESTORE_COUNTS), which runs them before the outer UPDATE: the root's rows
        // are then locked first too, as a delete locks them.
        boolean counted = registry.hasListeners();
        Map<PolicyTable, List<Name>> steps = new LinkedHashMap<>();
        Condition rootLocked = DSL.noCondition();
        if (!root.self().isEmpty() || counted) {
            ctes.add(CascadeSteps.lock(root.table(), check)); // after the check, which locks the parents
            rootLocked = CascadeSteps.lockTaken(root.table());
        }
        if (!root.self().isEmpty()) {
            Table<?> replies = new UnfilteredTable<>(root.table().table());
            ctes.add(CascadeSteps.update(root.table(), "replies", false, null, check.and(CascadeSteps.after(previous)).and(rootLocked),
                DSL.not(RowSets.in(RowSets.on(replies, RowSets.key(root.table())), RowSets.select(matchedSet, RowSets.key(root.table()))))
                    .and(CascadeSteps.sameStamp(replies, root.table())),
                CascadeSteps.orderedWithStamps(RowSets.name(root.table()), root.table())));
            previous = RowSets.name(root.table(), "replies");
            steps.put(root.table(), List.of(previous));
        }
        for (CascadePlan.Node node : plan.nodes().subList(1, plan.nodes().size())) {
            Condition after = previous == null && counted ? rootLocked : CascadeSteps.after(previous);
            ctes.add(CascadeSteps.update(node.table(), "update", false, null, check.and(after),
                CascadeSteps.sameStamp(new UnfilteredTable<>(node.table().table()), node.table()),
                CascadeSteps.orderedWithStamps(RowSets.name(node.table()), node.table())));
            previous = RowSets.name(node.table(), "update");
            steps.put(node.table(), List.of(previous));
        }
        if (counted)
            ctes.add(SettlementEntry.counted(registry, steps, DSL.inline(RESTORE_COUNTS)));
        UpdateSetFirstStep<Record> outer = CascadeDelete.with(dsl, recursive, ctes).update(CascadeSteps.asRecordTable(target));
        Table<?> matchedRows = CascadeSteps.orderedWithStamps(matchedSet, root.table());
        return CascadeSteps.set(outer, reference.table(), false, null)
            .from(matchedRows)
            .where(CascadeSteps.joined(target, root.table(), matchedRows))
            .and(CascadeSteps.sameStamp(target, root.table()))
            .and(check)
            .and(rootLocked)
            .and(counted ? SettlementEntry.counted() : DSL.noCondition());
    }

    /** True when a restore of {@code table} needs more than one UPDATE of that table. */
    static boolean needed(TableRegistry registry, CascadePlan plan) {
        return plan.nodes().size() > 1 || !plan.nodes().get(0).self().isEmpty() || !parentKeys(registry, plan.root()).isEmpty();
    }

    private static CommonTableExpression<?> rowSet(TableRegistry registry, CascadePlan plan, CascadePlan.Node node, Select<?> base) {
        PolicyTable table = node.table();
        Select<?> rows = base;
        if (!node.self().isEmpty() && table.stamp() != null)
            rows = union(rows, replies(registry, plan, node));
        return RowSets.name(table).fields(CascadeDelete.names(setColumns(registry, table))).as(rows);
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static Select<?> union(Select<?> a, Select<?> b) {
        return ((Select) a).union((Select) b);
    }

    // Rows of a child table deleted by the same operation as a parent row being restored: one SELECT per
    // cascading key, combined with UNION (which also makes a diamond's row one row), as CascadeDelete
    // does. Each is "(fk, stamp) IN (SELECT key, stamp FROM the parent's set)", a semi-join that
    // PostgreSQL drives from the parent's set through the key's index (child (fk, marker), as the lint
    // recommends), or by hashing the set: linear in the rows restored. An OR of correlated EXISTS, as
    // before, was a subplan per deleted child that scanned the parent's whole set: quadratic.
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static Select<?> reached(TableRegistry registry, CascadePlan plan, CascadePlan.Node node) {
        Table<?> child = new UnfilteredTable<>(node.table().table());
        Select<?> rows = null;
        // Without a stamp on both sides, "the same delete" cannot be recognised: UnstampedChildren
        // refuses the restore if such a child could have been taken with the parent.
        for (Relation relation : node.parents()) {
            if (node.table().stamp() == null || relation.parent().stamp() == null)
                continue;
            Select<?> branch = DSL.select(columns(registry, node.table(), child)).from(child)
                .where(sameOperation(child, node.table(), relation))
                .and(otherParentsLive(registry, plan, node.table(), child))
                .and(selfParentsLive(node, child));
            rows = rows == null ? branch : ((Select) rows).union((Select) branch);
        }
        return rows != null ? rows
            : DSL.select(columns(registry, node.table(), child)).from(child).where(DSL.falseCondition());
    }

    // A row reached through another parent whose own parent row (comments.parent_id) is still deleted
    // must not start a thread: it comes back only through the recursion, after its parent came back.
    private static Condition selfParentsLive(CascadePlan.Node node, Table<?> child) {
        Condition all = DSL.noCondition();
        for (Relation relation : node.self()) {
            List<Field<?>> fk = RowSets.on(child, relation.childColumns());
            all = all.and(anyNull(fk).or(liveParent(relation, fk)));
        }
        return all;
    }

    // PostgreSQL allows the recursive reference once, and not inside a subquery: join it.
    private static Select<?> replies(TableRegistry registry, CascadePlan plan, CascadePlan.Node node) {
        PolicyTable table = node.table();
        Table<?> reply = new UnfilteredTable<>(table.table().as(RowSets.name(table, "reply")));
        Field<?> setMarker = DSL.field(RowSets.name(table).append(table.stamp().getName()));
        List<Condition> joins = new ArrayList<>();
        for (Relation relation : node.self())
            joins.add(DSL.row(RowSets.on(reply, relation.childColumns())).eq(DSL.row(RowSets.ofSet(table, relation.parentColumns()))));
        // The stamp's equality says a timestamp marker is deleted; a flag must say so itself.
        Condition deleted = table.isFlag() ? MarkerPredicates.deleted(table, reply) : DSL.noCondition();
        return DSL.select(columns(registry, table, reply)).from(reply)
            .join(RowSets.table(table)).on(DSL.or(joins).and(eq(CascadeDelete.stamp(reply, table), setMarker)).and(deleted))
            .where(otherParentsLive(registry, plan, table, reply));
    }

    // (child fk, child stamp) IN (SELECT parent key, parent stamp FROM the parent's set), and with a flag
    // (child fk, child stamp, child flag) IN (SELECT parent key, parent stamp, TRUE FROM ...): the one
    // condition that says the child is deleted, and by the same operation. Equal to a parent's stamp,
    // which is not null, a timestamp marker is deleted. A separate "deleted_at IS NOT NULL" (or "flag")
    // would be redundant, and harmful: the statistics usually say that hardly any row is deleted (all
    // of them after the VACUUM ANALYZE that follows a restore), so the planner takes it for the most
    // selective condition and drives the semi-join from a scan of the child's index on it, comparing
    // each deleted child with the parents' whole set in a nested loop: 114,960 rows thrown away for the
    // 480 likes of a 1,009-row tree, twice the delete's time (SmallTreeRestorePlanTest). Inside the
    // semi-join, the planner sizes it by the parent's set and goes from that set through the (fk, marker)
    // index, as the delete does.
    private static Condition sameOperation(Table<?> child, PolicyTable table, Relation relation) {
        PolicyTable parent = relation.parent();
        List<Field<?>> childColumns = new ArrayList<>(RowSets.on(child, relation.childColumns()));
        childColumns.add(CascadeDelete.stamp(child, table));
        List<Field<?>> parentColumns = new ArrayList<>(RowSets.ofSet(parent, relation.parentColumns()));
        parentColumns.add(DSL.field(RowSets.name(parent).append(parent.stamp().getName()), parent.stamp().getDataType()));
        if (table.isFlag()) {
            childColumns.add(MarkerPredicates.column(child, table, table.marker()));
            parentColumns.add(DSL.inline(true));
        }
        return RowSets.in(childColumns, DSL.select(parentColumns).from(RowSets.table(parent)));
    }

    // Each parent over a key that is not SET NULL / SET DEFAULT is live, or restored by this statement.
    private static Condition otherParentsLive(TableRegistry registry, CascadePlan plan, PolicyTable table, Table<?> child) {
        Condition all = DSL.noCondition();
        for (Relation relation : parentKeys(registry, table)) {
            if (relation.parent().equals(table))
                continue; // self-references are followed by the recursion instead
            List<Field<?>> fk = RowSets.on(child, relation.childColumns());
            Condition ok = anyNull(fk).or(liveParent(relation, fk));
            if (plan.node(relation.parent()) != null)
                ok = ok.or(RowSets.memberOf(fk, relation.parent(), relation.parentColumns()));
            all = all.and(ok);
        }
        return all;
    }

    // For every table of the plan, every key to a parent (but SET NULL / SET DEFAULT), in the lock order: the key
    // values of the restored rows. Those parents must be live, and stay live until the restore commits, or be
    // brought back by the statement itself.
    //
    // A parent the statement brings back is locked too, and must still carry the stamp its set saw (or be live):
    // the sets come from the statement's snapshot, and PostgreSQL re-reads only the rows the statement locks or
    // updates. A parent that other transactions brought back and deleted again since the snapshot carries another
    // delete's stamp, so the UPDATE leaves it deleted; its children of the first delete that those transactions
    // left deleted (another parent of theirs was deleted then) still carry the first stamp, and would come back
    // under it (ConcurrentRestoresTest). The lock also keeps a delete of the parent waiting until the restore
    // commits, as for any other parent. A flag without a stamp cannot tell one delete from another: such a parent
    // is left out of the lock, as the statement's UPDATE restores it whichever delete it carries.
    private static List<LockedParents.Reference> parentsOfRestoredRows(TableRegistry registry, CascadePlan plan, Name matchedSet) {
        List<Relation> keys = new ArrayList<>();
        for (CascadePlan.Node node : plan.nodes())
            keys.addAll(parentKeys(registry, node.table()));
        List<LockedParents.Reference> parents = new ArrayList<>();
        for (Relation key : keys) {
            PolicyTable child = registry.lookup(key.child());
            Name restored = child.equals(plan.root()) ? matchedSet : RowSets.name(child);
            List<Field<?>> fk = RowSets.ofSetNamed(restored, key.childColumns());
            Select<? extends Record> values = DSL.select(fk).from(DSL.table(restored));
            PolicyTable parent = key.parent();
            if (plan.node(parent) == null) {
                parents.add(new LockedParents.Reference(key, values));
            } else if (!parent.isFlag()) {
                List<Field<?>> restoredHere = new ArrayList<>(key.parentColumns());
                restoredHere.add(parent.marker());
                parents.add(new LockedParents.Reference(key, values, RowSets.select(RowSets.name(parent), restoredHere)));
            } else {
                Condition notRestoredHere = DSL.not(RowSets.in(fk, RowSets.select(RowSets.name(parent), key.parentColumns())));
                parents.add(new LockedParents.Reference(key, DSL.select(fk).from(DSL.table(restored)).where(notRestoredHere)));
            }
        }
        return parents;
    }

    private static Condition liveParent(Relation relation, List<Field<?>> fk) {
        Table<?> parent = new UnfilteredTable<>(relation.parent().table().as("softdelete_parent"));
        return Qom.exists(DSL.selectOne().from(parent)
            .where(DSL.row(RowSets.on(parent, relation.parentColumns())).eq(DSL.row(fk)))
            .and(MarkerPredicates.live(relation.parent(), parent)));
    }

    /** The keys from {@code table} to soft-deletable parents that a restore must respect. */
    static List<Relation> parentKeys(TableRegistry registry, PolicyTable table) {
        List<Relation> keys = new ArrayList<>();
        for (Relation relation : registry.relations())
            if (relation.child().equals(table.table()) && relation.rule() != OnDelete.SET_NULL && relation.rule() != OnDelete.SET_DEFAULT)
                keys.add(relation);
        return keys;
    }

    private static List<Field<?>> columns(TableRegistry registry, PolicyTable table, Table<?> reference) {
        return RowSets.on(reference, setColumns(registry, table));
    }

    // A set's columns: the key and the referenced columns (RowSets), the stamp, and the columns of the keys to the
    // table's parents, which the lock of the parents reads (parentsOfRestoredRows) without going back to the table.
    private static List<Field<?>> setColumns(TableRegistry registry, PolicyTable table) {
        List<Field<?>> columns = new ArrayList<>(RowSets.columns(table, registry.relations()));
        if (table.stamp() != null)
            columns.add(table.stamp());
        for (Relation key : parentKeys(registry, table))
            for (Field<?> column : key.childColumns())
                if (columns.stream().noneMatch(c -> c.getName().equals(column.getName())))
                    columns.add(column);
        return columns;
    }

    private static Condition anyNull(List<Field<?>> fields) {
        List<Condition> nulls = new ArrayList<>(fields.size());
        for (Field<?> field : fields)
            nulls.add(field.isNull());
        return DSL.or(nulls);
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static Condition eq(Field<?> a, Field<?> b) {
        return ((Field) a).eq(b);
    }
}
