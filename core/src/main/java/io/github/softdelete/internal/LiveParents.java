package io.github.softdelete.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jooq.Condition;
import org.jooq.Configuration;
import org.jooq.Field;
import org.jooq.FieldOrRow;
import org.jooq.FieldOrRowOrSelect;
import org.jooq.Query;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.QOM;
import org.jooq.impl.SQLDataType;

import io.github.softdelete.OnDelete;

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
 * Every check is {@link #passes}: {@code CAST(CASE WHEN <a deleted parent has this key> THEN '<mark><key>'
 * ELSE '0' END AS integer) = 0}, which fails the statement naming the key ({@link StatementRefusals}).
 * Keys whose {@code ON DELETE} is SET NULL or SET DEFAULT are not checked: a soft delete leaves their
 * children as they are, and reads treat the deleted parent as absent. A key whose columns the INSERT does
 * not all list is not checked (its missing columns take their defaults; {@code docs/guarantees.md} says so).
 * {@code SoftDelete.allowDeletedParents(ctx)} turns the rule off for imports.
 */
final class LiveParents {

    static final String MARK = "softdelete-deleted-target:";

    private LiveParents() {
    }

    /** The checked copy of {@code insert}, or null when it writes no checked foreign key. */
    static Query insert(TableRegistry registry, QOM.Insert<?> insert, Configuration configuration) {
        Table<?> target = UnfilteredTable.unwrap(insert.$into());
        List<Relation> keys = keysOf(registry, target);
        if (keys.isEmpty())
            return null;
        List<? extends Field<?>> columns = insert.$columns().isEmpty() ? List.of(insert.$into().fields()) : insert.$columns();
        QOM.Insert<?> rows = insert.$select() != null
            ? CheckedRows.select(registry, insert, keys, columns)
            : CheckedRows.values(registry, insert, keys, columns);
        QOM.Insert<?> checked = rows != null ? rows : insert;
        // ON CONFLICT DO UPDATE SET: the conflicting row is the target's; its name qualifies its columns there
        Map<FieldOrRow, FieldOrRowOrSelect> set = CheckedAssignments.check(registry, keys, insert.$updateSet(), target, "INSERT ... ON CONFLICT DO UPDATE");
        if (set != null)
            checked = checked.$updateSet(set);
        if (rows == null && set == null)
            return null;
        PartnerListeners.require(configuration);
        return checked;
    }

    /** The checked copy of {@code update}, or null when it sets no checked foreign key. */
    static Query update(TableRegistry registry, QOM.Update<?> update, Configuration configuration) {
        Table<?> target = UnfilteredTable.unwrap(update.$table());
        List<Relation> keys = keysOf(registry, target);
        if (keys.isEmpty())
            return null;
        Map<FieldOrRow, FieldOrRowOrSelect> set = CheckedAssignments.check(registry, keys, update.$set(), target, "UPDATE");
        if (set == null)
            return null;
        PartnerListeners.require(configuration);
        return update.$set(set);
    }

    /**
     * {@code CAST(CASE WHEN <changes and a deleted parent has this key> THEN '<mark><key>' ELSE '0' END AS integer) = 0}.
     * {@code childValues} are the key's values in the order of {@code key.childColumns()}.
     */
    static Condition passes(TableRegistry registry, Relation key, List<Field<?>> childValues, Condition changes) {
        Table<?> parent = key.parent().table().as("softdelete_parent");
        TableReference reference = TableReference.resolve(registry, parent);
        Condition deletedParent = Qom.exists(DSL.selectOne().from(new UnfilteredTable<>(parent))
            .where(DSL.row(RowSets.on(parent, key.parentColumns())).eq(DSL.row(childValues)))
            .and(reference.predicate(ReadMode.DELETED)));
        Field<Integer> check = CascadeSteps.failWhen(null, changes.and(deletedParent), MARK + key.name())
            .otherwise(DSL.inline("0")).cast(SQLDataType.INTEGER);
        return check.eq(DSL.inline(0));
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
    private static boolean sameTable(Table<?> child, Table<?> target) {
        if (child.equals(target))
            return true;
        if (!child.getName().equals(target.getName()))
            return false;
        String schema = target.getSchema() == null ? "" : target.getSchema().getName();
        return schema.isEmpty() || (child.getSchema() != null && schema.equals(child.getSchema().getName()));
    }

    /** The keys from {@code table} to soft-deletable parents whose children a soft delete does not change. */
    static List<Relation> keysOf(TableRegistry registry, Table<?> target) {
        ViewDefinition view = registry.views().lookup(target);
        Table<?> table = view != null && view.base() != null ? view.base().table() : target; // a write through a simple view
        if (table instanceof QOM.TableAlias<?> alias)
            table = alias.$aliased();
        List<Relation> keys = null;
        for (Relation relation : registry.relations())
            if (relation.rule() != OnDelete.SET_NULL && relation.rule() != OnDelete.SET_DEFAULT && sameTable(relation.child(), table)) {
                if (keys == null)
                    keys = new ArrayList<>(2);
                keys.add(relation);
            }
        return keys == null ? List.of() : keys;
    }
}
