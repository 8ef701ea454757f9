package io.github.softdelete.internal.sql;

import java.util.ArrayList;
import java.util.List;

import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import io.github.softdelete.internal.jooq.Engine;
import io.github.softdelete.internal.policy.PolicyTable;
import io.github.softdelete.internal.policy.Relation;
import io.github.softdelete.internal.policy.UnfilteredTable;

/**
 * Rule: a statement that makes a row a live child of a parent (an INSERT, an UPDATE of a foreign key, a
 * restore) reads the parent's state under a row lock, so that it and a concurrent soft delete of the parent
 * cannot both succeed.
 *
 * <p>PostgreSQL's own foreign keys rest on the same two locks: the check of a child takes {@code FOR KEY SHARE}
 * on the parent, and a DELETE takes {@code FOR UPDATE}, which conflicts with it. A soft delete changes no key
 * column, so its UPDATE takes only {@code FOR NO KEY UPDATE}, which does not conflict with {@code KEY SHARE};
 * the library's soft delete therefore also locks the rows it stamps {@code FOR UPDATE} ({@code CascadeDelete}),
 * and the checks here take {@code FOR KEY SHARE}:
 * <ul>
 *   <li>the soft delete first: the check waits for it; at READ COMMITTED PostgreSQL then re-reads the locked
 *       row (EvalPlanQual) and the check sees it deleted and refuses; at REPEATABLE READ and SERIALIZABLE the
 *       lock fails with SQLSTATE 40001 (the row was changed by a transaction the snapshot does not see);</li>
 *   <li>the check first: the soft delete waits until the writer commits. What it does then is
 *       {@code CascadeSettlement}'s business at READ COMMITTED; at REPEATABLE READ the writer has also
 *       updated the parent's row ({@link #bump}), so the soft delete fails with 40001; at SERIALIZABLE
 *       PostgreSQL's serializable snapshot isolation sees the two transactions' reads and writes cross.</li>
 * </ul>
 * {@code KEY SHARE}, unlike {@code SHARE}, does not wait for ordinary updates of the parent (a title edited,
 * a user's last login), as PostgreSQL's foreign keys do not.
 *
 * <p>The state is read outside the locking subquery: {@code (SELECT <deleted> FROM (SELECT state FROM parent
 * WHERE key = ... FOR KEY SHARE) l)}. A predicate on the state inside it would be pushed below the lock, and
 * only rows already deleted in the snapshot would be locked (checked with EXPLAIN: the filter sits under
 * {@code LockRows}).
 */
public final class ParentLocks {

    private static final Name LOCKED = DSL.name("softdelete_locked");
    private static final Name STATE = DSL.name("state");
    private static final String KEY_PREFIX = "k";

    private ParentLocks() {
    }

    /**
     * True when the parent that {@code values} (the key's child values, in the order of its columns) refer to
     * is deleted, read under {@code FOR KEY SHARE}; null when there is no such parent.
     */
    public static Field<Boolean> deletedParent(Relation key, List<Field<?>> values) {
        return deletedParent(key, values, Engine.POSTGRES);
    }

    /**
     * As {@link #deletedParent(Relation, List)}, read under the lock {@code engine} has: MariaDB has no
     * {@code FOR KEY SHARE} (docs/mariadb-facts.md), and its {@code LOCK IN SHARE MODE} also waits for ordinary
     * updates of the parent. InnoDB's locking reads see the latest committed row at every isolation level, so there
     * the lock alone decides, with no bump at REPEATABLE READ.
     */
    public static Field<Boolean> deletedParent(Relation key, List<Field<?>> values, Engine engine) {
        Table<?> parent = parent(key);
        Condition same = DSL.row(RowSets.on(parent, key.parentColumns())).eq(DSL.row(values));
        // MariaDB resolves no outer reference inside a derived table, and applies no predicate below its lock: the
        // parent is read by its key in the locking subquery itself (one row, locked whatever its state).
        if (engine == Engine.MARIADB)
            return DSL.field(DSL.select(MarkerPredicates.deleted(key.parent(), parent)).from(parent).where(same).forShare());
        return DSL.field(DSL.select(deleted(key.parent())).from(locked(key, parent, same)));
    }

