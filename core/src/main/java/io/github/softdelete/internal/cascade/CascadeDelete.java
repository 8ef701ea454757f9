package io.github.softdelete.internal.cascade;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.CaseConditionStep;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.SelectLimitStep;
import org.jooq.Table;
import org.jooq.UpdateConditionStep;
import org.jooq.WithStep;
import org.jooq.impl.DSL;
import org.jooq.impl.QOM;

import io.github.softdelete.internal.jooq.Qom;
import io.github.softdelete.internal.policy.CascadePlan;
import io.github.softdelete.internal.policy.PolicyTable;
import io.github.softdelete.internal.policy.ReadMode;
import io.github.softdelete.internal.policy.Relation;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.policy.UnfilteredTable;
import io.github.softdelete.internal.render.HoledStatement;
import io.github.softdelete.internal.sql.CascadeSteps;
import io.github.softdelete.internal.sql.MarkerPredicates;
import io.github.softdelete.internal.sql.Predicates;
import io.github.softdelete.internal.sql.RowSets;
import io.github.softdelete.internal.sql.TableReference;

/**
 * Rule: a soft delete follows the foreign keys in the same statement, as one PostgreSQL statement
 * with data-modifying CTEs:
 * <pre>
 * WITH RECURSIVE
 *   softdelete_users(id)    AS (SELECT id FROM users WHERE &lt;the DELETE's condition&gt; AND deleted_at IS NULL),
 *   softdelete_posts(id)    AS (SELECT id FROM posts WHERE deleted_at IS NULL AND author_id IN (SELECT id FROM softdelete_users)),
 *   softdelete_comments(id) AS (... post_id IN softdelete_posts OR author_id IN softdelete_users
 *                               UNION replies of those, recursively),
 *   softdelete_check(ok)    AS (SELECT CAST(CASE WHEN EXISTS (&lt;a live child over a RESTRICT key&gt;)
 *                                            THEN 'softdelete-restrict:&lt;key&gt;' ELSE '0' END AS integer)),
 *   softdelete_posts_update AS (UPDATE posts SET deleted_at = statement_timestamp()
 *                               WHERE id IN (SELECT id FROM softdelete_posts) AND deleted_at IS NULL AND &lt;check&gt; RETURNING id),
 *   ...
 * UPDATE users SET deleted_at = statement_timestamp()
 * WHERE id IN (SELECT id FROM softdelete_users) AND deleted_at IS NULL AND &lt;check&gt; [RETURNING ...]
 * </pre>
 * Why this shape:
 * <ul>
 *   <li>One statement is atomic whether or not the caller opened a transaction, and one round trip.</li>
 *   <li>All parts see one snapshot, so the sets are computed once, before anything changes; each row
 *       is in one set and updated once, which is what makes diamonds (users to comments directly and
 *       through posts) neither double-count nor fail. The outer UPDATE is the root's, so the count
 *       jOOQ returns is the number of root rows deleted, and RETURNING returns them.</li>
 *   <li>Every UPDATE repeats {@code deleted_at IS NULL}: PostgreSQL re-checks the WHERE of a row that a
 *       concurrent transaction changed, so a row deleted meanwhile keeps its own timestamp (and is not
 *       brought back by a restore of this delete).</li>
 *   <li>A live child over a RESTRICT key makes the CAST fail, which aborts the whole statement; the
 *       {@code StatementRefusals} listener turns that error into a {@link io.github.softdelete.SoftDeleteException}.</li>
 *   <li>Every row gets the same {@code statement_timestamp()}, which is how a restore recognises the
 *       rows of one delete.</li>
 * </ul>
 * Plan tables are read through {@link UnfilteredTable} with explicit predicates, so the read mode of
 * the context does not change what a delete does; the DELETE's USING tables are reads, filtered as usual.
 */
public final class CascadeDelete {

    public static final String RESTRICT_MARK = "softdelete-restrict:";

    private CascadeDelete() {
    }

    /**
     * The cascade statement, built around its first CTE's condition (the DELETE's condition and the table's live
     * predicate), with the shape its text has when it depends on the policy alone ({@link CascadeText#delete}).
     */
    public static HoledStatement<Condition> build(DSLContext dsl, TableRegistry registry, CascadePlan plan, QOM.Delete<?> delete,
                                           Table<?> target, TableReference reference, List<? extends SelectFieldOrAsterisk> returning,
                                           Object actor) {
        Condition matching = Predicates.and(delete.$where(), reference.predicate(ReadMode.LIVE));
        return new HoledStatement<>(CascadeText.delete(registry, plan, delete, target, returning, actor), matching,
            CascadeText.IN_FIRST_SELECT, condition -> statement(dsl, registry, plan, delete, target, reference, returning, actor,
                firstRowSet(registry, plan, delete, target, condition)));
    }

