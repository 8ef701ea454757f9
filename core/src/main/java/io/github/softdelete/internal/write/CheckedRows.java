package io.github.softdelete.internal.write;

import java.util.ArrayList;
import java.util.List;

import org.jooq.CaseConditionStep;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.QueryPart;
import org.jooq.Record;
import org.jooq.Row;
import org.jooq.RowN;
import org.jooq.Select;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.QOM;
import org.jooq.impl.SQLDataType;

import io.github.softdelete.SoftDeleteException;

import io.github.softdelete.internal.jooq.Engine;
import io.github.softdelete.internal.policy.LockOrder;
import io.github.softdelete.internal.policy.Relation;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.render.HoledStatement;
import io.github.softdelete.internal.sql.CascadeSteps;
import io.github.softdelete.internal.sql.LockedParents;
import io.github.softdelete.internal.sql.ParentLocks;

/**
 * The rows an INSERT writes, checked for deleted parents ({@link LiveParents}) under the parents' row locks
 * ({@link ParentLocks}), in one statement:
 * <pre>
 * WITH softdelete_source(columns) AS (VALUES (...), ... | the INSERT's SELECT),
 *      [softdelete_parents_1_users(k0, state) AS MATERIALIZED (SELECT id, deleted_at FROM users WHERE id IN
 *                                     (SELECT author_id FROM softdelete_source) ORDER BY id FOR KEY SHARE), ...]
 *      softdelete_checked(columns) AS (SELECT * FROM softdelete_source WHERE CAST(CASE
 *                                     WHEN &lt;a locked parent of key 1 is deleted&gt; THEN '&lt;mark&gt;comments_author_id_fkey'
 *                                     WHEN ... posts ... ELSE '0' END AS integer) = 0),
 *      softdelete_bump_1 AS (UPDATE parent SET state = state WHERE &lt;REPEATABLE READ&gt; AND key IN (SELECT fk FROM softdelete_source) ...), ...
 * INSERT INTO t (columns) SELECT * FROM softdelete_checked
 * </pre>
 * <ul>
 *   <li>One check for all the rows, before any is written: the parents are locked table by table in the
 *       {@link LockOrder}, by key within a table, as every statement of the library locks them, so that writers
 *       and soft deletes cannot deadlock each other. Rows whose number is unknown, or greater than one, lock each
 *       parent table in one CTE ({@link LockedParents}). A single row with at most one key per parent table, the
 *       common INSERT of a row, reads each parent by its key in the check itself
 *       ({@link ParentLocks#deletedParent}): the same locks in the same order, for a smaller statement.</li>
 *   <li>The rows are the source of an {@code INSERT ... SELECT}; each value appears once, in its place, so bind
 *       values keep their order. The first row's values are cast to their columns' types, as PostgreSQL types a
 *       VALUES list from its first row. {@code DEFAULT} cannot appear in a VALUES list: a column that is DEFAULT
 *       in every row is left out (so it takes its default), and one that is DEFAULT in some rows only is refused
 *       with the way out.</li>
 *   <li>The bumps ({@link ParentLocks#bump}) write the parents at REPEATABLE READ only. They must be top-level
 *       CTEs, which an INSERT with a WITH of its own cannot get ({@link PrefixedInsert}); such an INSERT is
 *       refused at REPEATABLE READ instead, with the way out, and checked with the locks in a WITH nested in its
 *       SELECT at the other levels.</li>
 *   <li>The WITH clause depends on the rows only through their text: it is built around them with its
 *       {@link Shape}, so that the listener may keep its text ({@link HoledStatement}).</li>
 * </ul>
 */
public final class CheckedRows {

    /**
     * What decides an INSERT's WITH clause besides the policy and the render key: the checked keys, as indexes into
     * the registry's relations (jOOQ's {@code hashCode} of a table or field renders it, so the shape holds none), the
     * written columns' names, and whether each parent is read by its row. An application has a few dozen such
     * shapes, each written many times.
     */
    record Shape(List<Integer> keys, List<String> columns, boolean perRow) {
    }

    static final Name SOURCE = DSL.name("softdelete_source");
    private static final Name CHECKED = DSL.name("softdelete_checked");

    private CheckedRows() {
    }

    /** An INSERT, rewritten, and the WITH clause to render in front of it (null when it keeps a WITH of its own, and on MariaDB). */
    record Checked(QOM.Insert<?> insert, QueryPart with) {

        Checked withInsert(QOM.Insert<?> other) {
            return new Checked(other, with);
        }

        QueryPart part() {
            return with == null ? insert : new PrefixedInsert(with, insert);
        }
    }

    // The rows an INSERT writes, as a SELECT, the columns it writes, and the keys they write in full, in the lock order.
    private record Source(List<Field<?>> written, Select<?> select, List<Relation> checked) {
    }

