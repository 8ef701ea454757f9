package io.github.softdelete.internal.write;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jooq.CaseConditionStep;
import org.jooq.Condition;
import org.jooq.Configuration;
import org.jooq.Field;
import org.jooq.FieldOrRow;
import org.jooq.FieldOrRowOrSelect;
import org.jooq.Query;
import org.jooq.QueryPart;
import org.jooq.Table;
import org.jooq.impl.QOM;

import io.github.softdelete.OnDelete;

import io.github.softdelete.internal.jooq.Engine;
import io.github.softdelete.internal.jooq.PartnerListeners;
import io.github.softdelete.internal.policy.LockOrder;
import io.github.softdelete.internal.policy.Relation;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.policy.UnfilteredTable;
import io.github.softdelete.internal.policy.ViewDefinition;
import io.github.softdelete.internal.sql.CascadeSteps;
import io.github.softdelete.internal.sql.ParentLocks;

/**
 * Rule: a write never makes a live row reference a deleted parent. An INSERT, or an UPDATE that sets
 * a foreign-key column, is checked inside the statement itself, the way a restore checks for deleted
 * parents: no extra round trip, and a refusal changes nothing.
 *
 * <ul>
 *   <li>{@code INSERT ... VALUES}, {@code INSERT ... SELECT}: {@link CheckedRows}, which checks each row's
 *       key, a composite key as a whole.</li>
 *   <li>{@code UPDATE ... SET} and the {@code DO UPDATE SET} of {@code INSERT ... ON CONFLICT}:
 *       {@link CheckedAssignments}, which checks the row's new key wherever it changes, taking the columns
 *       the SET leaves alone from the row itself.</li>
 * </ul>
 * Every check is {@code CAST(CASE WHEN <a deleted parent has this key> THEN '<mark><key>' ELSE '0' END AS integer) = 0},
 * which fails the statement naming the key ({@code StatementRefusals}), with the keys in the {@link LockOrder}
 * and each parent read under its row lock ({@link ParentLocks}), so that a concurrent soft delete of the parent
 * and the write cannot both succeed. On MariaDB the failing value is an overflow ({@code RefusalMark}), and the check
 * guards the first written value ({@code CASE WHEN <check> THEN value END}), since MariaDB has no WITH before an
 * INSERT.
 * Keys whose {@code ON DELETE} is SET NULL or SET DEFAULT are not checked: a soft delete leaves their
 * children as they are, and reads treat the deleted parent as absent. A key whose columns the INSERT does
 * not all list is not checked (its missing columns take their defaults; {@code docs/guarantees.md} says so).
 * {@code SoftDelete.allowDeletedParents(ctx)} turns the rule off for imports.
 */
public final class LiveParents {

    public static final String MARK = "softdelete-deleted-target:";

    /** The mark of the refusal of a changed foreign key at REPEATABLE READ; see {@link #failWhen}. */
    public static final String REPEATABLE_READ_MARK = "softdelete-repeatable-read:";

    private LiveParents() {
    }

    /** The checked form of {@code insert}, or null when it writes no checked foreign key. */
    public static QueryPart insert(TableRegistry registry, QOM.Insert<?> insert, Configuration configuration) {
        Table<?> target = UnfilteredTable.unwrap(insert.$into());
        List<Relation> keys = keysOf(registry, target);
        if (keys.isEmpty())
            return null;
        Engine engine = Engine.of(configuration);
        List<? extends Field<?>> columns = insert.$columns().isEmpty() ? List.of(insert.$into().fields()) : insert.$columns();
        CheckedRows.Checked rows = engine == Engine.MARIADB
            ? CheckedRows.rowsOnMariaDb(registry, insert, keys, columns)
            : CheckedRows.rows(registry, insert, keys, columns);
        // ON CONFLICT DO UPDATE SET: the conflicting row is the target's; its name qualifies its columns there
        Map<FieldOrRow, FieldOrRowOrSelect> set = CheckedAssignments.check(registry, keys, insert.$updateSet(), target,
            engine == Engine.MARIADB ? "INSERT ... ON DUPLICATE KEY UPDATE" : "INSERT ... ON CONFLICT DO UPDATE", engine);
        if (rows == null && set == null)
            return null;
        PartnerListeners.require(configuration);
        CheckedRows.Checked checked = rows != null ? rows : new CheckedRows.Checked(insert, null);
        if (set != null)
            checked = checked.withInsert(checked.insert().$updateSet(set));
        return checked.part();
    }

    /** The checked copy of {@code update}, or null when it sets no checked foreign key. */
    public static Query update(TableRegistry registry, QOM.Update<?> update, Configuration configuration) {
        Table<?> target = UnfilteredTable.unwrap(update.$table());
        if (target instanceof QOM.JoinTable<?, ?> join) {
            refuseKeyChangeInJoin(registry, join, update.$set().keySet());
            return null;
        }
        List<Relation> keys = keysOf(registry, target);
        if (keys.isEmpty())
            return null;
        Engine engine = Engine.of(configuration);
        Map<FieldOrRow, FieldOrRowOrSelect> set = CheckedAssignments.check(registry, keys, update.$set(), target, "UPDATE", engine);
        if (set == null)
            return null;
        PartnerListeners.require(configuration);
        return update.$set(set);
    }