    // The one CTE that holds the DELETE's condition: the rows it matches. A root with self-references
    // (comments.parent_id) keeps them apart from their replies: the outer UPDATE counts and returns
    // the matched rows, as a hard delete would.
    private static CommonTableExpression<?> firstRowSet(TableRegistry registry, CascadePlan plan, QOM.Delete<?> delete,
                                                        Table<?> target, Condition condition) {
        CascadePlan.Node root = plan.nodes().get(0);
        Select<?> matched = rootRows(registry, delete, target, condition, root);
        if (root.self().isEmpty())
            return rowSet(registry, root, matched);
        return matchedSet(root).fields(names(RowSets.columns(root.table(), registry.relations()))).as(matched);
    }

    static Name matchedSet(CascadePlan.Node root) {
        return root.self().isEmpty() ? RowSets.name(root.table()) : RowSets.name(root.table(), "matched");
    }

    private static Query statement(DSLContext dsl, TableRegistry registry, CascadePlan plan, QOM.Delete<?> delete,
                                   Table<?> target, TableReference reference, List<? extends SelectFieldOrAsterisk> returning,
                                   Object actor, CommonTableExpression<?> first) {
        List<CommonTableExpression<?>> ctes = new ArrayList<>();
        boolean recursive = false;
        if (delete.$with() != null) {
            ctes.addAll(delete.$with().$commonTableExpressions());
            recursive = delete.$with().$recursive();
        }
        ctes.add(first);
        CascadePlan.Node root = plan.nodes().get(0);
        Name matchedSet = matchedSet(root);
        for (CascadePlan.Node node : plan.nodes()) {
            if (node != root || !root.self().isEmpty())
                ctes.add(rowSet(registry, node, node == root ? RowSets.select(matchedSet, RowSets.columns(root.table(), registry.relations())) : null));
            recursive |= !node.self().isEmpty();
        }
        Condition check = DSL.noCondition();
        if (!plan.restricts().isEmpty()) {
            ctes.add(restrictCheck(registry, plan));
            check = CascadeSteps.checkPassed();
        }
        for (CascadePlan.Node node : plan.nodes())
            if (registry.lockOrder().lockedOnDelete(node.table()))
                ctes.add(CascadeSteps.lock(node.table()));
        ctes.add(SettlementEntry.cte(registry, plan, matchedSet, actor));
        boolean rootLocked = registry.lockOrder().lockedOnDelete(root.table());
        // With listeners the steps are counted (SettlementEntry.counted), which runs them before the outer UPDATE: the
        // first of them waits for the root's lock, so that the root's rows are still locked first.
        boolean counted = registry.hasListeners();
        Map<PolicyTable, List<Name>> steps = new LinkedHashMap<>();
        // Each step runs after the one before it (CascadeSteps.after): parents before children, as they are locked.
        Name previous = null;
        if (!root.self().isEmpty()) {
            ctes.add(CascadeSteps.update(root.table(), "replies", true, actor, check,
                DSL.not(RowSets.in(RowSets.on(new UnfilteredTable<>(root.table().table()), RowSets.key(root.table())),
                    RowSets.select(matchedSet, RowSets.key(root.table())))), rows(registry, root)));
            previous = RowSets.name(root.table(), "replies");
            steps.put(root.table(), List.of(previous));
        }
        for (CascadePlan.Node node : plan.nodes().subList(1, plan.nodes().size())) {
            Condition after = previous == null && counted && rootLocked ? CascadeSteps.lockTaken(root.table()) : CascadeSteps.after(previous);
            ctes.add(CascadeSteps.update(node.table(), "update", true, actor, check.and(after), DSL.noCondition(), rows(registry, node)));
            previous = RowSets.name(node.table(), "update");
            steps.put(node.table(), List.of(previous));
        }
        if (counted)
            ctes.add(SettlementEntry.counted(registry, steps));
        // The outer UPDATE is the root's: its rows are the matched ones, in key order, after the root's lock.
        Table<?> matched = rootLocked && root.self().isEmpty() ? CascadeSteps.lockedRows(root.table()) : CascadeSteps.ordered(matchedSet, root.table());
        UpdateConditionStep<Record> outer = CascadeSteps.set(with(dsl, recursive, ctes).update(CascadeSteps.asRecordTable(target)), reference.table(), true, actor)
            .from(matched)
            .where(CascadeSteps.joined(target, root.table(), matched))
            .and(reference.predicate(ReadMode.LIVE))
            .and(check)
            .and(SettlementEntry.recorded())
            .and(counted ? SettlementEntry.counted() : DSL.noCondition())
            .and(rootLocked && !root.self().isEmpty() ? CascadeSteps.lockTaken(root.table()) : DSL.noCondition());
        return returning.isEmpty() ? outer : outer.returning(returning);
    }

    // The rows a step updates, in key order: the rows its lock took, or its set's keys.
    private static Table<?> rows(TableRegistry registry, CascadePlan.Node node) {
        return registry.lockOrder().lockedOnDelete(node.table())
            ? CascadeSteps.lockedRows(node.table())
            : CascadeSteps.ordered(RowSets.name(node.table()), node.table());
    }

