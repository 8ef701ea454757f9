package io.github.softdelete.internal.write;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.CaseConditionStep;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.FieldOrRow;
import org.jooq.FieldOrRowOrSelect;
import org.jooq.Name;
import org.jooq.Row;
import org.jooq.Select;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.QOM;
import org.jooq.impl.SQLDataType;

import io.github.softdelete.SoftDeleteException;

import io.github.softdelete.internal.jooq.Engine;
import io.github.softdelete.internal.policy.Relation;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.sql.RowSets;

/**
 * The SET list of an {@code UPDATE}, or of the {@code DO UPDATE} of an {@code INSERT ... ON CONFLICT},
 * checked for deleted parents ({@link LiveParents}).
 *
 * <p>A key's new value is made of the columns the SET writes and, for a composite key, the row's own
 * values of the columns it leaves alone. Every SET expression is evaluated on the row as it was, so a
 * check that needs two new values cannot read one from the other: the assignments of a key's columns,
 * and every assignment between them (so that bind values keep their order), become one multiple-column
 * assignment {@code (a, c, b) = (SELECT v1, v2, v3 FROM (SELECT x AS v1, z AS v2, y AS v3) s WHERE <check>)},
 * and a key of one column written alone becomes {@code a = (SELECT v1 FROM (SELECT x AS v1) s WHERE <check>)}.
 * Each value still appears once. The check applies only where the key changes, so a row that already
 * references a deleted parent (imported, or written before this rule) stays updatable in its other columns.
 *
 * <p>{@code DEFAULT} cannot be selected: a DEFAULT of another column is moved before the group (it has no
 * bind value, so nothing shifts); a key of one column set to DEFAULT is not checked (its default is usually
 * NULL); a DEFAULT in a composite key, or a multiple-column assignment from a subquery among the grouped
 * ones, is refused with the way out. {@code ROW(a, b) = ROW(x, y)} counts as {@code a = x, b = y}.
 *
 * <p>On MariaDB the check guards the value instead: {@code a = (SELECT CASE WHEN <check> THEN v1 END FROM ...)},
 * and a group of several columns is refused: MariaDB has no multiple-column assignment.
 */
final class CheckedAssignments {

    private static final Name VALUE = DSL.name("softdelete_value");

    private CheckedAssignments() {
    }

    /** The checked copy of {@code set}, or null when it writes no column of {@code keys}. */
    static Map<FieldOrRow, FieldOrRowOrSelect> check(TableRegistry registry, List<Relation> keys,
                                                     Map<? extends FieldOrRow, ? extends FieldOrRowOrSelect> set, Table<?> target, String statement,
                                                     Engine engine) {
        List<FieldOrRow> columns = new ArrayList<>();
        List<FieldOrRowOrSelect> values = new ArrayList<>();
        flatten(set, columns, values);
        List<int[]> groups = groups(keys, columns, values);
        if (groups.isEmpty())
            return null;
        Map<FieldOrRow, FieldOrRowOrSelect> checked = new LinkedHashMap<>();
        int next = 0;
        for (int[] group : groups) {
            for (; next < group[0]; next++)
                checked.put(columns.get(next), values.get(next));
            assign(registry, keys, columns, values, group, target, statement, engine, checked);
            next = group[1] + 1;
        }
        for (; next < columns.size(); next++)
            checked.put(columns.get(next), values.get(next));
        return checked;
    }

    private static void flatten(Map<? extends FieldOrRow, ? extends FieldOrRowOrSelect> set, List<FieldOrRow> columns, List<FieldOrRowOrSelect> values) {
        for (Map.Entry<? extends FieldOrRow, ? extends FieldOrRowOrSelect> entry : set.entrySet())
            if (entry.getKey() instanceof Row row && entry.getValue() instanceof Row value && row.size() == value.size())
                for (int i = 0; i < row.size(); i++) {
                    columns.add(row.field(i));
                    values.add(value.field(i));
                }
            else {
                columns.add(entry.getKey());
                values.add(entry.getValue());
            }
    }