    // Null when the INSERT writes no row, or no checked key in full.
    private static Source source(TableRegistry registry, QOM.Insert<?> insert, List<Relation> keys, List<? extends Field<?>> columns) {
        if (insert.$defaultValues() || (insert.$select() == null && insert.$values().isEmpty()))
            return null;
        List<Field<?>> written = new ArrayList<>(columns);
        Select<?> source = insert.$select();
        if (source == null) {
            List<Integer> kept = keptColumns(insert, columns);
            written = select(columns, kept);
            source = values(insert.$values(), columns, kept);
        }
        List<Relation> checked = new ArrayList<>();
        for (Relation key : registry.lockOrder().byParent(keys))
            if (writesAll(key, written))
                checked.add(key);
        if (checked.isEmpty())
            return null;
        return new Source(written, source, checked);
    }

    /** The checked form of {@code insert}, or null when its rows write no checked key in full. */
    static Checked rows(TableRegistry registry, QOM.Insert<?> insert, List<Relation> keys, List<? extends Field<?>> columns) {
        Source found = source(registry, insert, keys, columns);
        if (found == null)
            return null;
        List<Field<?>> written = found.written();
        Select<?> source = found.select();
        List<Relation> checked = found.checked();
        if (insert.$with() != null)
            return new Checked(insert.$columns(written).$select(nestedCheck(registry, written, source, checked)), null);
        boolean perRow = insert.$select() == null && insert.$values().size() == 1 && oneKeyPerParent(checked);
        List<String> names = List.of(names(written));
        List<Field<?>> columnsWritten = written;
        QueryPart with = new HoledStatement<QueryPart>(new Shape(indexes(registry, checked), names, perRow), source, CheckedSource.IN_SOURCE,
            rows -> new CheckedSource(names, rows, ctes(registry, columnsWritten, checked, perRow)));
        return new Checked(insert.$columns(written).$select(DSL.select(DSL.asterisk()).from(DSL.table(CHECKED))), with);
    }

    /**
     * The checked form of {@code insert} on MariaDB, or null when its rows write no checked key in full:
     * <pre>
     * INSERT INTO t (columns) SELECT CASE WHEN &lt;check&gt; THEN s.c1 END, s.c2, ...
     * FROM (&lt;the VALUES as SELECTs&gt; | the INSERT's SELECT) AS softdelete_source s
     * </pre>
     * The check is the one of {@link #ctes}'s single row, for every row: each parent read by its key, under
     * {@code LOCK IN SHARE MODE}, in the lock order of the keys, failing as {@code RefusalMark} says. MariaDB has no
     * data-modifying CTEs and no WITH before an INSERT, so the check guards the first value of each row.
     */
    static Checked rowsOnMariaDb(TableRegistry registry, QOM.Insert<?> insert, List<Relation> keys, List<? extends Field<?>> columns) {
        Source found = source(registry, insert, keys, columns);
        if (found == null)
            return null;
        List<Field<?>> written = found.written();
        Select<?> source = found.select();
        List<Relation> checked = found.checked();
        List<SelectField<?>> values = new ArrayList<>();
        for (Field<?> column : written)
            values.add(DSL.field(SOURCE.append(column.getName()), column.getDataType()));
        values.set(0, DSL.when(check(perRowFailures(checked, Engine.MARIADB)), (Field<?>) values.get(0)));
        Select<?> rows = DSL.select(values).from(source.asTable(SOURCE.first(), names(written)));
        return new Checked(insert.$columns(written).$select(rows), null);
    }

    // The CTEs after the source: the locks (unless each row is read by its key), the checked rows, the bumps. Built
    // only when the WITH clause is rendered in full (not when its text is replayed: RenderCache).
    private static List<CommonTableExpression<?>> ctes(TableRegistry registry, List<Field<?>> written, List<Relation> checked, boolean perRow) {
        LockedParents parents = new LockedParents(registry.lockOrder(), references(checked));
        List<CommonTableExpression<?>> ctes = new ArrayList<>();
        Condition check;
        if (perRow) {
            check = check(perRowFailures(checked, Engine.POSTGRES));
        } else {
            ctes.addAll(parents.ctes());
            check = check(parents.failures(null, LiveParents.MARK));
        }
        ctes.add(CHECKED.fields(names(written)).as(DSL.select(DSL.asterisk()).from(DSL.table(SOURCE)).where(check)));
        parents.bumps(ctes, null);
        return ctes;
    }

