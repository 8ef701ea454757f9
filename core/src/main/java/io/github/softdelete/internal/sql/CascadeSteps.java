package io.github.softdelete.internal.sql;

import java.util.ArrayList;
import java.util.List;

import org.jooq.CaseConditionStep;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.UpdateSetFirstStep;
import org.jooq.UpdateSetMoreStep;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import io.github.softdelete.internal.policy.LockOrder;
import io.github.softdelete.internal.policy.PolicyTable;
import io.github.softdelete.internal.policy.UnfilteredTable;

/**
 * The pieces that {@code CascadeDelete} and {@code CascadeRestore} both build: the data-modifying
 * CTE that stamps (or clears) the rows of one set, and the in-statement check.
 *
 * <p>The check is a CTE {@code softdelete_check(ok)} whose single value is {@code 0}, or whose
 * computation fails: {@code CAST('<mark><key>' AS integer)} raises an error that names the key, and
 * aborts the whole statement, so that one statement both checks and changes. Every UPDATE of the
 * statement requires {@code ok = 0}, which makes PostgreSQL evaluate the check before it changes a row.
 * {@code StatementRefusals} turns the error into a {@code SoftDeleteException}.
 */
public final class CascadeSteps {

    private static final Name CHECK = DSL.name("softdelete_check");
    private static final String ORDER = "softdelete_order";
    private static final String ORDER_KEY = "softdelete_k";
    private static final String ORDER_STAMP = "softdelete_stamp";

    private CascadeSteps() {
    }

    /** {@code CASE WHEN failed THEN '<mark><key>'}, appended to the checks so far (null for none). */
    public static CaseConditionStep<String> failWhen(CaseConditionStep<String> checks, Condition failed, String mark) {
        return checks == null ? DSL.when(failed, new RefusalMark(mark)) : checks.when(failed, new RefusalMark(mark));
    }

    /** The check CTE, failing on the first of {@code checks} that holds. */
    public static CommonTableExpression<?> check(CaseConditionStep<String> checks) {
        Field<Integer> ok = checks.otherwise(DSL.inline("0")).cast(SQLDataType.INTEGER);
        return CHECK.fields("ok").as(DSL.select(ok));
    }

    /** The condition every UPDATE of a checked statement carries. */
    public static Condition checkPassed() {
        return DSL.field(DSL.select(DSL.field(CHECK.append("ok"), Integer.class)).from(DSL.table(CHECK))).eq(DSL.inline(0));
    }

    /**
     * {@code name AS (UPDATE table SET marker = value FROM rows WHERE table.key = rows.key AND only AND check RETURNING key)},
     * where {@code rows} gives the keys in key order ({@link #ordered}, {@link #lockedRows}). A soft delete also
     * requires the row to be live still: PostgreSQL re-checks that on a row a concurrent transaction changed, so
     * such a row keeps its own stamp.
     *
     * <p>Why a join with the keys in order rather than {@code key IN (SELECT key FROM set)}: PostgreSQL plans the
     * join as a nested loop over the ordered keys, probing the primary key, and so updates (and locks) the rows
     * in key order, as every statement of the library does ({@link LockOrder}): two statements that update
     * overlapping rows then wait for each other instead of deadlocking. The IN form added a hash of the set and
     * visited the rows in hash order; the join is also the cheaper of the two (measured on the B3 tree).
     */
    public static CommonTableExpression<?> update(PolicyTable table, String suffix, boolean deletion, Object actor, Condition check, Condition only,
                                           Table<?> rows) {
        Table<?> target = new UnfilteredTable<>(table.table());
        List<Field<?>> key = RowSets.on(target, RowSets.key(table));
        UpdateSetMoreStep<Record> set = deletion
            ? LibraryWrite.deletion(DSL.update(asRecordTable(target)), table, actor, true)
            : LibraryWrite.restoration(DSL.update(asRecordTable(target)), table);
        return RowSets.name(table, suffix).as(set
            .from(rows)
            .where(joined(target, table, rows))
            .and(only)
            .and(deletion ? MarkerPredicates.live(table, target) : DSL.noCondition())
            .and(check)
            .returning(key));
    }