    // The ranges [first, last] of assignments that one check covers: a key's assigned columns and what lies
    // between them, overlapping ranges merged. A key of one column set to DEFAULT is not checked.
    private static List<int[]> groups(List<Relation> keys, List<FieldOrRow> columns, List<FieldOrRowOrSelect> values) {
        List<int[]> ranges = new ArrayList<>();
        for (Relation key : keys) {
            int first = -1;
            int last = -1;
            for (int i = 0; i < columns.size(); i++)
                if (setsColumnOf(key, columns.get(i)) && !(key.childColumns().size() == 1 && values.get(i) instanceof QOM.Default<?>)) {
                    first = first < 0 ? i : first;
                    last = i;
                }
            if (first >= 0)
                ranges.add(new int[] { first, last });
        }
        ranges.sort((a, b) -> Integer.compare(a[0], b[0]));
        List<int[]> merged = new ArrayList<>();
        for (int[] range : ranges)
            if (!merged.isEmpty() && range[0] <= merged.get(merged.size() - 1)[1])
                merged.get(merged.size() - 1)[1] = Math.max(merged.get(merged.size() - 1)[1], range[1]);
            else
                merged.add(range);
        return merged;
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static void assign(TableRegistry registry, List<Relation> keys, List<FieldOrRow> columns, List<FieldOrRowOrSelect> values,
                               int[] group, Table<?> target, String statement, Engine engine, Map<FieldOrRow, FieldOrRowOrSelect> out) {
        List<Field<?>> assigned = new ArrayList<>();
        List<SelectField<?>> sources = new ArrayList<>();
        List<Field<?>> newValues = new ArrayList<>();
        List<Field<?>> written = new ArrayList<>();
        for (int i = group[0]; i <= group[1]; i++) {
            if (!(columns.get(i) instanceof Field<?> column) || !(values.get(i) instanceof Field<?> || values.get(i) instanceof Select<?>))
                throw refused(target, statement, "it assigns several columns from one subquery among the columns of a foreign key");
            if (values.get(i) instanceof QOM.Default<?>) {
                if (keyColumn(keys, column))
                    throw refused(target, statement, "it sets the foreign-key column \"" + column.getName() + "\" to DEFAULT");
                out.put(column, values.get(i)); // no bind value: moving it shifts nothing
                continue;
            }
            Field<?> value = values.get(i) instanceof Field<?> f ? f : DSL.field((Select) values.get(i));
            Name alias = DSL.name("v" + (sources.size() + 1));
            assigned.add(column);
            written.add(value);
            sources.add(value.as(alias));
            newValues.add(DSL.field(VALUE.append(alias), column.getDataType()));
        }
        if (engine == Engine.MARIADB) {
            assignOnMariaDb(registry, keys, assigned, written, target, statement, out);
            return;
        }
        Table<?> one = DSL.select(sources).asTable(VALUE.first());
        Select<?> checked = DSL.select(newValues).from(one).where(check(registry, keys, assigned, newValues, target, engine));
        if (assigned.size() == 1)
            out.put(assigned.get(0), DSL.field((Select) checked));
        else
            out.put(DSL.row(assigned), checked);
    }

    // MariaDB: a = CASE WHEN <check of x> THEN x END. It has no multiple-column assignment, and a derived table there
    // cannot read the row being updated (no outer references in FROM), so the value is written where it is checked,
    // twice: jOOQ binds each occurrence in the order it renders them, so batches keep working. A value must therefore
    // give the same result twice in one row's evaluation, as an expression of the row, a bind value or a subquery
    // does (a sequence's NEXTVAL would not).
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static void assignOnMariaDb(TableRegistry registry, List<Relation> keys, List<Field<?>> assigned, List<Field<?>> written,
                                        Table<?> target, String statement, Map<FieldOrRow, FieldOrRowOrSelect> out) {
        if (assigned.size() > 1)
            throw refused(target, statement, "it sets several columns of a foreign key, or columns between them, which"
                + " MariaDB cannot assign as one row");
        Field value = written.get(0);
        out.put(assigned.get(0), DSL.when(check(registry, keys, assigned, written, target, Engine.MARIADB), value));
    }

    // For every key with an assigned column: its new value (assigned columns, else the row's own) must not be a
    // deleted parent's, where it differs from the row's current key. One CASE for all keys, in the lock order.
    private static Condition check(TableRegistry registry, List<Relation> keys, List<Field<?>> assigned, List<Field<?>> newValues, Table<?> target,
                                   Engine engine) {
        CaseConditionStep<String> failures = null;
        for (Relation key : registry.lockOrder().byParent(keys)) {
            List<Field<?>> current = RowSets.on(target, key.childColumns());
            List<Field<?>> next = new ArrayList<>(current);
            boolean touched = false;
            for (int i = 0; i < assigned.size(); i++) {
                int index = LiveParents.indexIn(key, assigned.get(i));
                if (index >= 0) {
                    next.set(index, newValues.get(i));
                    touched = true;
                }
            }
            if (touched)
                failures = LiveParents.failWhen(failures, key, next, changes(next, current), engine);
        }
        return failures == null ? DSL.noCondition() : failures.otherwise(DSL.inline("0")).cast(SQLDataType.INTEGER).eq(DSL.inline(0));
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static Condition changes(List<Field<?>> next, List<Field<?>> current) {
        return next.size() == 1
            ? ((Field) next.get(0)).isDistinctFrom(current.get(0))
            : DSL.row(next).isDistinctFrom(DSL.row(current));
    }

    private static boolean setsColumnOf(Relation key, FieldOrRow column) {
        if (column instanceof Field<?> field)
            return LiveParents.indexIn(key, field) >= 0;
        if (column instanceof Row row)
            for (Field<?> field : row.fields())
                if (LiveParents.indexIn(key, field) >= 0)
                    return true;
        return false;
    }

    private static boolean keyColumn(List<Relation> keys, Field<?> column) {
        for (Relation key : keys)
            if (LiveParents.indexIn(key, column) >= 0)
                return true;
        return false;
    }

    private static SoftDeleteException refused(Table<?> target, String statement, String problem) {
        return new SoftDeleteException("cannot check the " + statement + " of \"" + target.getName() + "\" for deleted parents: "
            + problem + ", and the key's new value must be checked as a whole; set the key's columns to values, each in its own"
            + " assignment, or use SoftDelete.allowDeletedParents(ctx) for imports");
    }
}
