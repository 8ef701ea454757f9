package io.github.softdelete.internal.cascade;

import java.util.ArrayList;
import java.util.List;

import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;

import io.github.softdelete.SoftDeleteException;

import io.github.softdelete.internal.policy.PolicyTable;
import io.github.softdelete.internal.policy.Relation;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.policy.UnfilteredTable;
import io.github.softdelete.internal.sql.MarkerPredicates;
import io.github.softdelete.internal.sql.RowSets;

/**
 * The walk of {@code restoreWithParents}: before rows are restored, their deleted parents are, and
 * before those, the parents' deleted parents, up every key a restore respects.
 *
 * <ul>
 *   <li>A key is followed only while it leads to deleted rows: each step first asks whether any parent
 *       of the rows at hand is deleted, and stops when none is. The walk therefore ends where the
 *       chain meets live rows, however the keys are drawn (self-references, cycles of keys).</li>
 *   <li>A self-reference ({@code comments.parent_id}) is followed in one step: a recursive query finds
 *       every deleted ancestor up to the first live one, and one restore brings them all back. A
 *       restore accepts a parent that it restores itself, so a cycle of deleted rows in one table
 *       (a reply to a reply to itself) comes back too.</li>
 *   <li>A cycle of deleted rows through several tables cannot be restored one table at a time (each
 *       waits for the other): the walk would go round it, so it stops after {@value #MAX_DEPTH} steps and
 *       refuses, naming the keys. A long but finite chain through a cycle of keys is restored.</li>
 * </ul>
 */
final class ParentChain {

    private static final int MAX_DEPTH = 64;

    private final DSLContext dsl;
    private final TableRegistry registry;

    ParentChain(DSLContext dsl, TableRegistry registry) {
        this.dsl = dsl;
        this.registry = registry;
    }

    /** Restores the deleted parents of the deleted rows of {@code reference} that {@code rows} selects. */
    void restoreParentsOf(PolicyTable table, Table<?> reference, Condition rows) {
        walk(table, reference, rows, false, new ArrayList<>());
    }

    private void walk(PolicyTable table, Table<?> reference, Condition rows, boolean selfDone, List<Relation> path) {
        for (Relation relation : CascadeRestore.parentKeys(registry, table)) {
            boolean self = relation.parent().equals(table);
            if (self && selfDone)
                continue;
            PolicyTable parent = relation.parent();
            Table<?> parentTable = parent.table();
            Condition deleted = (self ? ancestors(relation, table, reference, rows) : parents(relation, table, reference, rows))
                .and(MarkerPredicates.deleted(parent, parentTable));
            if (!dsl.fetchExists(DSL.selectOne().from(new UnfilteredTable<>(parentTable)).where(deleted)))
                continue;
            List<Relation> next = new ArrayList<>(path);
            next.add(relation);
            if (next.size() > MAX_DEPTH)
                throw cycle(table, next);
            walk(parent, parentTable, deleted, self, next);
            Restore.run(dsl, registry, parentTable, deleted);
        }
    }

    // parent key IN (SELECT child's key columns FROM the deleted rows at hand)
    private static Condition parents(Relation relation, PolicyTable table, Table<?> reference, Condition rows) {
        return RowSets.in(RowSets.on(relation.parent().table(), relation.parentColumns()), referenced(relation, table, reference, rows));
    }

    private static Select<? extends Record> referenced(Relation relation, PolicyTable table, Table<?> reference, Condition rows) {
        return DSL.select(RowSets.on(reference, relation.childColumns())).from(new UnfilteredTable<>(reference))
            .where(rows).and(MarkerPredicates.deleted(table, reference));
    }

    // key IN (WITH RECURSIVE up(key) AS (parents of the rows UNION parents of deleted ancestors) SELECT key FROM up);
    // UNION, not UNION ALL, so a cycle of rows ends the recursion.
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static Condition ancestors(Relation relation, PolicyTable table, Table<?> reference, Condition rows) {
        Name up = DSL.name("softdelete_ancestors");
        String[] columns = CascadeDelete.names(relation.parentColumns());
        Table<?> ancestor = new UnfilteredTable<>(table.table().as("softdelete_ancestor"));
        List<Field<?>> upKey = new ArrayList<>();
        for (String column : columns)
            upKey.add(DSL.field(up.append(column)));
        Select<?> step = DSL.select(RowSets.on(ancestor, relation.childColumns())).from(ancestor)
            .join(DSL.table(up)).on(DSL.row(RowSets.on(ancestor, relation.parentColumns())).eq(DSL.row(upKey)))
            .where(MarkerPredicates.deleted(table, ancestor));
        CommonTableExpression<?> chain = up.fields(columns).as(((Select) referenced(relation, table, reference, rows)).union((Select) step));
        return RowSets.in(RowSets.on(table.table(), relation.parentColumns()), DSL.withRecursive(chain).select(upKey).from(DSL.table(up)));
    }

    private static SoftDeleteException cycle(PolicyTable table, List<Relation> path) {
        return new SoftDeleteException("cannot restore the parent chain of " + table.quotedName() + ": after " + MAX_DEPTH
            + " levels of deleted parents (through " + path.stream().map(Relation::name).distinct().toList() + ") there"
            + " are still deleted parents: the rows reference each other in a cycle, so none of them can be restored"
            + " before the others, or the chain is deeper than " + MAX_DEPTH + " levels. Nothing was restored. Restore those rows together"
            + " in one UPDATE on SoftDelete.allowMarkerWrites(ctx), or break the cycle by restoring one row with its key"
            + " set to NULL first");
    }
}
