package io.github.softdelete.internal.cascade;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.SelectLimitStep;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.QOM;

import io.github.softdelete.SoftDeleteException;

import io.github.softdelete.internal.policy.CascadePlan;
import io.github.softdelete.internal.policy.PolicyTable;
import io.github.softdelete.internal.policy.ReadMode;
import io.github.softdelete.internal.policy.Relation;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.policy.UnfilteredTable;
import io.github.softdelete.internal.sql.LibraryWrite;
import io.github.softdelete.internal.sql.MarkerPredicates;
import io.github.softdelete.internal.sql.Predicates;
import io.github.softdelete.internal.sql.RowSets;
import io.github.softdelete.internal.sql.SessionStamp;
import io.github.softdelete.internal.sql.TableReference;

/**
 * Rule on MariaDB: a soft delete that follows the foreign keys, as several statements in one transaction, where
 * PostgreSQL runs one ({@link CascadeDelete}). The plan is the same ({@link CascadePlan}); only how it runs differs.
 * MariaDB has no data-modifying CTEs and no {@code UPDATE ... RETURNING}, so the keys of the rows a delete reaches
 * are kept in a temporary table per table of the plan, the <em>key tables</em> ({@code softdelete_keys_<n>}, n the
 * table's place in the policy), and each step joins its parents' key table:
 * <ol>
 *   <li>Before: the connection's next stamp ({@link SessionStamp}), the key tables created if missing, and emptied.</li>
 *   <li>The anchor, what the DELETE renders as: {@code INSERT INTO softdelete_keys_<root> SELECT key FROM root WHERE
 *       <the DELETE's condition> AND <live> [ORDER BY] [LIMIT] FOR UPDATE}. It carries the caller's bind values, so
 *       batches work, and its update count is the number of root rows the delete takes, as a hard delete's would be.</li>
 *   <li>After, for each table of the plan, parents first: its keys (the children of its parents' keys that are live,
 *       then their replies over self-references, recursively), then one {@code UPDATE table JOIN keys SET <marker>}.
 *       Then every RESTRICT and NO ACTION key into the plan is checked, and the key tables are emptied.</li>
 * </ol>
 * The statements of one delete form one transaction: the caller's, under a savepoint, or one the library opens
 * ({@code StagedTransaction}); a refusal rolls back to where the delete began.
 *
 * <p>Why this is safe with concurrent writers, at READ COMMITTED and REPEATABLE READ alike: every UPDATE and locking
 * read of InnoDB sees the latest committed rows, not the transaction's snapshot (docs/mariadb-facts.md); the anchor
 * locks the root rows, and each table's UPDATE locks its rows before the keys of its children are read; a writer
 * that adds a child locks its parent in share mode (the database's own foreign key check does too), so it either
 * committed before the parent was locked, and the children's keys see its row, or waits until the delete ends and
 * then sees the parent deleted. The checks read with {@code LOCK IN SHARE MODE} for the same reason.
 *
 * <p>Each statement joins key tables by their primary keys and the plan's tables by the foreign keys, so with the
 * {@code (fk, marker)} indexes the lint asks for, each reads the rows it touches, not the tables.
 */
public final class StagedCascadeDelete {

    /** The prefix of the key tables' names. */
    public static final String KEYS_PREFIX = "softdelete_keys_";

    // The anchor's text starts with its INSERT into the root's key table, whatever the keyword case and quoting.
    private static final Pattern ANCHOR = Pattern.compile("(?i)^\\s*insert\\s+into\\s+[`\"\\[]?" + KEYS_PREFIX + "(\\d+)\\b");

    private StagedCascadeDelete() {
    }

    /** What a step's result means: nothing, or a refusal when it found a row. */
    public enum Check {
        /** A write; its count does not matter. */
        NONE,
        /** A live row over {@link Step#relation()}, a RESTRICT or NO ACTION key, would be left under a deleted row. */
        REFUSE_WHEN_FOUND_RESTRICT,
        /** The delete reaches rows of {@link Step#table()}, whose deleted-by column needs an actor, and there is none. */
        REFUSE_WHEN_FOUND_NO_ACTOR
    }

    /**
     * One statement after the anchor, rendered with every value inlined.
     *
     * @param sql      the statement
     * @param check    what a row it returns means
     * @param relation the key a {@link Check#REFUSE_WHEN_FOUND_RESTRICT} check is about, else null
     * @param table    the table a {@link Check#REFUSE_WHEN_FOUND_NO_ACTOR} check is about, else null
     */
    public record Step(String sql, Check check, Relation relation, PolicyTable table) {
    }