    // An INSERT with a WITH of its own: SELECT * FROM (WITH softdelete_source AS (...), <locks> SELECT * FROM
    // softdelete_source WHERE <refused at REPEATABLE READ> <check>); see the class comment.
    private static Select<?> nestedCheck(TableRegistry registry, List<Field<?>> written, Select<?> source, List<Relation> checked) {
        LockedParents parents = new LockedParents(registry.lockOrder(), references(checked));
        Relation first = checked.get(0);
        List<CommonTableExpression<?>> ctes = new ArrayList<>();
        ctes.add(SOURCE.fields(names(written)).as(source));
        ctes.addAll(parents.ctes());
        CaseConditionStep<String> failures = CascadeSteps.failWhen(null, ParentLocks.repeatableRead(), LiveParents.REPEATABLE_READ_MARK + first.name());
        return DSL.with(ctes).select(DSL.asterisk()).from(DSL.table(SOURCE)).where(check(parents.failures(failures, LiveParents.MARK)));
    }

    // CAST(CASE WHEN <failure> THEN '<mark><key>' ... ELSE '0' END AS integer) = 0
    private static Condition check(CaseConditionStep<String> failures) {
        return failures.otherwise(DSL.inline("0")).cast(SQLDataType.INTEGER).eq(DSL.inline(0));
    }

    // One failure per key, in the lock order: the parent that the row's key refers to, read under its lock, is deleted.
    private static CaseConditionStep<String> perRowFailures(List<Relation> checked, Engine engine) {
        CaseConditionStep<String> failures = null;
        for (Relation key : checked) {
            List<Field<?>> values = new ArrayList<>();
            for (Field<?> column : key.childColumns())
                values.add(DSL.field(SOURCE.append(column.getName()), column.getDataType()));
            failures = CascadeSteps.failWhen(failures, ParentLocks.deletedParent(key, values, engine).isTrue(), LiveParents.MARK + key.name());
        }
        return failures;
    }

    // No two keys to one parent table: the rows of each parent table are then locked by one read each.
    private static boolean oneKeyPerParent(List<Relation> checked) {
        for (int i = 0; i < checked.size(); i++)
            for (int j = 0; j < i; j++)
                if (checked.get(i).parent() == checked.get(j).parent())
                    return false;
        return true;
    }

    private static List<LockedParents.Reference> references(List<Relation> checked) {
        List<LockedParents.Reference> references = new ArrayList<>();
        for (Relation key : checked)
            references.add(new LockedParents.Reference(key, childValues(key)));
        return references;
    }

    private static List<Integer> indexes(TableRegistry registry, List<Relation> keys) {
        List<Integer> indexes = new ArrayList<>(keys.size());
        for (Relation key : keys)
            indexes.add(registry.indexOf(key));
        return indexes;
    }

    // SELECT the key's columns FROM softdelete_source
    private static Select<? extends Record> childValues(Relation key) {
        List<Field<?>> columns = new ArrayList<>();
        for (Field<?> column : key.childColumns())
            columns.add(DSL.field(SOURCE.append(column.getName()), column.getDataType()));
        return DSL.select(columns).from(DSL.table(SOURCE));
    }

    // The columns that some row gives a value other than DEFAULT; refused when a column is DEFAULT in some rows only.
    private static List<Integer> keptColumns(QOM.Insert<?> insert, List<? extends Field<?>> columns) {
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
                    + "\" for deleted parents: the rows are checked as a whole, as the source of one INSERT ... SELECT, and"
                    + " column \"" + columns.get(i).getName() + "\" is DEFAULT in some rows only; write its value in every row"
                    + " (or insert those rows in a separate statement), or use SoftDelete.allowDeletedParents(ctx) for imports");
        }
        return kept;
    }

    private static List<Field<?>> select(List<? extends Field<?>> columns, List<Integer> indexes) {
        List<Field<?>> selected = new ArrayList<>();
        for (int i : indexes)
            selected.add(columns.get(i));
        return selected;
    }

    // VALUES (first row cast to the columns' types), (next rows as written), ...
    private static Select<?> values(List<? extends Row> rows, List<? extends Field<?>> columns, List<Integer> kept) {
        List<RowN> source = new ArrayList<>();
        for (Row row : rows) {
            List<Field<?>> values = new ArrayList<>();
            for (int i : kept)
                values.add(source.isEmpty() ? typed(row.field(i), columns.get(i)) : row.field(i));
            source.add(DSL.row(values));
        }
        Table<?> table = DSL.values(source.toArray(RowN[]::new)).as("softdelete_values", names(select(columns, kept)));
        return DSL.select(DSL.asterisk()).from(table);
    }

    // The column's type when jOOQ knows it; parsed SQL text has untyped columns, and then the value's own type.
    private static Field<?> typed(Field<?> value, Field<?> column) {
        DataType<?> type = column.getDataType().getType() != Object.class ? column.getDataType() : value.getDataType();
        return type.getType() == Object.class ? value : value.cast(type);
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
}
