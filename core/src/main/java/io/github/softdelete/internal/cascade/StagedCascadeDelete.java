package io.github.softdelete.internal.cascade;

import java.util.ArrayList;
import java.util.List;

import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.SelectConditionStep;
import org.jooq.SelectLimitStep;
import org.jooq.SelectSelectStep;
import org.jooq.Table;
import org.jooq.WithStep;
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
 *       then their replies over self-references, recursively), then one {@code UPDATE table JOIN keys SET <marker>};
 *       a table whose keys no later step reads (a leaf: likes) is stamped straight from its parents' key tables.
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

    private static final KeyTables KEYS = new KeyTables(KEYS_PREFIX);

    private StagedCascadeDelete() {
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
        KeyTables.requirePrimaryKeys(plan, "soft-delete from");
        if (returning)
            throw new SoftDeleteException("cannot soft-delete from " + root.quotedName() + " with DELETE ... RETURNING on"
                + " MariaDB: the delete follows foreign keys in several statements, and MariaDB's UPDATE has no RETURNING."
                + " Nothing was executed. Select the rows first, then delete them without RETURNING");
        List<Table<?>> from = new ArrayList<>();
        from.add(new UnfilteredTable<>(target));
        from.addAll(delete.$using());
        Condition where = Predicates.and(delete.$where(), reference.predicate(ReadMode.LIVE));
        // The DELETE's own WITH goes inside the INSERT, where MariaDB accepts it (WITH before a DELETE it refuses).
        SelectSelectStep<Record> select = delete.$with() == null ? DSL.select(RowSets.on(target, RowSets.key(root)))
            : with(delete.$with()).select(RowSets.on(target, RowSets.key(root)));
        SelectLimitStep<Record> rows = select.from(from).where(where).orderBy(delete.$orderBy());
        Select<Record> locked = (delete.$limit() == null ? rows : rows.limit(delete.$limit())).forUpdate();
        Table<?> keys = KEYS.of(registry, root);
        // IGNORE: a USING join may give a root row more than once; its count is then the rows deleted, each once.
        return DSL.insertInto(keys).columns(KeyTables.columns(keys, RowSets.key(root))).select(locked).onDuplicateKeyIgnore();
    }

    private static WithStep with(QOM.With with) {
        CommonTableExpression<?>[] ctes = with.$commonTableExpressions().toArray(CommonTableExpression[]::new);
        return with.$recursive() ? DSL.withRecursive(ctes) : DSL.with(ctes);
    }

    /** The policy index of the root whose anchor {@code sql} is, or -1 when it is no anchor. */
    public static int anchoredRoot(String sql) {
        return KEYS.anchoredRoot(sql);
    }

    /** The statements to run before the anchor: the next stamp, then each key table created if missing, and emptied. */
    public static List<String> before(DSLContext plain, TableRegistry registry, CascadePlan plan) {
        List<String> statements = new ArrayList<>();
        statements.add(SessionStamp.NEXT);
        statements.addAll(KEYS.prepare(plain, registry, plan, RowSets::key));
        return statements;
    }

    /** The statements after the anchor, in order. */
    public static List<StagedStep> after(DSLContext plain, TableRegistry registry, CascadePlan plan, Object actor) {
        List<StagedStep> steps = new ArrayList<>();
        for (CascadePlan.Node node : plan.nodes()) {
            PolicyTable table = node.table();
            Table<?> keys = KEYS.of(registry, table);
            if (node != plan.nodes().get(0) && isLeaf(plan, node)) {
                steps.addAll(leaf(plain, registry, node, actor));
                continue;
            }
            for (Relation relation : node.parents())
                steps.add(write(plain, plain.insertInto(keys).columns(KeyTables.columns(keys, RowSets.key(table)))
                    .select(children(registry, table, relation)).onDuplicateKeyIgnore()));
            if (!node.self().isEmpty())
                // The recursion only once one level found a reply: most trees have few replies, and the recursion
                // copies the whole key table into its own before it reads the first level (7.7 ms of a 62 ms delete of
                // 2,131 rows without replies, against 1.4 ms for the one level, MariaDbPairs).
                steps.add(StagedStep.repeatWhileAdded(
                    plain.renderInlined(plain.insertInto(keys).columns(KeyTables.columns(keys, RowSets.key(table)))
                        .select(liveReplies(keys, table, node.self())).onDuplicateKeyIgnore()),
                    plain.renderInlined(plain.insertInto(keys).columns(KeyTables.columns(keys, RowSets.key(table)))
                        .select(replies(keys, table, node.self())).onDuplicateKeyIgnore())));
            if (table.deletedBy() != null && actor == null) {
                // Without an actor there is nothing to write into deleted-by: the delete is refused if it reaches a row.
                steps.add(StagedStep.refuseWhenFound(plain.renderInlined(DSL.selectOne().from(keys).limit(DSL.inline(1))),
                    StagedStep.Check.REFUSE_WHEN_FOUND_NO_ACTOR, table));
                continue;
            }
            String stamp = plain.renderInlined(LibraryWrite.deletion(plain.update(table.table().join(keys).on(KeyTables.joined(table, table.table(), keys))),
                    table, actor)
                .where(MarkerPredicates.live(table, table.table())));
            steps.add(StagedStep.stamp(stamp, table));
            if (!node.self().isEmpty())
                steps.add(StagedStep.repeatWhileAdded(plain.renderInlined(plain.insertInto(keys).columns(KeyTables.columns(keys, RowSets.key(table)))
                    .select(newReplies(keys, table, node.self())).onDuplicateKeyIgnore()), stamp, table));
        }
        for (Relation relation : plan.restricts())
            steps.add(StagedStep.refuseWhenFound(plain.renderInlined(blockers(registry, relation)),
                StagedStep.Check.REFUSE_WHEN_FOUND_RESTRICT, relation));
        for (String sql : KEYS.empty(plain, registry, plan))
            steps.add(StagedStep.write(sql));
        return steps;
    }

    // A table of the plan whose keys no later step reads: no child in the plan, no RESTRICT or NO ACTION key into it,
    // no self-reference. Its rows are stamped straight from its parents' key tables, one UPDATE ... JOIN per cascading
    // key (a diamond's second UPDATE finds the rows stamped), without keeping their keys: half the writes of a tree
    // whose leaves are most of its rows.
    private static boolean isLeaf(CascadePlan plan, CascadePlan.Node node) {
        if (!node.self().isEmpty())
            return false;
        for (CascadePlan.Node other : plan.nodes())
            for (Relation relation : other.parents())
                if (relation.parent().equals(node.table()))
                    return false;
        for (Relation relation : plan.restricts())
            if (relation.parent().equals(node.table()))
                return false;
        return true;
    }

    private static List<StagedStep> leaf(DSLContext plain, TableRegistry registry, CascadePlan.Node node, Object actor) {
        PolicyTable table = node.table();
        Table<?> child = table.table();
        List<StagedStep> steps = new ArrayList<>();
        for (Relation relation : node.parents()) {
            Table<?> joined = child.join(parentKeys(registry, relation)).on(referencing(registry, relation, child));
            if (table.deletedBy() != null && actor == null)
                steps.add(StagedStep.refuseWhenFound(plain.renderInlined(DSL.selectOne().from(joined)
                    .where(MarkerPredicates.live(table, child)).limit(DSL.inline(1))), StagedStep.Check.REFUSE_WHEN_FOUND_NO_ACTOR, table));
            else
                steps.add(StagedStep.stamp(plain.renderInlined(LibraryWrite.deletion(plain.update(joined), table, actor)
                    .where(MarkerPredicates.live(table, child))), table));
        }
        return steps;
    }

    private static StagedStep write(DSLContext plain, Query query) {
        return StagedStep.write(plain.renderInlined(query));
    }

    // The live rows of table whose key over relation names a row in the parent's key table.
    private static Select<?> children(TableRegistry registry, PolicyTable table, Relation relation) {
        Table<?> child = table.table();
        // FOR UPDATE: a writer that adds a reply to one of these rows holds it in share mode until it commits; locking
        // the rows here waits for it, so that the replies read next see its row (ConcurrentWritersOnMariaDbTest).
        return DSL.select(RowSets.key(table)).from(child).join(parentKeys(registry, relation))
            .on(referencing(registry, relation, child))
            .where(MarkerPredicates.live(table, child))
            .forUpdate();
    }

    // The replies of the rows in table's key table, recursively, over the self-references: WITH RECURSIVE inside an
    // INSERT ... SELECT, which MariaDB accepts where it refuses WITH before the INSERT (docs/mariadb-facts.md).
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static Select<?> replies(Table<?> keys, PolicyTable table, List<Relation> self) {
        Table<?> tree = DSL.table(DSL.name("softdelete_tree"));
        Select<?> start = DSL.select(KeyTables.columns(keys, RowSets.key(table))).from(keys);
        String[] names = KeyTables.names(RowSets.key(table)).toArray(String[]::new);
        return DSL.withRecursive(DSL.name("softdelete_tree").fields(names).as(start.union((Select) liveReplies(tree, table, self))))
            .select(KeyTables.columns(tree, RowSets.key(table))).from(tree);
    }

    // The live replies of the rows in table's key table, read FOR UPDATE, once the stamp holds those rows. The
    // recursion (replies) reads without locks: a writer that added a reply to a row it found, and committed while the
    // stamp waited for that row, is not in what it read. A reply committed before the stamp locked its parent is
    // seen by this locking read; a later one waits for the lock and then finds its parent deleted. Repeated while it
    // adds rows, each time stamped, so replies of replies are found too
    // (ConcurrentWritersTest.insertReplyToAReplyFoundByRecursion_deleteThePost).
    private static Select<?> newReplies(Table<?> keys, PolicyTable table, List<Relation> self) {
        return liveReplies(keys, table, self).forUpdate();
    }

    // The keys of the live rows of table that reply to a row whose key is in parentKeys (a key table, or the
    // recursion's rows), over any of the self-references.
    private static SelectConditionStep<Record> liveReplies(Table<?> parentKeys, PolicyTable table, List<Relation> self) {
        Table<?> reply = table.table().as("softdelete_reply");
        // The parent row itself is read only for keys that reference other columns than the primary key.
        boolean byKey = self.stream().allMatch(relation -> KeyTables.referencesKey(table, relation));
        Table<?> parent = table.table().as("softdelete_parent");
        List<Condition> joins = new ArrayList<>();
        for (Relation relation : self)
            joins.add(DSL.row(RowSets.on(reply, relation.childColumns()))
                .eq(DSL.row(byKey ? KeyTables.columns(parentKeys, RowSets.key(table)) : RowSets.on(parent, relation.parentColumns()))));
        Table<?> parents = byKey ? parentKeys : parentKeys.join(parent).on(KeyTables.joined(table, parent, parentKeys));
        return DSL.select(RowSets.on(reply, RowSets.key(table))).from(parents)
            .join(reply).on(DSL.or(joins))
            .where(MarkerPredicates.live(table, reply));
    }

    // Live children over a RESTRICT or NO ACTION key of rows the delete took: it has stamped every child it takes,
    // so a live one is a blocker. A locking read, which sees the latest committed rows at every isolation level.
    private static Select<?> blockers(TableRegistry registry, Relation relation) {
        PolicyTable softDeletableChild = registry.lookup(relation.child());
        Table<?> child = relation.child();
        Condition live = softDeletableChild != null ? MarkerPredicates.live(softDeletableChild, child) : DSL.noCondition();
        return DSL.selectOne().from(child).join(parentKeys(registry, relation))
            .on(referencing(registry, relation, child))
            .where(live).limit(DSL.inline(1)).forShare();
    }

    // The parent's key table, joined to the parent itself when the key references other columns than its primary key.
    private static Table<?> parentKeys(TableRegistry registry, Relation relation) {
        PolicyTable parent = relation.parent();
        Table<?> keys = KEYS.of(registry, parent);
        if (KeyTables.referencesKey(parent, relation))
            return keys;
        return keys.join(parent.table()).on(KeyTables.joined(parent, parent.table(), keys));
    }

    private static Condition referencing(TableRegistry registry, Relation relation, Table<?> child) {
        PolicyTable parent = relation.parent();
        List<Field<?>> referenced = KeyTables.referencesKey(parent, relation)
            ? KeyTables.columns(KEYS.of(registry, parent), RowSets.key(parent))
            : RowSets.on(parent.table(), relation.parentColumns());
        return DSL.row(RowSets.on(child, relation.childColumns())).eq(DSL.row(referenced));
    }
}