    /**
     * True when some parent whose key {@code childValues} selects is deleted, read under {@code FOR KEY SHARE}
     * in key order, leaving out the parents that {@code except} selects (rows the statement itself restores);
     * null when there is none.
     */
    static Field<Boolean> deletedParentAmong(Relation key, Select<? extends Record> childValues, Select<? extends Record> except) {
        Table<?> parent = parent(key);
        Condition among = RowSets.in(RowSets.on(parent, key.parentColumns()), childValues);
        Table<?> locked = locked(key, parent, among);
        Condition deleted = deleted(key.parent());
        if (except != null)
            deleted = deleted.andNot(RowSets.in(lockedKey(key), except));
        return DSL.field(DSL.select(DSL.boolOr(deleted)).from(locked));
    }

    /**
     * At REPEATABLE READ only, {@code UPDATE parent SET state = state} for the live parents whose key
     * {@code childValues} selects: a write of the parent's row without a change.
     *
     * <p>Why: at REPEATABLE READ a statement sees only its transaction's snapshot and reports a conflict only
     * between two writes of one row; a lock is no conflict. A soft delete whose snapshot is older than this
     * write would not see the new child, and would stamp the parent as if it had none. With this update it
     * fails instead (SQLSTATE 40001), as it does at SERIALIZABLE. Under other isolation levels the condition
     * is false before any row is read (PostgreSQL evaluates it once, as a one-time filter). {@code previous} names
     * the bump that must run before this one ({@link CascadeSteps#after}), or is null.
     */
    static CommonTableExpression<?> bump(Name name, Relation key, Select<? extends Record> childValues, Name previous) {
        Table<?> parent = new UnfilteredTable<>(key.parent().table());
        return name.as(LibraryWrite.unchanged(DSL.update(CascadeSteps.asRecordTable(parent)), key.parent())
            .where(repeatableRead())
            .and(CascadeSteps.after(previous))
            .and(RowSets.in(RowSets.on(parent, key.parentColumns()), childValues))
            .and(MarkerPredicates.live(key.parent(), parent))
            .returning(DSL.inline(1).as("bumped")));
    }

    /** {@code current_setting('transaction_isolation') = 'repeatable read'}: evaluated once per statement. */
    public static Condition repeatableRead() {
        return DSL.function("current_setting", SQLDataType.CLOB, DSL.inline("transaction_isolation"))
            .eq(DSL.inline("repeatable read"));
    }

    // SELECT key, state FROM parent WHERE condition ORDER BY key FOR KEY SHARE: the rows locked in key
    // order, as every statement of the library takes them (LockOrder).
    private static Table<?> locked(Relation key, Table<?> parent, Condition condition) {
        List<Field<?>> columns = new ArrayList<>();
        List<Field<?>> parentKey = RowSets.on(parent, key.parentColumns());
        for (int i = 0; i < parentKey.size(); i++)
            columns.add(parentKey.get(i).as(KEY_PREFIX + i));
        columns.add(MarkerPredicates.column(parent, key.parent(), key.parent().marker()).as(STATE));
        return DSL.select(columns).from(parent).where(condition).orderBy(parentKey).forKeyShare().asTable(LOCKED);
    }

    private static List<Field<?>> lockedKey(Relation key) {
        List<Field<?>> columns = new ArrayList<>();
        for (int i = 0; i < key.parentColumns().size(); i++)
            columns.add(DSL.field(LOCKED.append(KEY_PREFIX + i), key.parentColumns().get(i).getDataType()));
        return columns;
    }

    private static Condition deleted(PolicyTable parent) {
        return MarkerPredicates.deleted(parent, DSL.field(LOCKED.append(STATE), parent.marker().getDataType()));
    }

    private static Table<?> parent(Relation key) {
        return new UnfilteredTable<>(key.parent().table().as("softdelete_parent"));
    }
}
