package io.github.softdelete.internal;

import java.util.ArrayList;
import java.util.List;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Select;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.UniqueKey;
import org.jooq.impl.DSL;
import org.jooq.impl.QOM;

/**
 * Reads a view's definition: parses it with jOOQ's parser, finds the soft-deletable tables it reads,
 * whether it already filters them, and whether it is simple enough for a soft delete through it.
 *
 * <p>"Filters" is decided structurally: every soft-deletable table of its FROM clause has, among the
 * top-level AND terms of the view's WHERE clause, a condition that keeps its deleted rows out, as its
 * marker kind defines them ({@link ExcludesDeleted}: {@code deleted_at IS NULL}, {@code NOT is_deleted},
 * {@code is_deleted = false}, ...). Anything else (a filter hidden in a join or a function) counts as not
 * filtering, and the view is inlined, which filters it again: harmless.
 */
public final class ViewAnalysis {

    private ViewAnalysis() {
    }

    public static ViewDefinition analyse(Table<?> view, String sql, TableRegistry registry) {
        Select<?> definition;
        try {
            definition = DSL.using(SQLDialect.POSTGRES).parser().parseSelect(stripSemicolon(sql));
        } catch (RuntimeException e) {
            return new ViewDefinition(view, sql, null, String.valueOf(e.getMessage()), List.of(), false, null, null);
        }
        List<TableReference> references = new ArrayList<>();
        for (Table<?> table : definition.$from())
            collect(registry, table, references);
        List<PolicyTable> reads = references.stream().map(TableReference::table).distinct().toList();
        boolean filters = !references.isEmpty();
        for (TableReference reference : references)
            filters &= filtered(definition.$where(), reference);
        PolicyTable base = simple(definition, references) ? references.get(0).table() : null;
        return new ViewDefinition(view, sql, definition, null, reads, filters, base, base == null ? null : key(view, definition, base));
    }

    private static String stripSemicolon(String sql) {
        String trimmed = sql.strip();
        return trimmed.endsWith(";") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    private static void collect(TableRegistry registry, Table<?> table, List<TableReference> out) {
        if (table instanceof QOM.JoinTable<?, ?> join) {
            collect(registry, join.$table1(), out);
            collect(registry, join.$table2(), out);
            return;
        }
        TableReference reference = TableReference.resolve(registry, table);
        if (reference != null)
            out.add(reference);
    }

    private static boolean filtered(Condition where, TableReference reference) {
        return where != null && ExcludesDeleted.excludes(where, reference);
    }

    // One soft-deletable table, read alone: what PostgreSQL calls a simple view, as far as we need it.
    private static boolean simple(Select<?> definition, List<TableReference> references) {
        return references.size() == 1 && definition.$from().size() == 1
            && !(definition.$from().get(0) instanceof QOM.JoinTable<?, ?>)
            && definition.$groupBy().isEmpty() && !definition.$distinct()
            && definition.$having() == null;
    }

    private static List<Field<?>> key(Table<?> view, Select<?> definition, PolicyTable base) {
        UniqueKey<?> primaryKey = base.table().getPrimaryKey();
        if (primaryKey == null)
            return null;
        List<String> columns = new ArrayList<>();
        for (var field : definition.$select())
            if (field instanceof Field<?> f)
                columns.add(f.getName());
        List<Field<?>> key = new ArrayList<>();
        for (Field<?> column : primaryKey.getFields()) {
            if (!columns.contains(column.getName()))
                return null;
            key.add(RowSets.on(view, List.of(column)).get(0));
        }
        return key;
    }
}