    /**
     * The statement a DELETE from {@code plan}'s root becomes on MariaDB: the anchor.
     *
     * @throws SoftDeleteException when a table of the plan has no primary key in jOOQ's metadata, or the DELETE
     *                             has a RETURNING clause
     */
    public static Query anchor(TableRegistry registry, CascadePlan plan, QOM.Delete<?> delete, Table<?> target,
                               TableReference reference, boolean returning) {
        PolicyTable root = plan.root();
        requireKeys(plan);
        if (returning)
            throw new SoftDeleteException("cannot soft-delete from " + root.quotedName() + " with DELETE ... RETURNING on"
                + " MariaDB: the delete follows foreign keys in several statements, and MariaDB's UPDATE has no RETURNING."
                + " Nothing was executed. Select the rows first, then delete them without RETURNING");
        List<Table<?>> from = new ArrayList<>();
        from.add(new UnfilteredTable<>(target));
        from.addAll(delete.$using());
        Condition where = Predicates.and(delete.$where(), reference.predicate(ReadMode.LIVE));
        SelectLimitStep<Record> rows = DSL.select(RowSets.on(target, RowSets.key(root))).from(from).where(where).orderBy(delete.$orderBy());
        Select<Record> locked = (delete.$limit() == null ? rows : rows.limit(delete.$limit())).forUpdate();
        return DSL.insertInto(keys(registry, root)).columns(keyColumns(registry, root)).select(locked);
    }