    private static Select<?> rootRows(TableRegistry registry, QOM.Delete<?> delete, Table<?> target,
                                      Condition condition, CascadePlan.Node root) {
        List<Table<?>> from = new ArrayList<>();
        from.add(new UnfilteredTable<>(target));
        from.addAll(delete.$using());
        SelectLimitStep<?> rows = DSL.select(RowSets.on(target, RowSets.columns(root.table(), registry.relations())))
            .from(from)
            .where(condition)
            .orderBy(delete.$orderBy());
        return delete.$limit() == null ? rows : rows.limit(delete.$limit());
    }

    /** The CTE with the rows of one table that the delete reaches: its base rows, then self-references. */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static CommonTableExpression<?> rowSet(TableRegistry registry, CascadePlan.Node node, Select<?> base) {
        PolicyTable table = node.table();
        List<Field<?>> columns = RowSets.columns(table, registry.relations());
        Select<?> rows = base != null ? base : childRows(table, columns, node.parents());
        if (!node.self().isEmpty())
            rows = ((Select) rows).union((Select) selfReferences(table, columns, node.self()));
        return RowSets.name(table).fields(names(columns)).as(rows);
    }

    // One SELECT per cascading key, combined with UNION rather than OR: PostgreSQL plans
    // "a IN (...) OR b IN (...)" as a full scan of the child table, and each branch of a UNION as an
    // index scan on its own foreign key (measured in BENCHMARKS.md, B3).
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static Select<?> childRows(PolicyTable table, List<Field<?>> columns, List<Relation> parents) {
        Table<?> child = new UnfilteredTable<>(table.table());
        Select<?> rows = null;
        for (Relation relation : parents) {
            Select<?> reached = DSL.select(RowSets.on(child, columns)).from(child)
                .where(MarkerPredicates.live(table, child))
                .and(RowSets.memberOf(RowSets.on(child, relation.childColumns()), relation.parent(), relation.parentColumns()));
            rows = rows == null ? reached : ((Select) rows).union((Select) reached);
        }
        return rows;
    }

    // PostgreSQL allows the recursive reference once, and not inside a subquery: join it.
    private static Select<?> selfReferences(PolicyTable table, List<Field<?>> columns, List<Relation> self) {
        Table<?> reply = new UnfilteredTable<>(table.table().as(RowSets.name(table, "reply")));
        List<Condition> joins = new ArrayList<>();
        for (Relation relation : self)
            joins.add(DSL.row(RowSets.on(reply, relation.childColumns())).eq(DSL.row(RowSets.ofSet(table, relation.parentColumns()))));
        return DSL.select(RowSets.on(reply, columns)).from(reply)
            .join(RowSets.table(table)).on(DSL.or(joins))
            .where(MarkerPredicates.live(table, reply));
    }

    static String[] names(List<Field<?>> columns) {
        return columns.stream().map(Field::getName).toArray(String[]::new);
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    static WithStep with(DSLContext dsl, boolean recursive, List<CommonTableExpression<?>> ctes) {
        return recursive ? dsl.withRecursive(ctes.toArray(CommonTableExpression[]::new)) : dsl.with(ctes);
    }

    /** The stamp (timestamp) column of {@code table} as a field of {@code reference}. */
    static Field<?> stamp(Table<?> reference, PolicyTable table) {
        return MarkerPredicates.column(reference, table, table.stamp());
    }

    /** The RESTRICT check: fails, naming the key, when a live child would be left under a deleted row. */
    private static CommonTableExpression<?> restrictCheck(TableRegistry registry, CascadePlan plan) {
        CaseConditionStep<String> checks = null;
        for (Relation relation : plan.restricts())
            checks = CascadeSteps.failWhen(checks, Qom.exists(blockers(registry, plan, relation)), RESTRICT_MARK + relation.name());
        return CascadeSteps.check(checks);
    }

    // Live children over the key that reference a row of the plan and are not deleted by it.
    private static Select<?> blockers(TableRegistry registry, CascadePlan plan, Relation relation) {
        PolicyTable softDeletableChild = registry.lookup(relation.child());
        Table<?> child = softDeletableChild != null
            ? new UnfilteredTable<>(relation.child().as("softdelete_blocker"))
            : relation.child().as("softdelete_blocker");
        Condition condition = RowSets.memberOf(RowSets.on(child, relation.childColumns()), relation.parent(), relation.parentColumns());
        if (softDeletableChild != null) {
            condition = condition.and(MarkerPredicates.live(softDeletableChild, child));
            if (plan.node(softDeletableChild) != null)
                condition = condition.andNot(RowSets.in(RowSets.on(child, RowSets.key(softDeletableChild)), RowSets.keys(softDeletableChild)));
        }
        return DSL.selectOne().from(child).where(condition);
    }
}