    // A multi-table UPDATE (MariaDB's UPDATE a JOIN b SET ...) that sets a checked foreign-key column of one of its
    // tables: the check would need that table's row and the new value side by side, which the join's SET cannot give
    // one table at a time. Refused, by column name (SQL text often leaves it unqualified), with the way out.
    private static void refuseKeyChangeInJoin(TableRegistry registry, QOM.JoinTable<?, ?> join, java.util.Collection<? extends FieldOrRow> set) {
        for (Table<?> side : List.of(UnfilteredTable.unwrap(join.$table1()), UnfilteredTable.unwrap(join.$table2()))) {
            if (side instanceof QOM.JoinTable<?, ?> nested) {
                refuseKeyChangeInJoin(registry, nested, set);
                continue;
            }
            for (Relation key : keysOf(registry, side))
                for (FieldOrRow column : set)
                    if (column instanceof Field<?> field && indexIn(key, field) >= 0)
                        throw new io.github.softdelete.SoftDeleteException("cannot check an UPDATE of a join that sets \""
                            + side.getName() + "\"." + field.getName() + ", a column of the foreign key " + key.name() + ": the"
                            + " library checks a new key for a deleted parent one table at a time. Nothing was executed. Update \""
                            + side.getName() + "\" on its own (UPDATE " + side.getName() + " SET ... WHERE ... IN (SELECT ...)), or use"
                            + " SoftDelete.allowDeletedParents(ctx) for imports");
        }
    }

    /**
     * {@code failures} (null for none) followed by the failures of a write that sets {@code key}'s child
     * columns to {@code childValues} (in the order of {@code key.childColumns()}) where {@code changes} holds:
     * at REPEATABLE READ, the write is refused ({@link #REPEATABLE_READ_MARK}); else it fails when the parent,
     * read under its row lock ({@link ParentLocks}), is deleted ({@link #MARK}).
     *
     * <p>Why refused at REPEATABLE READ: that isolation level reports a conflict only between two writes of
     * one row, so a soft delete of the new parent by a transaction whose snapshot is older than this write
     * would not see the moved row; an INSERT writes the parent's row for that reason ({@link ParentLocks#bump}),
     * which an UPDATE cannot do in one statement: the new key is known only row by row, inside the SET.
     */
    static CaseConditionStep<String> failWhen(CaseConditionStep<String> failures, Relation key, List<Field<?>> childValues,
                                                Condition changes, Engine engine) {
        // MariaDB's locking read sees the latest committed parent at every isolation level: no refusal there.
        if (engine != Engine.MARIADB)
            failures = CascadeSteps.failWhen(failures, changes.and(ParentLocks.repeatableRead()), REPEATABLE_READ_MARK + key.name());
        return CascadeSteps.failWhen(failures, changes.and(ParentLocks.deletedParent(key, childValues, engine).isTrue()), MARK + key.name());
    }

    /** Whether {@code column} is one of {@code key}'s child columns (by name: SQL text often leaves it unqualified). */
    static int indexIn(Relation key, Field<?> column) {
        for (int i = 0; i < key.childColumns().size(); i++)
            if (key.childColumns().get(i).getName().equals(column.getName()))
                return i;
        return -1;
    }

    // SQL text names tables as it likes: "posts" is "public"."posts" (the parser knows no schema), as reads
    // take it (TableRegistry.lookupByName). A schema, when the statement names one, must match.
    // The schema as the policy knows it: a class generated for another schema, mapped to the policy's by the
    // configuration's RenderMapping, names the same table (TableRegistry.catalogSchema).
    private static boolean sameTable(TableRegistry registry, Table<?> child, Table<?> target) {
        if (child.equals(target))
            return true;
        if (!child.getName().equals(target.getName()))
            return false;
        String schema = target.getSchema() == null ? "" : registry.catalogSchema(target.getSchema().getName());
        return schema.isEmpty() || (child.getSchema() != null && schema.equals(registry.catalogSchema(child.getSchema().getName())));
    }

    /** The keys from {@code table} to soft-deletable parents whose children a soft delete does not change. */
    static List<Relation> keysOf(TableRegistry registry, Table<?> target) {
        ViewDefinition view = registry.views().lookup(target);
        Table<?> table = view != null && view.base() != null ? view.base().table() : target; // a write through a simple view
        if (table instanceof QOM.TableAlias<?> alias)
            table = alias.$aliased();
        List<Relation> keys = null;
        for (Relation relation : registry.relations())
            if (relation.rule() != OnDelete.SET_NULL && relation.rule() != OnDelete.SET_DEFAULT && sameTable(registry, relation.child(), table)) {
                if (keys == null)
                    keys = new ArrayList<>(2);
                keys.add(relation);
            }
        return keys == null ? List.of() : keys;
    }
}
