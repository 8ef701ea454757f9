package io.github.softdelete.internal.cascade;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

import io.github.softdelete.SoftDeleteException;

import io.github.softdelete.internal.policy.CascadePlan;
import io.github.softdelete.internal.policy.PolicyTable;
import io.github.softdelete.internal.policy.Relation;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.sql.RowSets;

/**
 * The temporary tables in which an operation of several statements on MariaDB keeps the keys of the rows it
 * reaches ({@link StagedCascadeDelete}, {@link StagedRestore}): one per table of the plan and kind of operation,
 * named {@code <prefix><n>}, n the table's place in the policy, holding the table's primary key (and, for a
 * restore, the stamp each row carried). They live as long as the connection and are emptied before and after
 * each operation; CREATE TEMPORARY TABLE commits nothing on MariaDB, so they can be made inside the caller's
 * transaction.
 *
 * <p>The operation's first statement, the <em>anchor</em>, is the one jOOQ executes: an INSERT into the root's key
 * table, which the execution listener recognises by that table's name ({@link #anchoredRoot}).
 */
final class KeyTables {

    private final String prefix;
    private final Pattern anchor;

    KeyTables(String prefix) {
        this.prefix = prefix;
        // The anchor's text starts with its INSERT into the root's key table, whatever the keyword case and quoting.
        this.anchor = Pattern.compile("(?i)^\\s*insert\\s+(?:ignore\\s+)?into\\s+[`\"\\[]?" + prefix + "(\\d+)_");
    }

    /**
     * The key table of {@code table}: {@code <prefix><n>_<shape>}, n the table's place in the policy, which tells the
     * execution listener whose anchor it is, and the shape a fingerprint of the table's name and of the columns the
     * key table keeps. A connection may serve several policies (several schemas, say) whose n-th tables differ; a key
     * table made for one, kept with its columns for the connection's life, must not be taken for another's.
     */
    Table<Record> of(TableRegistry registry, PolicyTable table) {
        return DSL.table(DSL.name(prefix + registry.indexOf(table) + "_" + shape(table)));
    }

    private static String shape(PolicyTable table) {
        StringBuilder shape = new StringBuilder(table.quotedName());
        for (Field<?> column : RowSets.key(table))
            shape.append('|').append(column.getName()).append(':').append(column.getDataType().getTypeName());
        if (table.stamp() != null)
            shape.append('|').append(table.stamp().getName()).append(':').append(table.stamp().getDataType().getTypeName());
        return Integer.toUnsignedString(shape.toString().hashCode(), 36);
    }

    /** The policy index of the root whose anchor {@code sql} is, or -1. */
    int anchoredRoot(String sql) {
        if (sql == null)
            return -1;
        Matcher matcher = anchor.matcher(sql);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    /**
     * The key table of each table of {@code plan} created if missing, and emptied; with {@code columns(table)}, the
     * key and any more columns it keeps. CREATE ... SELECT takes their types from the table, and LIMIT 0 copies no
     * row. The primary key makes INSERT IGNORE keep each row once (diamonds), and the joins read it by key.
     */
    List<String> prepare(DSLContext plain, TableRegistry registry, CascadePlan plan, java.util.function.Function<PolicyTable, List<Field<?>>> columns) {
        List<String> statements = new ArrayList<>();
        for (CascadePlan.Node node : plan.nodes()) {
            PolicyTable table = node.table();
            statements.add("create temporary table if not exists " + plain.render(of(registry, table)) + " (primary key ("
                + names(plain, RowSets.key(table)) + ")) "
                + plain.renderInlined(DSL.select(columns.apply(table)).from(table.table()).limit(DSL.inline(0))));
            statements.add(plain.render(DSL.deleteFrom(of(registry, table))));
        }
        return statements;
    }

    /** Each key table of {@code plan} emptied. */
    List<String> empty(DSLContext plain, TableRegistry registry, CascadePlan plan) {
        List<String> statements = new ArrayList<>();
        for (CascadePlan.Node node : plan.nodes())
            statements.add(plain.render(DSL.deleteFrom(of(registry, node.table()))));
        return statements;
    }

    /** {@code table}'s primary key (or other columns of it) as columns of {@code keys}, a key table or a set alike. */
    static List<Field<?>> columns(Table<?> keys, List<Field<?>> tableColumns) {
        List<Field<?>> columns = new ArrayList<>();
        for (Field<?> column : tableColumns)
            columns.add(DSL.field(keys.getQualifiedName().append(column.getName()), column.getDataType()));
        return columns;
    }

    /** {@code (reference.key) = (keys.key)}. */
    static Condition joined(PolicyTable table, Table<?> reference, Table<?> keys) {
        return DSL.row(RowSets.on(reference, RowSets.key(table))).eq(DSL.row(columns(keys, RowSets.key(table))));
    }

    /** Whether {@code relation} references its parent's primary key, so that a key table can stand for the parent. */
    static boolean referencesKey(PolicyTable parent, Relation relation) {
        return names(relation.parentColumns()).equals(names(RowSets.key(parent)));
    }

    static List<String> names(List<Field<?>> columns) {
        return columns.stream().map(Field::getName).toList();
    }

    private static String names(DSLContext plain, List<Field<?>> columns) {
        return String.join(", ", columns.stream().map(c -> plain.render(DSL.name(c.getName()))).toList());
    }

    /**
     * Refuses a plan with a table that has no primary key in jOOQ's metadata: MariaDB has no row identifier like
     * PostgreSQL's ctid, which the PostgreSQL statements fall back on.
     */
    static void requirePrimaryKeys(CascadePlan plan, String operation) {
        for (CascadePlan.Node node : plan.nodes())
            if (node.table().table().getPrimaryKey() == null)
                throw new SoftDeleteException("cannot " + operation + " " + plan.root().quotedName() + " on MariaDB: it"
                    + " follows foreign keys to " + node.table().quotedName() + ", which has no primary key in jOOQ's"
                    + " metadata, and MariaDB has no row identifier to take its place. Nothing was executed. Give the table"
                    + " a primary key, and generate its jOOQ class again (or declare the key on a hand-written Table)");
    }
}
