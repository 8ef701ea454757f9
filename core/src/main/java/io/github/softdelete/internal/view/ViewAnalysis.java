package io.github.softdelete.internal.view;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.Asterisk;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.QualifiedAsterisk;
import org.jooq.Select;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.UniqueKey;
import org.jooq.impl.DSL;
import org.jooq.impl.QOM;
import org.jooq.impl.TableImpl;

import io.github.softdelete.internal.policy.PolicyTable;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.policy.ViewDefinition;
import io.github.softdelete.internal.read.ExcludesDeleted;
import io.github.softdelete.internal.sql.TableReference;

/**
 * Reads a view's definition: parses it with jOOQ's parser, finds the soft-deletable tables it reads (anywhere in
 * it: {@link ViewStructure}), whether it already filters them, and whether writes through it can be translated.
 *
 * <p>"Filters" is decided structurally: the view reads soft-deletable tables in its own FROM clause only, and each
 * has, among the top-level AND terms of the view's WHERE clause, a condition that keeps its deleted rows out, as
 * its marker kind defines them ({@link ExcludesDeleted}: {@code deleted_at IS NULL}, {@code NOT is_deleted},
 * {@code is_deleted = false}, ...). Anything else (a filter hidden in a join or a function, a table read in a
 * subquery or CTE) counts as not filtering, and the view is inlined, which filters it again: harmless.
 *
 * <p>Writes: PostgreSQL writes through a view only when it is automatically updatable (its documentation,
 * "Updatable Views"): exactly one table in FROM, and no WITH, DISTINCT, GROUP BY, HAVING, LIMIT, OFFSET, set
 * operation, aggregate or window function. Its columns that show a base column as it is (renamed or not) map to
 * that column; the others are read-only. The library translates writes through such a view over a soft-deletable
 * table with that mapping ({@link ViewWrites}), and refuses them through every other view, naming the reason.
 */
public final class ViewAnalysis {

    private ViewAnalysis() {
    }

    /**
     * @param dialect the dialect of {@code sql}: the catalog's engine's for a view read from the catalog
     *                ({@link ViewCatalog.Dependency#dialect()}), PostgreSQL's for one given to the builder
     */
    public static ViewDefinition analyse(Table<?> view, String sql, SQLDialect dialect, TableRegistry registry) {
        Select<?> definition;
        try {
            definition = DSL.using(dialect).parser().parseSelect(stripSemicolon(sql));
        } catch (RuntimeException e) {
            return new ViewDefinition(view, sql, null, String.valueOf(e.getMessage()), List.of(), false, null,
                "its definition could not be parsed", Map.of(), null);
        }
        ViewStructure structure = ViewStructure.of(definition);
        List<PolicyTable> reads = new ArrayList<>();
        for (Table<?> table : structure.tablesRead()) {
            TableReference reference = TableReference.resolve(registry, table);
            if (reference != null && !reads.contains(reference.table()))
                reads.add(reference.table());
        }
        List<TableReference> fromClause = new ArrayList<>();
        for (Table<?> table : definition.$from())
            collect(registry, table, fromClause);
        boolean filters = !fromClause.isEmpty() && !structure.setOperation() && definition.$with() == null
            && fromClause.stream().map(TableReference::table).distinct().count() == reads.size();
        for (TableReference reference : fromClause)
            filters &= filtered(definition.$where(), reference);
        String writeProblem = notUpdatable(definition, structure);
        PolicyTable base = null;
        if (writeProblem == null) {
            TableReference only = TableReference.resolve(registry, definition.$from().get(0));
            if (only == null)
                writeProblem = "its one table, " + definition.$from().get(0).getName() + ", is not soft-deletable, while it"
                    + " reads " + names(reads) + " elsewhere, unfiltered; write to " + definition.$from().get(0).getName() + " directly";
            else
                base = only.table();
        }
        Map<String, String> columns = base == null ? Map.of() : columns(definition, base);
        return new ViewDefinition(view, sql, definition, null, List.copyOf(reads), filters, base, writeProblem, columns,
            base == null ? null : key(columns, base));
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

    // Why PostgreSQL would not write through the view (its rules for automatically updatable views), or null.
    private static String notUpdatable(Select<?> definition, ViewStructure structure) {
        if (structure.setOperation())
            return "it is a UNION, INTERSECT or EXCEPT";
        if (definition.$with() != null)
            return "it has a WITH clause";
        if (definition.$distinct() || !definition.$distinctOn().isEmpty())
            return "it is DISTINCT";
        if (!definition.$groupBy().isEmpty() || definition.$having() != null)
            return "it groups rows (GROUP BY or HAVING)";
        if (structure.aggregates())
            return "it aggregates rows";
        if (structure.windows())
            return "it uses a window function";
        if (definition.$limit() != null || definition.$offset() != null)
            return "it has LIMIT or OFFSET";
        if (definition.$from().size() != 1)
            return definition.$from().isEmpty() ? "it reads no table" : "it reads more than one table";
        Table<?> only = definition.$from().get(0);
        if (only instanceof QOM.JoinTable<?, ?>)
            return "it joins tables";
        Table<?> unaliased = only instanceof QOM.TableAlias<?> alias ? alias.$aliased() : only;
        if (!(unaliased instanceof TableImpl<?>))
            return "it reads a subquery or a function, not a table";
        return null;
    }

    // The view's columns that show a column of the base as it is: name -> base column name. A column that is an
    // expression (a cast, a call, a constant) is read-only, as PostgreSQL has it.
    private static Map<String, String> columns(Select<?> definition, PolicyTable base) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (SelectFieldOrAsterisk item : definition.$select()) {
            if (item instanceof Asterisk || item instanceof QualifiedAsterisk) {
                for (Field<?> column : base.table().fields())
                    columns.putIfAbsent(column.getName(), column.getName());
            } else if (item instanceof QOM.FieldAlias<?> alias) {
                if (alias.$aliased() instanceof TableField<?, ?> column)
                    columns.putIfAbsent(alias.getName(), column.getName());
            } else if (item instanceof TableField<?, ?> column) {
                columns.putIfAbsent(column.getName(), column.getName());
            }
        }
        return columns;
    }

    // The base's primary key as the view shows it, or null when some key column is not shown as it is.
    private static List<Field<?>> key(Map<String, String> columns, PolicyTable base) {
        UniqueKey<?> primaryKey = base.table().getPrimaryKey();
        if (primaryKey == null)
            return null;
        List<Field<?>> key = new ArrayList<>();
        for (Field<?> column : primaryKey.getFields()) {
            String shownAs = null;
            for (Map.Entry<String, String> shown : columns.entrySet())
                if (shown.getValue().equals(column.getName())) {
                    shownAs = shown.getKey();
                    break;
                }
            if (shownAs == null)
                return null;
            key.add(DSL.field(DSL.name(shownAs), column.getDataType()));
        }
        return key;
    }

    private static String names(List<PolicyTable> tables) {
        return String.join(", ", tables.stream().map(PolicyTable::quotedName).toList());
    }
}
