package io.github.softdelete.internal;

import java.util.ArrayList;
import java.util.List;

import org.jooq.CaseConditionStep;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.Row;
import org.jooq.RowN;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.QOM;
import org.jooq.impl.SQLDataType;

import io.github.softdelete.SoftDeleteException;

/**
 * The rows an INSERT writes, checked for deleted parents ({@link LiveParents}) under the parents' row locks
 * ({@link ParentLocks}), in one statement:
 * <pre>
 * WITH softdelete_source(columns) AS (VALUES (...), ... | the INSERT's SELECT),
 *      softdelete_bump_1 AS (UPDATE parent SET state = state WHERE &lt;REPEATABLE READ&gt; AND key IN (SELECT fk FROM softdelete_source) ...), ...
 * INSERT INTO t (columns) SELECT * FROM softdelete_source
 * WHERE CAST(CASE WHEN (SELECT bool_or(&lt;deleted&gt;) FROM (SELECT key, state FROM users WHERE id IN (SELECT author_id FROM softdelete_source)
 *                                                    ORDER BY id FOR KEY SHARE) l) THEN '&lt;mark&gt;comments_author_id_fkey'
 *                 WHEN ... posts ... END AS integer) = 0
 * </pre>
 * <ul>
 *   <li>One check for all the rows, before any is written: the parents of every row are locked table by table
 *       in the {@link LockOrder}, by key within a table, as every statement of the library locks them, so that
 *       writers and soft deletes cannot deadlock each other.</li>
 *   <li>The rows are the source of an {@code INSERT ... SELECT}; each value appears once, in its place, so bind
 *       values keep their order. The first row's values are cast to their columns' types, as PostgreSQL types a
 *       VALUES list from its first row. {@code DEFAULT} cannot appear in a VALUES list: a column that is DEFAULT
 *       in every row is left out (so it takes its default), and one that is DEFAULT in some rows only is refused
 *       with the way out.</li>
 *   <li>The bumps ({@link ParentLocks#bump}) write the parents at REPEATABLE READ only. They must be top-level
 *       CTEs, which an INSERT with a WITH of its own cannot get ({@link PrefixedInsert}); such an INSERT is
 *       refused at REPEATABLE READ instead, with the way out, and checked as above at the other levels.</li>
 * </ul>
 */
final class CheckedRows {

    private static final Name SOURCE = DSL.name("softdelete_source");

    private CheckedRows() {
    }

    /** An INSERT, rewritten, and the CTEs to render in front of it (none when it keeps a WITH of its own). */
    record Checked(QOM.Insert<?> insert, List<CommonTableExpression<?>> prefix) {

        Checked withInsert(QOM.Insert<?> other) {
            return new Checked(other, prefix);
        }

        org.jooq.QueryPart part() {
            return prefix.isEmpty() ? insert : new PrefixedInsert(prefix, insert);
        }
    }

    /** The checked form of {@code insert}, or null when its rows write no checked key in full. */
    static Checked rows(TableRegistry registry, QOM.Insert<?> insert, List<Relation> keys, List<? extends Field<?>> columns) {
        if (insert.$defaultValues() || (insert.$select() == null && insert.$values().isEmpty()))
            return null;
        List<Field<?>> written = new ArrayList<>(columns);
        QOM.Insert<?> rows = insert;
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
        CommonTableExpression<?> sourceCte = SOURCE.fields(names(written)).as(source);
        List<LockedParents.Reference> references = new ArrayList<>();
        for (Relation key : checked)
            references.add(new LockedParents.Reference(key, childValues(key)));
        LockedParents parents = new LockedParents(registry.lockOrder(), references);
        List<CommonTableExpression<?>> ctes = new ArrayList<>();
        ctes.add(sourceCte);
        ctes.addAll(parents.ctes());
        boolean ownWith = insert.$with() == null;
        Select<?> rowsFromSource = DSL.with(ownWith ? List.of() : ctes).select(DSL.asterisk()).from(DSL.table(SOURCE))
            .where(check(parents, !ownWith, checked.get(0)));
        if (!ownWith)
            return new Checked(rows.$columns(written).$select(rowsFromSource), List.of());
        parents.bumps(ctes, null);
        return new Checked(rows.$columns(written).$select(rowsFromSource), ctes);
    }

    // CAST(CASE [WHEN <repeatable read> THEN '<mark><key>'] WHEN <a locked parent of key 1 is deleted> THEN '<mark><key 1>' ...
    //      ELSE '0' END AS integer) = 0
    private static Condition check(LockedParents parents, boolean refuseRepeatableRead, Relation first) {
        CaseConditionStep<String> failures = refuseRepeatableRead
            ? CascadeSteps.failWhen(null, ParentLocks.repeatableRead(), LiveParents.REPEATABLE_READ_MARK + first.name())
            : null;
        return parents.failures(failures, LiveParents.MARK).otherwise(DSL.inline("0")).cast(SQLDataType.INTEGER).eq(DSL.inline(0));
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
