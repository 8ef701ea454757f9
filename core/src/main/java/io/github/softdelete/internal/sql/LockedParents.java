package io.github.softdelete.internal.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.CaseConditionStep;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;

import io.github.softdelete.internal.jooq.Qom;
import io.github.softdelete.internal.policy.LockOrder;
import io.github.softdelete.internal.policy.PolicyTable;
import io.github.softdelete.internal.policy.Relation;
import io.github.softdelete.internal.policy.UnfilteredTable;

/**
 * The parents that the rows of one statement reference (the rows an INSERT writes, the rows a restore brings
 * back), locked {@code FOR KEY SHARE} ({@link ParentLocks}) with one CTE per parent table:
 * <pre>
 * softdelete_users_parents(k0, state) AS (SELECT id, deleted_at FROM users WHERE id IN (SELECT author_id FROM ...
 *                                            UNION SELECT user_id FROM ...) ORDER BY id FOR KEY SHARE)
 * </pre>
 * and the checks that read them: {@code EXISTS (SELECT 1 FROM softdelete_users_parents WHERE k0 IN (&lt;a key's values&gt;)
 * AND &lt;deleted&gt;)}, in the {@link LockOrder} of the parent tables.
 *
 * <p>Why one CTE per table: every key to a table locks its rows in one pass, in key order, as every statement of
 * the library locks a table's rows; a pass per key would lock a table's rows in several runs, and two statements
 * could take them in crossing orders and deadlock. The checks of a table's keys read its CTE, which PostgreSQL
 * evaluates once, where the first check needs it: so the tables are locked in the order of the checks.
 */
public final class LockedParents {

    /**
     * A key of the statement's rows, and the values of its child columns in those rows; {@code restoredHere}, when
     * not null, selects (parent key, stamp) of the parents that the statement itself brings back, as its snapshot
     * saw them: such a parent may be deleted with that stamp, and no other.
     */
    public record Reference(Relation key, Select<? extends Record> values, Select<? extends Record> restoredHere) {

        public Reference(Relation key, Select<? extends Record> values) {
            this(key, values, null);
        }
    }

    private static final String STATE = "state";
    private static final String KEY = "k";

    private final Map<Group, List<Reference>> groups = new LinkedHashMap<>();

    // One CTE per parent table and referenced columns (the primary key, nearly always).
    private record Group(PolicyTable parent, List<String> columns) {
    }

    /** The references, sorted into the lock order of their parent tables. */
    public LockedParents(LockOrder order, List<Reference> references) {
        List<Reference> sorted = new ArrayList<>(references);
        sorted.sort((a, b) -> Integer.compare(order.rank(a.key().parent()), order.rank(b.key().parent())));
        for (Reference reference : sorted)
            groups.computeIfAbsent(group(reference.key()), g -> new ArrayList<>()).add(reference);
    }

    boolean isEmpty() {
        return groups.isEmpty();
    }

    /** The lock CTEs, one per parent table, in the lock order. */
    public List<CommonTableExpression<?>> ctes() {
        List<CommonTableExpression<?>> ctes = new ArrayList<>();
        int index = 0;
        for (Map.Entry<Group, List<Reference>> entry : groups.entrySet())
            ctes.add(lock(name(entry.getKey(), index++), entry.getValue()));
        return ctes;
    }

    /** {@code failures} followed by one failure per reference whose locked parent is deleted, marked {@code mark<key>}. */
    public CaseConditionStep<String> failures(CaseConditionStep<String> failures, String mark) {
        int index = 0;
        for (Map.Entry<Group, List<Reference>> entry : groups.entrySet()) {
            Name cte = name(entry.getKey(), index++);
            for (Reference reference : entry.getValue())
                failures = CascadeSteps.failWhen(failures, deleted(cte, reference), mark + reference.key().name());
        }
        return failures;
    }

    /**
     * The REPEATABLE READ writes of the parents ({@link ParentLocks#bump}), one per parent table, in the lock order,
     * each after the one before, the first after {@code previous} (or first of all when null); returns the name
     * of the last, or {@code previous} when there is none.
     */
    public Name bumps(List<CommonTableExpression<?>> ctes, Name previous) {
        int index = 0;
        for (Map.Entry<Group, List<Reference>> entry : groups.entrySet()) {
            Name bump = DSL.name("softdelete_bump_" + (++index));
            ctes.add(ParentLocks.bump(bump, entry.getValue().get(0).key(), values(entry.getValue()), previous));
            previous = bump;
        }
        return previous;
    }

    // name AS MATERIALIZED (SELECT columns AS k0.., state FROM parent WHERE columns IN (the references' values) ORDER BY
    // columns FOR KEY SHARE): materialized, so that PostgreSQL does not fold it into a check and push the check's
    // deleted predicate below the lock, which would lock only the rows already deleted in the snapshot.
    private static CommonTableExpression<?> lock(Name name, List<Reference> references) {
        Relation key = references.get(0).key();
        Table<?> parent = new UnfilteredTable<>(key.parent().table().as("softdelete_parent"));
        List<Field<?>> columns = RowSets.on(parent, key.parentColumns());
        List<Field<?>> select = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            select.add(columns.get(i));
            names.add(KEY + i);
        }
        select.add(MarkerPredicates.column(parent, key.parent(), key.parent().marker()));
        names.add(STATE);
        return name.fields(names.toArray(String[]::new)).asMaterialized(DSL.select(select).from(parent)
            .where(RowSets.in(columns, values(references)))
            .orderBy(columns)
            .forKeyShare());
    }

    // EXISTS (SELECT 1 FROM cte WHERE (k0, ...) IN (the reference's values) AND <deleted>
    //         [AND (k0, ..., state) NOT IN (the parents restored here, with their stamps)])
    private static Condition deleted(Name cte, Reference reference) {
        Relation key = reference.key();
        List<Field<?>> locked = new ArrayList<>();
        for (int i = 0; i < key.parentColumns().size(); i++)
            locked.add(DSL.field(cte.append(KEY + i), key.parentColumns().get(i).getDataType()));
        Field<?> state = DSL.field(cte.append(STATE), key.parent().marker().getDataType());
        Condition deleted = MarkerPredicates.deleted(key.parent(), state);
        if (reference.restoredHere() != null) {
            List<Field<?>> lockedWithState = new ArrayList<>(locked);
            lockedWithState.add(state);
            deleted = deleted.andNot(RowSets.in(lockedWithState, reference.restoredHere()));
        }
        return Qom.exists(DSL.selectOne().from(DSL.table(cte))
            .where(RowSets.in(locked, reference.values()))
            .and(deleted));
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static Select<? extends Record> values(List<Reference> references) {
        Select<? extends Record> values = null;
        for (Reference reference : references)
            values = values == null ? reference.values() : ((Select) values).union((Select) reference.values());
        return values;
    }

    private static Group group(Relation key) {
        return new Group(key.parent(), key.parentColumns().stream().map(Field::getName).toList());
    }

    private static Name name(Group group, int index) {
        return DSL.name("softdelete_parents_" + (index + 1) + "_" + group.parent().name());
    }
}
