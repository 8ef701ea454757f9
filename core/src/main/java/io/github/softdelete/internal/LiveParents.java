package io.github.softdelete.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.Condition;
import org.jooq.Configuration;
import org.jooq.Field;
import org.jooq.FieldOrRow;
import org.jooq.FieldOrRowOrSelect;
import org.jooq.Name;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.Row;
import org.jooq.Select;
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
 *   <li>{@code INSERT ... VALUES} and {@code UPDATE ... SET fk = x} (when x differs from the row's
 *       current key, so rows that already referenced a deleted parent stay updatable): the value of each foreign-key
 *       column becomes {@code (SELECT v FROM (SELECT x AS v) s WHERE CAST(CASE WHEN EXISTS (deleted parent
 *       with key v) THEN '<mark><key>' ELSE '0' END AS integer) = 0)}, which is {@code x} itself, or fails
 *       naming the key. The value appears once, where it was, so bind values keep their order and
 *       batches keep working.</li>
 *   <li>{@code INSERT ... SELECT}: the source becomes {@code SELECT * FROM (source) s(columns) WHERE
 *       <the same check on s's key columns>}, which also covers composite keys.</li>
 * </ul>
 * Keys whose {@code ON DELETE} is SET NULL or SET DEFAULT are not checked: a soft delete leaves their
 * children as they are, and reads treat the deleted parent as absent. A composite key written with
 * VALUES or SET is not checked either (its columns are separate values); {@code docs/guarantees.md} says so.
 * {@code SoftDelete.allowDeletedParents(ctx)} turns the rule off for imports.
 */
final class LiveParents {

    static final String MARK = "softdelete-deleted-target:";

    private static final Name VALUE = DSL.name("softdelete_value");
    private static final Name SOURCE = DSL.name("softdelete_source");

    private LiveParents() {
    }

    /** The checked copy of {@code insert}, or null when it writes no checked foreign key. */
    static Query insert(TableRegistry registry, QOM.Insert<?> insert, Configuration configuration) {
        List<Relation> keys = keysOf(registry, UnfilteredTable.unwrap(insert.$into()));
        if (keys.isEmpty())
            return null;
        List<? extends Field<?>> columns = insert.$columns().isEmpty() ? List.of(insert.$into().fields()) : insert.$columns();
        Query checked = insert.$select() != null
            ? checkedSelect(registry, insert, keys, columns)
            : checkedValues(registry, insert, keys, columns);
        if (checked != null)
            PartnerListeners.require(configuration);
        return checked;
    }

    /** The checked copy of {@code update}, or null when it sets no checked foreign key. */
    static Query update(TableRegistry registry, QOM.Update<?> update, Configuration configuration) {
        List<Relation> keys = keysOf(registry, UnfilteredTable.unwrap(update.$table()));
        if (keys.isEmpty())
            return null;
        Map<FieldOrRow, FieldOrRowOrSelect> set = new LinkedHashMap<>(update.$set());
        boolean changed = false;
        for (Map.Entry<FieldOrRow, FieldOrRowOrSelect> entry : set.entrySet()) {
            if (!(entry.getKey() instanceof Field<?> column))
                continue;
            Relation key = singleColumnKey(keys, column);
            Field<?> value = entry.getValue() instanceof Field<?> f ? f
                : entry.getValue() instanceof Select<?> s ? scalar(s) : null;
            if (key != null && value != null && !(value instanceof QOM.Default<?>)) {
                entry.setValue(checkedValue(registry, key, column, value, current(update, column)));
                changed = true;
            }
        }
        if (!changed)
            return null;
        PartnerListeners.require(configuration);
        return update.$set(set);
    }

    // The row's current key, qualified by the target: a SET column is often unqualified (always, in
    // parsed SQL text), and UPDATE ... FROM may bring in another table with a column of the same name.
    private static Field<?> current(QOM.Update<?> update, Field<?> column) {
        return RowSets.on(UnfilteredTable.unwrap(update.$table()), List.of(column)).get(0);
    }

    private static Query checkedValues(TableRegistry registry, QOM.Insert<?> insert, List<Relation> keys, List<? extends Field<?>> columns) {
        List<Row> rows = new ArrayList<>();
        boolean changed = false;
        for (Row row : insert.$values()) {
            Field<?>[] values = row.fields();
            for (int i = 0; i < values.length && i < columns.size(); i++) {
                Relation key = singleColumnKey(keys, columns.get(i));
                if (key != null && !(values[i] instanceof QOM.Default<?>)) {
                    values[i] = checkedValue(registry, key, columns.get(i), values[i], null);
                    changed = true;
                }
            }
            rows.add(DSL.row(values));
        }
        return changed ? insert.$values(rows) : null;
    }

    private static Query checkedSelect(TableRegistry registry, QOM.Insert<?> insert, List<Relation> keys, List<? extends Field<?>> columns) {
        String[] names = columns.stream().map(Field::getName).toArray(String[]::new);
        Table<?> source = insert.$select().asTable(SOURCE.first(), names);
        Condition ok = DSL.noCondition();
        for (Relation key : keys) {
            List<Field<?>> childColumns = new ArrayList<>();
            for (Field<?> column : key.childColumns()) {
                Field<?> field = source.field(column.getName());
                if (field == null)
                    break;
                childColumns.add(field);
            }
            if (childColumns.size() == key.childColumns().size())
                ok = ok.and(passes(registry, key, childColumns, DSL.noCondition()));
        }
        return insert.$select(DSL.select(DSL.asterisk()).from(source).where(ok));
    }

    // (SELECT v FROM (SELECT value AS v) softdelete_value WHERE <check of v>). For an UPDATE, current is the
    // row's column: a value that does not change the key is not checked, so rows that already referenced a
    // deleted parent (imported, or written before this rule) can still be updated in their other columns.
    //
    // A bind value's check is text that depends on the key alone: it is rendered once and replayed
    // around the value (CheckedValueText).
    private static Field<?> checkedValue(TableRegistry registry, Relation key, Field<?> column, Field<?> value, Field<?> current) {
        KeptText text = current == null && value instanceof Param<?> ? registry.checkedValueText(key, column) : null;
        if (text == null)
            return checkedValue0(registry, key, column, value, current);
        return CheckedValueText.field(text, value, marked -> checkedValue0(registry, key, column, marked, null));
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static Field<?> checkedValue0(TableRegistry registry, Relation key, Field<?> column, Field<?> value, Field<?> current) {
        Field v = DSL.field(VALUE.append("v"), column.getDataType());
        Table<?> one = DSL.select(value.as("v")).asTable(VALUE.first());
        Condition changes = current == null ? DSL.noCondition() : v.isDistinctFrom(current);
        return scalar(DSL.select(v).from(one).where(passes(registry, key, List.of(v), changes)));
    }

    /** {@code CAST(CASE WHEN <changes and a deleted parent has this key> THEN '<mark><key>' ELSE '0' END AS integer) = 0}. */
    private static Condition passes(TableRegistry registry, Relation key, List<Field<?>> childValues, Condition changes) {
        Table<?> parent = key.parent().table().as("softdelete_parent");
        TableReference reference = TableReference.resolve(registry, parent);
        Condition deletedParent = Qom.exists(DSL.selectOne().from(new UnfilteredTable<>(parent))
            .where(DSL.row(RowSets.on(parent, key.parentColumns())).eq(DSL.row(childValues)))
            .and(reference.predicate(ReadMode.DELETED)));
        Field<Integer> check = CascadeSteps.failWhen(null, changes.and(deletedParent), MARK + key.name())
            .otherwise(DSL.inline("0")).cast(SQLDataType.INTEGER);
        return check.eq(DSL.inline(0));
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static Field<?> scalar(Select<?> select) {
        return DSL.field((Select) select);
    }

    private static Relation singleColumnKey(List<Relation> keys, Field<?> column) {
        for (Relation key : keys)
            if (key.childColumns().size() == 1 && key.childColumns().get(0).getName().equals(column.getName()))
                return key;
        return null;
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
    private static List<Relation> keysOf(TableRegistry registry, Table<?> target) {
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