    /**
     * {@code softdelete_<table>_lock(softdelete_k0, ...) AS (SELECT key FROM (the set's keys in order) o JOIN table ON
     * table.key = o.key FOR UPDATE OF table)}: the rows of the set, locked in key order in the mode that conflicts
     * with the checks of the writes that would make them parents ({@link ParentLocks}). PostgreSQL re-reads a row
     * that changed while the lock waited; the CTE's rows are still in key order, for the UPDATE that reads them.
     */
    public static CommonTableExpression<?> lock(PolicyTable table) {
        return lock(table, RowSets.name(table), lockName(table), DSL.noCondition());
    }

    /**
     * As {@link #lock(PolicyTable)}, taken only after {@code first} was evaluated: a condition that is true when
     * the statement may go on, and that takes locks of its own that must come first (a restore's check of the
     * parents, {@link LockedParents}).
     */
    public static CommonTableExpression<?> lock(PolicyTable table, Condition first) {
        return lock(table, RowSets.name(table), lockName(table), first);
    }

    /** {@code <lock>(softdelete_k0, ...) AS (...)}: as {@link #lock(PolicyTable)}, for the rows of the set {@code set}. */
    public static CommonTableExpression<?> lock(PolicyTable table, Name set, Name lock) {
        return lock(table, set, lock, DSL.noCondition());
    }

    private static CommonTableExpression<?> lock(PolicyTable table, Name set, Name lock, Condition first) {
        Table<?> rows = new UnfilteredTable<>(table.table());
        Table<?> order = ordered(set, table);
        List<Field<?>> key = RowSets.on(rows, RowSets.key(table));
        // ORDER BY: the order the rows are locked in, whatever join PostgreSQL picks; over the ordered keys'
        // nested loop it costs nothing (the rows already come in that order).
        return lock.fields(orderNames(table)).asMaterialized(DSL.select(key)
            .from(order).join(rows).on(joined(rows, table, order))
            .where(first)
            .orderBy(key)
            .forUpdate().of(rows));
    }

    /** The rows of {@code table} that its lock CTE locked, as a source of keys in key order. */
    public static Table<?> lockedRows(PolicyTable table) {
        return DSL.table(lockName(table)).as(ORDER);
    }

    /** {@code (SELECT key AS softdelete_k0, ... FROM set ORDER BY key) softdelete_order}: a set's keys in key order. */
    public static Table<?> ordered(Name set, PolicyTable table) {
        return ordered(set, table, false);
    }

    /**
     * {@code (SELECT key AS softdelete_k0, ..., stamp AS softdelete_stamp FROM set ORDER BY key) softdelete_order}: a
     * restore's set, its keys in key order with the stamp each row had, for {@link #sameStamp}.
     */
    public static Table<?> orderedWithStamps(Name set, PolicyTable table) {
        return ordered(set, table, table.stamp() != null);
    }

