package io.github.softdelete.internal;

import java.util.ArrayList;
import java.util.List;

import org.jooq.Condition;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Param;
import org.jooq.Row;
import org.jooq.RowN;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.QOM;

import io.github.softdelete.SoftDeleteException;

/**
 * The rows an INSERT writes, checked for deleted parents ({@link LiveParents}).
 *
 * <ul>
 *   <li>{@code INSERT ... SELECT}: the source becomes {@code SELECT * FROM (source) s(columns) WHERE <check of
 *       s's key columns>}, for every key, composite or not.</li>
 *   <li>{@code INSERT ... VALUES} where every checked key has one column: the value of each key column
 *       becomes {@code (SELECT v FROM (SELECT x AS v) s WHERE <check of v>)}, which is {@code x} itself or
 *       fails naming the key. The value appears once, where it was, so bind values keep their order.</li>
 *   <li>{@code INSERT ... VALUES} that writes a composite key: a row's key is several values, and a check
 *       of all of them in one place would repeat the values (and their bind values), which breaks batches.
 *       So the rows become the source of an {@code INSERT ... SELECT * FROM (VALUES ...) s(columns) WHERE
 *       <check>}: each value still appears once, in its place. The first row's values are cast to their
 *       columns' types, as PostgreSQL types a VALUES list from its first row. {@code DEFAULT} cannot
 *       appear in a VALUES list: a column that is DEFAULT in every row is left out (so it takes its
 *       default), and one that is DEFAULT in some rows only is refused with the way out.</li>
 * </ul>
 */
final class CheckedRows {

    private static final Name VALUE = DSL.name("softdelete_value");
    private static final Name SOURCE = DSL.name("softdelete_source");

    private CheckedRows() {
    }

    /** The checked copy of an {@code INSERT ... SELECT}. */
    static QOM.Insert<?> select(TableRegistry registry, QOM.Insert<?> insert, List<Relation> keys, List<? extends Field<?>> columns) {
        return insert.$select(checkedSource(registry, insert.$select(), keys, columns));
    }

    /** The checked copy of an {@code INSERT ... VALUES}, or null when it writes no checked key. */
    static QOM.Insert<?> values(TableRegistry registry, QOM.Insert<?> insert, List<Relation> keys, List<? extends Field<?>> columns) {
        for (Relation key : keys)
            if (key.childColumns().size() > 1 && writesAll(key, columns))
                return asSelect(registry, insert, keys, columns);
        return checkedValues(registry, insert, keys, columns);
    }

    private static QOM.Insert<?> checkedValues(TableRegistry registry, QOM.Insert<?> insert, List<Relation> keys, List<? extends Field<?>> columns) {
        List<Row> rows = new ArrayList<>();
        boolean changed = false;
        for (Row row : insert.$values()) {
            Field<?>[] values = row.fields();
            for (int i = 0; i < values.length && i < columns.size(); i++) {
                Relation key = singleColumnKey(keys, columns.get(i));
                if (key != null && !(values[i] instanceof QOM.Default<?>)) {
                    values[i] = checkedValue(registry, key, columns.get(i), values[i]);
                    changed = true;
                }
            }
            rows.add(DSL.row(values));
        }
        return changed ? insert.$values(rows) : null;
    }

    // (SELECT v FROM (SELECT value AS v) softdelete_value WHERE <check of v>)
    //
    // A bind value's check is text that depends on the key alone: it is rendered once and replayed
    // around the value (CheckedValueText).
    private static Field<?> checkedValue(TableRegistry registry, Relation key, Field<?> column, Field<?> value) {
        KeptText text = value instanceof Param<?> ? registry.checkedValueText(key, column) : null;
        if (text == null)
            return checkedValueInFull(registry, key, column, value);
        return CheckedValueText.field(text, value, marked -> checkedValueInFull(registry, key, column, marked));
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static Field<?> checkedValueInFull(TableRegistry registry, Relation key, Field<?> column, Field<?> value) {
        Field v = DSL.field(VALUE.append("v"), column.getDataType());
        Table<?> one = DSL.select(value.as("v")).asTable(VALUE.first());
        return DSL.field((Select) DSL.select(v).from(one).where(LiveParents.passes(registry, key, List.of(v), DSL.noCondition())));
    }

    private static QOM.Insert<?> asSelect(TableRegistry registry, QOM.Insert<?> insert, List<Relation> keys, List<? extends Field<?>> columns) {
        List<? extends Row> rows = insert.$values();
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            int defaults = 0;
            for (Row row : rows)
                if (row.field(i) instanceof QOM.Default<?>)
                    defaults++;
            if (defaults == 0)
                kept.add(i);
            else if (defaults < rows.size())
                throw new SoftDeleteException("cannot check the rows written to \"" + insert.$into().getName()
                    + "\" for deleted parents: the rows write a composite foreign key, which is checked on the rows as a whole,"
                    + " and column \"" + columns.get(i).getName() + "\" is DEFAULT in some rows only; write its value in every row"
                    + " (or insert those rows in a separate statement), or use SoftDelete.allowDeletedParents(ctx) for imports");
        }
        List<Field<?>> keptColumns = new ArrayList<>();
        for (int i : kept)
            keptColumns.add(columns.get(i));
        List<RowN> source = new ArrayList<>();
        for (Row row : rows) {
            List<Field<?>> values = new ArrayList<>();
            for (int i : kept)
                values.add(source.isEmpty() ? typed(row.field(i), columns.get(i)) : row.field(i));
            source.add(DSL.row(values));
        }
        Table<?> table = DSL.values(source.toArray(RowN[]::new)).as(SOURCE.first(), names(keptColumns));
        return insert.$columns(keptColumns).$select(DSL.select(DSL.asterisk()).from(table).where(check(registry, table, keys)));
    }

    // The column's type when jOOQ knows it; parsed SQL text has untyped columns, and then the value's own type.
    private static Field<?> typed(Field<?> value, Field<?> column) {
        DataType<?> type = column.getDataType().getType() != Object.class ? column.getDataType() : value.getDataType();
        return type.getType() == Object.class ? value : value.cast(type);
    }

    private static Select<?> checkedSource(TableRegistry registry, Select<?> select, List<Relation> keys, List<? extends Field<?>> columns) {
        Table<?> source = select.asTable(SOURCE.first(), names(columns));
        return DSL.select(DSL.asterisk()).from(source).where(check(registry, source, keys));
    }

    // The check of every key whose columns the source has, on the source's columns.
    private static Condition check(TableRegistry registry, Table<?> source, List<Relation> keys) {
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
                ok = ok.and(LiveParents.passes(registry, key, childColumns, DSL.noCondition()));
        }
        return ok;
    }

    private static String[] names(List<? extends Field<?>> columns) {
        return columns.stream().map(Field::getName).toArray(String[]::new);
    }

    private static boolean writesAll(Relation key, List<? extends Field<?>> columns) {
        for (Field<?> column : key.childColumns())
            if (columns.stream().noneMatch(c -> c.getName().equals(column.getName())))
                return false;
        return true;
    }

    private static Relation singleColumnKey(List<Relation> keys, Field<?> column) {
        for (Relation key : keys)
            if (key.childColumns().size() == 1 && LiveParents.indexIn(key, column) == 0)
                return key;
        return null;
    }
}