    /** The policy index of the root whose anchor {@code sql} is, or -1 when it is no anchor. */
    public static int anchoredRoot(String sql) {
        if (sql == null)
            return -1;
        Matcher matcher = ANCHOR.matcher(sql);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    /** The statements to run before the anchor: the next stamp, then each key table created if missing, and emptied. */
    public static List<String> before(DSLContext plain, TableRegistry registry, CascadePlan plan) {
        List<String> statements = new ArrayList<>();
        statements.add(SessionStamp.NEXT);
        for (CascadePlan.Node node : plan.nodes()) {
            PolicyTable table = node.table();
            // CREATE ... SELECT takes the key columns' types from the table; LIMIT 0 copies no row. The primary key
            // makes INSERT IGNORE keep each row once (diamonds) and the joins read the key table by key.
            statements.add("create temporary table if not exists " + plain.render(keys(registry, table)) + " (primary key ("
                + names(plain, keyColumns(registry, table)) + ")) " + plain.renderInlined(
                    DSL.select(RowSets.key(table)).from(table.table()).limit(DSL.inline(0))));
            statements.add(plain.render(DSL.deleteFrom(keys(registry, table))));
        }
        return statements;
    }

    /** The statements after the anchor, in order. */
    public static List<Step> after(DSLContext plain, TableRegistry registry, CascadePlan plan, Object actor) {
        List<Step> steps = new ArrayList<>();
        for (CascadePlan.Node node : plan.nodes()) {
            PolicyTable table = node.table();
            for (Relation relation : node.parents())
                steps.add(write(plain, plain.insertInto(keys(registry, table)).columns(keyColumns(registry, table))
                    .select(children(registry, table, relation)).onDuplicateKeyIgnore()));
            if (!node.self().isEmpty())
                steps.add(write(plain, plain.insertInto(keys(registry, table)).columns(keyColumns(registry, table))
                    .select(replies(registry, table, node.self())).onDuplicateKeyIgnore()));
            if (table.deletedBy() != null && actor == null) {
                // Without an actor there is nothing to write into deleted-by: the delete is refused if it reaches a row.
                steps.add(new Step(plain.renderInlined(DSL.selectOne().from(keys(registry, table)).limit(DSL.inline(1))),
                    Check.REFUSE_WHEN_FOUND_NO_ACTOR, null, table));
                continue;
            }
            Table<?> keys = keys(registry, table);
            steps.add(write(plain, LibraryWrite.deletion(plain.update(table.table().join(keys)
                    .on(joined(RowSets.key(table), table.table(), keyColumns(keys, table)))), table, actor)
                .where(MarkerPredicates.live(table, table.table()))));
        }
        for (Relation relation : plan.restricts())
            steps.add(new Step(plain.renderInlined(blockers(registry, relation)), Check.REFUSE_WHEN_FOUND_RESTRICT, relation, null));
        for (CascadePlan.Node node : plan.nodes())
            steps.add(write(plain, DSL.deleteFrom(keys(registry, node.table()))));
        return steps;
    }

    private static Step write(DSLContext plain, Query query) {
        return new Step(plain.renderInlined(query), Check.NONE, null, null);
    }

    // The live rows of table whose key over relation names a row in the parent's key table.
    private static Select<?> children(TableRegistry registry, PolicyTable table, Relation relation) {
        PolicyTable parent = relation.parent();
        Table<?> child = table.table();
        return DSL.select(RowSets.key(table)).from(child).join(parentKeys(registry, parent, relation))
            .on(referencing(registry, parent, relation, child))
            .where(MarkerPredicates.live(table, child));
    }

    // The replies of the rows in table's key table, recursively, over the self-references: WITH RECURSIVE inside an
    // INSERT ... SELECT, which MariaDB accepts where it refuses WITH before the INSERT (docs/mariadb-facts.md).
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static Select<?> replies(TableRegistry registry, PolicyTable table, List<Relation> self) {
        Table<?> tree = DSL.table(DSL.name("softdelete_tree"));
        List<Field<?>> treeKey = keyColumns(tree, table);
        Table<?> reply = table.table().as("softdelete_reply");
        // The parent row itself is read only for keys that reference other columns than the primary key.
        boolean byKey = self.stream().allMatch(relation -> referencesKey(table, relation));
        Table<?> parent = table.table().as("softdelete_parent");
        List<Condition> joins = new ArrayList<>();
        for (Relation relation : self)
            joins.add(DSL.row(RowSets.on(reply, relation.childColumns()))
                .eq(DSL.row(byKey ? treeKey : RowSets.on(parent, relation.parentColumns()))));
        Select<?> start = DSL.select(keyColumns(keys(registry, table), table)).from(keys(registry, table));
        Table<?> parents = byKey ? tree : tree.join(parent).on(joined(RowSets.key(table), parent, treeKey));
        Select<?> step = DSL.select(RowSets.on(reply, RowSets.key(table))).from(parents)
            .join(reply).on(DSL.or(joins))
            .where(MarkerPredicates.live(table, reply));
        String[] names = RowSets.key(table).stream().map(Field::getName).toArray(String[]::new);
        return DSL.withRecursive(DSL.name("softdelete_tree").fields(names).as(start.union((Select) step)))
            .select(treeKey).from(tree);
    }

    // Live children over a RESTRICT or NO ACTION key of rows the delete took: it has stamped every child it takes,
    // so a live one is a blocker. A locking read, which sees the latest committed rows at every isolation level.
    private static Select<?> blockers(TableRegistry registry, Relation relation) {
        PolicyTable parent = relation.parent();
        PolicyTable softDeletableChild = registry.lookup(relation.child());
        Table<?> child = relation.child();
        Condition live = softDeletableChild != null ? MarkerPredicates.live(softDeletableChild, child) : DSL.noCondition();
        return DSL.selectOne().from(child).join(parentKeys(registry, parent, relation))
            .on(referencing(registry, parent, relation, child))
            .where(live).limit(DSL.inline(1)).forShare();
    }

    // The parent's key table, joined to the parent itself when the key references other columns than its primary key.
    private static Table<?> parentKeys(TableRegistry registry, PolicyTable parent, Relation relation) {
        Table<?> keys = keys(registry, parent);
        if (referencesKey(parent, relation))
            return keys;
        return keys.join(parent.table()).on(joined(RowSets.key(parent), parent.table(), keyColumns(keys, parent)));
    }

    private static Condition referencing(TableRegistry registry, PolicyTable parent, Relation relation, Table<?> child) {
        List<Field<?>> referenced = referencesKey(parent, relation)
            ? keyColumns(keys(registry, parent), parent)
            : RowSets.on(parent.table(), relation.parentColumns());
        return DSL.row(RowSets.on(child, relation.childColumns())).eq(DSL.row(referenced));
    }

    private static boolean referencesKey(PolicyTable parent, Relation relation) {
        return names(relation.parentColumns()).equals(names(RowSets.key(parent)));
    }

    private static Condition joined(List<Field<?>> key, Table<?> table, List<Field<?>> keyColumns) {
        return DSL.row(RowSets.on(table, key)).eq(DSL.row(keyColumns));
    }

    /** The key table of {@code table}. */
    static Table<Record> keys(TableRegistry registry, PolicyTable table) {
        return DSL.table(DSL.name(KEYS_PREFIX + registry.indexOf(table)));
    }

    private static List<Field<?>> keyColumns(TableRegistry registry, PolicyTable table) {
        return keyColumns(keys(registry, table), table);
    }

    // The primary key's columns, as columns of a key table (or of the recursive set, which has the same).
    private static List<Field<?>> keyColumns(Table<?> keys, PolicyTable table) {
        List<Field<?>> columns = new ArrayList<>();
        for (Field<?> column : RowSets.key(table))
            columns.add(DSL.field(keys.getQualifiedName().append(column.getName()), column.getDataType()));
        return columns;
    }

    private static List<String> names(List<Field<?>> columns) {
        return columns.stream().map(Field::getName).toList();
    }

    private static String names(DSLContext plain, List<Field<?>> columns) {
        return String.join(", ", columns.stream().map(c -> plain.render(DSL.name(c.getName()))).toList());
    }

    // MariaDB has no row identifier like PostgreSQL's ctid, which the PostgreSQL cascade falls back on.
    private static void requireKeys(CascadePlan plan) {
        for (CascadePlan.Node node : plan.nodes())
            if (node.table().table().getPrimaryKey() == null)
                throw new SoftDeleteException("cannot soft-delete from " + plan.root().quotedName() + " on MariaDB: the delete"
                    + " follows foreign keys to " + node.table().quotedName() + ", which has no primary key in jOOQ's metadata,"
                    + " and MariaDB has no row identifier to take its place. Nothing was executed. Give the table a primary"
                    + " key, and generate its jOOQ class again (or declare the key on a hand-written Table)");
    }
}
