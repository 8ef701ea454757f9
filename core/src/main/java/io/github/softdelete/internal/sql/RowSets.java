package io.github.softdelete.internal.sql;

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

import io.github.softdelete.internal.policy.CascadePlan;
import io.github.softdelete.internal.policy.PolicyTable;
import io.github.softdelete.internal.policy.Relation;
import io.github.softdelete.internal.policy.UnfilteredTable;

/**
 * Names and columns of the row sets that cascades compute in CTEs, one per table of a
 * {@link CascadePlan}: {@code softdelete_posts(id)} holds the keys of the posts a statement changes.
 *
 * <p>A set exposes the table's primary key, which identifies the rows to update, and every column
 * that a foreign key references, which children are matched against. A table without primary-key
 * metadata is identified by PostgreSQL's {@code ctid}, which is stable within one statement.
 */
public final class RowSets {

    private static final String PREFIX = "softdelete_";

    private RowSets() {
    }

    public static Name name(PolicyTable table) {
        return DSL.name(PREFIX + table.name());
    }

    public static Name name(PolicyTable table, String suffix) {
        return DSL.name(PREFIX + table.name() + "_" + suffix);
    }

    public static Table<Record> table(PolicyTable table) {
        return DSL.table(name(table));
    }

    /** The columns of {@code table}'s set, as fields of the base table (or {@code ctid}). */
    public static List<Field<?>> columns(PolicyTable table, List<Relation> relations) {
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
    public static List<Field<?>> key(PolicyTable table) {
        UniqueKey<?> primaryKey = table.table().getPrimaryKey();
        if (primaryKey != null)
            return List.copyOf(primaryKey.getFields());
        return List.of(DSL.field(DSL.name("ctid")));
    }

    /** {@code columns} as fields of {@code reference}: qualified by its alias, or by its name. */
    public static List<Field<?>> on(Table<?> reference, List<Field<?>> columns) {
        List<Field<?>> result = new ArrayList<>(columns.size());
        for (Field<?> column : columns) {
            Field<?> field = reference.field(column.getName());
            result.add(field != null ? field : DSL.field(qualifier(reference).append(column.getName()), column.getDataType()));
        }
        return result;
    }

    /** {@code columns} as columns of {@code table}'s set. */
    public static List<Field<?>> ofSet(PolicyTable table, List<Field<?>> columns) {
        List<Field<?>> result = new ArrayList<>(columns.size());
        for (Field<?> column : columns)
            result.add(DSL.field(name(table).append(column.getName()), column.getDataType()));
        return result;
    }

    /** {@code columns} as columns of the set named {@code set}. */
    public static List<Field<?>> ofSetNamed(Name set, List<Field<?>> columns) {
        List<Field<?>> result = new ArrayList<>(columns.size());
        for (Field<?> column : columns)
            result.add(DSL.field(set.append(column.getName()), column.getDataType()));
        return result;
    }

    /** {@code SELECT key FROM set of table}. */
    public static Select<? extends Record> keys(PolicyTable table) {
        return DSL.select(ofSet(table, key(table))).from(table(table));
    }

    /** {@code SELECT columns FROM set}, for a set named {@code set}. */
    public static Select<? extends Record> select(Name set, List<Field<?>> columns) {
        List<Field<?>> fields = new ArrayList<>(columns.size());
        for (Field<?> column : columns)
            fields.add(DSL.field(set.append(column.getName()), column.getDataType()));
        return DSL.select(fields).from(DSL.table(set));
    }

    /** {@code (child columns) IN (SELECT parent columns FROM set of the parent)}. */
    public static Condition memberOf(List<Field<?>> childColumns, PolicyTable parent, List<Field<?>> parentColumns) {
        Select<? extends Record> keys = DSL.select(ofSet(parent, parentColumns)).from(table(parent));
        return in(childColumns, keys);
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    public static Condition in(List<Field<?>> columns, Select<? extends Record> keys) {
        if (columns.size() == 1)
            return ((Field) columns.get(0)).in((Select) keys);
        return DSL.row(columns).in((Select) keys);
    }

    private static Name qualifier(Table<?> reference) {
        Table<?> base = UnfilteredTable.unwrap(reference);
        return base.getQualifiedName();
    }
}
