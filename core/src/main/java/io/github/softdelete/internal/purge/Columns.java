package io.github.softdelete.internal.purge;

import java.util.ArrayList;
import java.util.List;

import org.jooq.Condition;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.impl.DSL;

import io.github.softdelete.internal.jooq.Engine;

/** Columns written by name, and the comparisons between lists of them that keys of any width need. */
final class Columns {

    private Columns() {
    }

    /** {@code columns} as columns of the table or alias {@code qualifier}, whatever they were qualified by. */
    static List<Field<?>> on(Name qualifier, List<Field<?>> columns) {
        List<Field<?>> result = new ArrayList<>(columns.size());
        for (Field<?> column : columns)
            result.add(DSL.field(qualifier.append(column.getName()), column.getDataType()));
        return result;
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    static Condition equal(List<Field<?>> left, List<Field<?>> right) {
        List<Condition> each = new ArrayList<>(left.size());
        for (int i = 0; i < left.size(); i++)
            each.add(((Field) left.get(i)).eq(right.get(i)));
        return DSL.and(each);
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    static Condition in(List<Field<?>> columns, Select<? extends Record> rows) {
        if (columns.size() == 1)
            return ((Field) columns.get(0)).in((Select) rows);
        return DSL.row(columns).in((Select) rows);
    }

    /**
     * {@code (columns) > (values)}, or {@code (columns) <= (values)}: the bounds of a keyset page. On MariaDB a key of
     * several columns is compared column by column ({@link #expanded}).
     */
    static Condition compare(List<Field<?>> columns, List<Object> values, boolean after, Engine engine) {
        if (columns.size() > 1 && engine == Engine.MARIADB)
            return expanded(columns, values, 0, after);
        return compare(columns, values, columns.get(0).getDataType(), after);
    }

    // (a, b) > (x, y) as a >= x AND (a > x OR b > y), and so on for more columns: MariaDB 10.11 reads no index range
    // for a comparison of row values, so each batch of a two-column key read the whole table
    // (StagedPlansOnMariaDbTest.purgeBatches_readByKey); a bound on the first column alone gives it a range.
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static Condition expanded(List<Field<?>> columns, List<Object> values, int from, boolean after) {
        Field column = columns.get(from);
        Field value = DSL.val(values.get(from), column.getDataType());
        if (from == columns.size() - 1)
            return after ? column.gt(value) : column.le(value);
        Condition bound = after ? column.ge(value) : column.le(value);
        Condition strictly = after ? column.gt(value) : column.lt(value);
        return bound.and(strictly.or(expanded(columns, values, from + 1, after)));
    }

    /** {@link #compare(List, List, boolean)} of one column, its value bound as {@code type}. */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    static Condition compare(List<Field<?>> columns, List<Object> values, DataType<?> type, boolean after) {
        if (columns.size() == 1) {
            Field column = columns.get(0);
            Field value = DSL.val(values.get(0), type);
            return after ? column.gt(value) : column.le(value);
        }
        List<Field<?>> bound = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++)
            bound.add(DSL.val(values.get(i), columns.get(i).getDataType()));
        return after ? DSL.row(columns).gt(DSL.row(bound)) : DSL.row(columns).le(DSL.row(bound));
    }
}