    private static Table<?> ordered(Name set, PolicyTable table, boolean stamp) {
        List<Field<?>> key = RowSets.key(table);
        List<Field<?>> columns = new ArrayList<>();
        List<Field<?>> order = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            Field<?> column = DSL.field(set.append(key.get(i).getName()), key.get(i).getDataType());
            columns.add(column.as(ORDER_KEY + i));
            order.add(column);
        }
        if (stamp)
            columns.add(DSL.field(set.append(table.stamp().getName()), table.stamp().getDataType()).as(ORDER_STAMP));
        return DSL.select(columns).from(DSL.table(set)).orderBy(order).asTable(ORDER);
    }

    /**
     * {@code target.stamp = softdelete_order.softdelete_stamp}: a restore's UPDATE clears a row only while it still
     * carries the stamp its set saw. PostgreSQL re-checks the WHERE of a row that a concurrent transaction changed
     * while the UPDATE waited for it; a row that was brought back and deleted again meanwhile carries another
     * delete's stamp, and is that delete's to restore, not this one's. (A flag alone has no stamp: nothing to compare.)
     */
    public static Condition sameStamp(Table<?> target, PolicyTable table) {
        if (table.stamp() == null)
            return DSL.noCondition();
        Field<Object> stamp = asObject(MarkerPredicates.column(target, table, table.stamp()));
        return stamp.eq(DSL.field(DSL.name(ORDER, ORDER_STAMP)));
    }

    @SuppressWarnings("unchecked")
    private static Field<Object> asObject(Field<?> field) {
        return (Field<Object>) field;
    }

    // target.key = rows.softdelete_k0, ...: the key columns of the ordered rows are named apart from the table's,
    // so that an unqualified column in the SET (the missing-actor check names the key) stays the target's.
    public static Condition joined(Table<?> target, PolicyTable table, Table<?> rows) {
        List<Field<?>> key = RowSets.on(target, RowSets.key(table));
        List<Field<?>> ordered = new ArrayList<>();
        for (int i = 0; i < key.size(); i++)
            ordered.add(DSL.field(DSL.name(ORDER, ORDER_KEY + i), key.get(i).getDataType()));
        return DSL.row(key).eq(DSL.row(ordered));
    }

    /**
     * {@code (SELECT count(*) FROM softdelete_<table>_lock) IS NOT NULL}: true, and evaluated once before the UPDATE
     * that carries it reads a row (PostgreSQL plans it as a one-time filter), which takes the table's locks first,
     * for an UPDATE that reads its keys from elsewhere.
     */
    public static Condition lockTaken(PolicyTable table) {
        return lockTaken(lockName(table));
    }

    /** As {@link #lockTaken(PolicyTable)}, for the lock CTE named {@code lock}. */
    public static Condition lockTaken(Name lock) {
        return DSL.field(DSL.selectCount().from(DSL.table(lock))).isNotNull();
    }

    /**
     * {@code (SELECT count(*) FROM previous) IS NOT NULL}, or no condition when there is no previous step: the
     * condition that makes a data-modifying CTE run after the one named {@code previous}.
     *
     * <p>Why: PostgreSQL runs the data-modifying CTEs that nothing reads after the main statement, in the reverse
     * of the order they are written (nodeModifyTable.c, ExecInitModifyTable: {@code es_auxmodifytables} is built
     * with {@code lcons}, "later-initialized ModifyTable nodes [are] shut down before earlier ones"), so a cascade
     * written parents first would update, and lock, children first. A CTE that reads another's output runs it to
     * completion first: so each step reads the previous one's, once, as a one-time filter, and the steps run, and
     * take their locks, in the {@link LockOrder}.
     */
    public static Condition after(Name previous) {
        return previous == null ? DSL.noCondition() : DSL.field(DSL.selectCount().from(DSL.table(previous))).isNotNull();
    }

    /** The name of the ordered key columns of a set of {@code table}'s rows, at {@code index} of the key. */
    public static String orderKey(int index) {
        return ORDER_KEY + index;
    }

    private static String[] orderNames(PolicyTable table) {
        String[] names = new String[RowSets.key(table).size()];
        for (int i = 0; i < names.length; i++)
            names[i] = ORDER_KEY + i;
        return names;
    }

    private static Name lockName(PolicyTable table) {
        return RowSets.name(table, "lock");
    }

    /** The SET of a delete ({@code marker = statement_timestamp()}, ...) or of a restore ({@code marker = NULL}, ...). */
    public static UpdateSetMoreStep<Record> set(UpdateSetFirstStep<Record> update, PolicyTable table, boolean deletion, Object actor) {
        return deletion ? LibraryWrite.deletion(update, table, actor) : LibraryWrite.restoration(update, table);
    }

    @SuppressWarnings("unchecked")
    public static Table<Record> asRecordTable(Table<?> table) {
        return (Table<Record>) table;
    }
}
