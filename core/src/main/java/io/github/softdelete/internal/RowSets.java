package io.github.softdelete.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.UniqueKey;
import org.jooq.impl.DSL;

/**
 * Names and columns of the row sets that cascades compute in CTEs, one per table of a
 * {@link CascadePlan}: {@code softdelete_posts(id)} holds the keys of the posts a statement changes.
 *
 * <p>A set exposes the table's primary key, which identifies the rows to update, and every column
 * that a foreign key references, which children are matched against. A table without primary-key
 * metadata is identified by PostgreSQL's {@code ctid}, which is stable within one statement.
 */
final class RowSets {

    private static final String PREFIX = "softdelete_";

    private RowSets() {
    }

    static Name name(PolicyTable table) {
        return DSL.name(PREFIX + table.name());
    }

    static Name name(PolicyTable table, String suffix) {
        return DSL.name(PREFIX + table.name() + "_" + suffix);
    }

    static Table<Record> table(PolicyTable table) {
        return DSL.table(name(table));
    }

    /** The columns of {@code table}'s set, as fields of the base table (or {@code ctid}). */
    static List<Field<?>> columns(PolicyTable table, List<Relation> relations) {
        Set<String> seen = new LinkedHashSet<>();
        List<Field<?>> columns = new ArrayList<>();
        for (Field<?> key : key(table))
            if (seen.add(key.getName()))
                columns.add(key);
        for (Relation relation : relations)
            if (relation.parent().equals(table))
                for (Field<?> column : relation.parentColumns())
                    if (seen.add(column.getName()))
                        columns.add(column);
        return columns;
    }

    /** The primary key of {@code table}, or {@code ctid} when jOOQ has no key metadata for it. */
    static List<Field<?>> key(PolicyTable table) {
        UniqueKey<?> primaryKey = table.table().getPrimaryKey();
        if (primaryKey != null)
            return List.copyOf(primaryKey.getFields());
        return List.of(DSL.field(DSL.name("ctid")));
    }

    /** {@code columns} as fields of {@code reference}: qualified by its alias, or by its name. */
    static List<Field<?>> on(Table<?> reference, List<Field<?>> columns) {
        List<Field<?>> result = new ArrayList<>(columns.size());
        for (Field<?> column : columns) {
            Field<?> field = reference.field(column.getName());
            result.add(field != null ? field : DSL.field(qualifier(reference).append(column.getName()), column.getDataType()));
        }
        return result;
    }

    /** {@code columns} as columns of {@code table}'s set. */
    static List<Field<?>> ofSet(PolicyTable table, List<Field<?>> columns) {
        List<Field<?>> result = new ArrayList<>(columns.size());
        for (Field<?> column : columns)
            result.add(DSL.field(name(table).append(column.getName()), column.getDataType()));
        return result;
    }

    /** {@code columns} as columns of the set named {@code set}. */
    static List<Field<?>> ofSetNamed(Name set, List<Field<?>> columns) {
        List<Field<?>> result = new ArrayList<>(columns.size());
        for (Field<?> column : columns)
            result.add(DSL.field(set.append(column.getName()), column.getDataType()));
        return result;
    }

    /** {@code SELECT key FROM set of table}. */
    static Select<? extends Record> keys(PolicyTable table) {
        return DSL.select(ofSet(table, key(table))).from(table(table));
    }

    /** {@code SELECT columns FROM set}, for a set named {@code set}. */
    static Select<? extends Record> select(Name set, List<Field<?>> columns) {
        List<Field<?>> fields = new ArrayList<>(columns.size());
        for (Field<?> column : columns)
            fields.add(DSL.field(set.append(column.getName()), column.getDataType()));
        return DSL.select(fields).from(DSL.table(set));
    }

    /** {@code (child columns) IN (SELECT parent columns FROM set of the parent)}. */
    static Condition memberOf(List<Field<?>> childColumns, PolicyTable parent, List<Field<?>> parentColumns) {
        Select<? extends Record> keys = DSL.select(ofSet(parent, parentColumns)).from(table(parent));
        return in(childColumns, keys);
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    static Condition in(List<Field<?>> columns, Select<? extends Record> keys) {
        if (columns.size() == 1)
            return ((Field) columns.get(0)).in((Select) keys);
        return DSL.row(columns).in((Select) keys);
    }

    private static Name qualifier(Table<?> reference) {
        Table<?> base = UnfilteredTable.unwrap(reference);
        return base.getQualifiedName();
    }
}
