package io.github.softdelete.internal.cascade;

import java.util.ArrayList;
import java.util.List;

import org.jooq.CaseConditionStep;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import io.github.softdelete.internal.jooq.Qom;
import io.github.softdelete.internal.policy.CascadePlan;
import io.github.softdelete.internal.policy.LockOrder;
import io.github.softdelete.internal.policy.PolicyTable;
import io.github.softdelete.internal.policy.Relation;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.policy.UnfilteredTable;
import io.github.softdelete.internal.sql.CascadeSteps;
import io.github.softdelete.internal.sql.LibraryWrite;
import io.github.softdelete.internal.sql.MarkerPredicates;
import io.github.softdelete.internal.sql.ParentLocks;
import io.github.softdelete.internal.sql.RowSets;

/**
 * Rule: a row that became a live child of a soft-deleted row while the delete ran is deleted with it, with the
 * delete's stamp, or the delete is refused when the key is RESTRICT. This is the statement that does it for the
 * deletes of one table whose entries a transaction holds ({@link SettlementEntry}); {@link CascadeSettlement}
 * runs it.
 *
 * <p>Why such rows exist: at READ COMMITTED every statement reads one snapshot, taken when it starts. A writer
 * that checked a parent (and holds its {@code FOR KEY SHARE} lock, {@link ParentLocks}) before the delete locked
 * it makes the delete wait; when the writer commits, PostgreSQL re-reads the locked parent but not the rest of
 * the statement, whose CTEs never see the new child. Every row the delete stamped is locked by it, so no writer
 * can add a child once it is stamped: the children the delete missed were all committed before it ended, and a
 * later statement of the same transaction sees them.
 *
 * <pre>
 * WITH RECURSIVE
 *   softdelete_gate(open)             were there writers: {@link CascadeSettlement#GATE}
 *   softdelete_entries(s, a, k)       the transaction's entries for this table, when the gate is open: stamp, actor, matched rows
 *   softdelete_roots(cols, s, a)      their referenced columns
 *   softdelete_&lt;t&gt;_stamped(cols, s, a) rows the deletes stamped, from the roots down: (fk, stamp) = (parent's, s)
 *   softdelete_&lt;t&gt;_late(cols, s, a)    live rows right under stamped rows, through the cascading keys
 *   softdelete_check(ok)              fails on a live child over a RESTRICT key, as the delete's own check
 *   softdelete_&lt;t&gt;_late_lock          the late rows of parent tables, locked as the delete locks ({@link LockOrder})
 *   softdelete_&lt;t&gt;_late_update        UPDATE t SET stamp = s, ... for the late rows
 * SELECT the count of the late rows stamped[, and when it is 0, the entries cleared]
 * </pre>
 * The stamped rows are found as a restore finds them (by key and stamp, through the {@code (fk, marker)}
 * indexes the lint recommends; the roots by their keys, one index lookup each), so the statement stays linear in
 * the rows of the deletes. A table whose marker is a flag alone has no stamp: its deleted rows under the delete's
 * rows count as the delete's. The statement has no bind value and nothing of one delete: it reads everything from
 * the entries, so its text is the same for every delete of the table ({@link CascadeSettlement} keeps it). When
 * the gate is closed it reads no row, and a statement that settles the transaction's only table clears the
 * entries itself once nothing is left to stamp, so that a settlement that finds nothing takes one round trip.
 */
public final class LateChildren {

    static final String COUNT = "late";
    // The columns a settlement statement adds for the listeners: "index:count," per table, the entry's own
    // "index:count,..." (SettlementEntry.counted), and its stamp.
    static final String LATE_BY_TABLE = "late_by_table";
    static final String STEP_COUNTS = "step_counts";
    static final String ENTRY_STAMP = "entry_stamp";
    private static final Name GATE = DSL.name("softdelete_gate");
    private static final Name ENTRIES = DSL.name("softdelete_entries");
    private static final Name ROOTS = DSL.name("softdelete_roots");
    private static final Name LATE_ROWS = DSL.name("softdelete_late_rows");
    private static final String FOUND = "softdelete_found";
    private static final String STAMP = "softdelete_s";
    private static final String ACTOR = "softdelete_a";

    private LateChildren() {
    }

    /**
     * The statement for the entries of deletes of {@code plan}'s root, rendered by {@code dsl}; with {@code clears},
     * it clears all the transaction's entries once it stamps nothing (for a settlement of this table alone).
     */
    static Select<?> statement(DSLContext dsl, TableRegistry registry, CascadePlan plan, boolean clears) {
        List<CommonTableExpression<?>> ctes = new ArrayList<>();
        ctes.add(GATE.as(DSL.resultQuery(CascadeSettlement.GATE)));
        ctes.add(entries(registry.tables().indexOf(plan.root())));
        ctes.add(roots(registry, plan.root()));
        for (CascadePlan.Node node : plan.nodes())
            if (isParent(registry, plan, node.table()))
                ctes.add(stamped(registry, plan, node));
        List<CascadePlan.Node> reached = new ArrayList<>();
        for (CascadePlan.Node node : plan.nodes())
            if (!node.parents().isEmpty() || !node.self().isEmpty()) {
                ctes.add(late(registry, node.table(), node));
                reached.add(node);
            }
        Condition check = DSL.noCondition();
        if (!plan.restricts().isEmpty()) {
            ctes.add(restrictCheck(registry, plan));
            check = CascadeSteps.checkPassed();
        }
        Field<Integer> total = DSL.inline(0);
        Field<String> byTable = DSL.inline("");
        for (CascadePlan.Node node : reached) {
            PolicyTable table = node.table();
            Condition locked = DSL.noCondition();
            if (registry.lockOrder().lockedOnDelete(table)) {
                Name lock = RowSets.name(table, "late_lock");
                ctes.add(CascadeSteps.lock(table, RowSets.name(table, "late"), lock));
                locked = CascadeSteps.lockTaken(lock);
            }
            ctes.add(update(table, check.and(locked)));
            Field<Integer> count = DSL.field(DSL.selectCount().from(DSL.table(RowSets.name(table, "late_update"))));
            total = total.plus(count);
            byTable = byTable.concat(DSL.inline(registry.tables().indexOf(table) + ":")).concat(count.cast(SQLDataType.CLOB)).concat(DSL.inline(","));
        }
        if (!clears)
            return dsl.withRecursive(ctes.toArray(CommonTableExpression[]::new)).select(total.as(COUNT));
        // ... softdelete_counted(late) AS (SELECT <total>) SELECT late, CASE WHEN late = 0 THEN <entries cleared> END
        // FROM softdelete_counted: the counts are read, so every update has run, before the entries are cleared.
        // (A WITH that modifies data must stay at the top level: PostgreSQL refuses it in a derived table.)
        Name counted = DSL.name("softdelete_counted");
        Field<Integer> late = DSL.field(counted.append(COUNT), SQLDataType.INTEGER);
        Field<String> cleared = DSL.when(late.eq(DSL.inline(0)), SettlementEntry.cleared()).as("cleared");
        if (!registry.hasListeners()) {
            ctes.add(counted.fields(COUNT).as(DSL.select(total)));
            return dsl.withRecursive(ctes.toArray(CommonTableExpression[]::new)).select(late, cleared).from(DSL.table(counted));
        }
        // For the listeners (SettlementEntry.counted): the late rows stamped per table, and the last entry's counts and
        // stamp, read before the entries are cleared. MATERIALIZED: PostgreSQL inlines a CTE that is read once and calls
        // nothing volatile, and would then read the settings in the select list after "cleared" reset them.
        ctes.add(counted.fields(COUNT, LATE_BY_TABLE, STEP_COUNTS, ENTRY_STAMP).asMaterialized(DSL.select(total, byTable,
            SettlementEntry.lastEntrySetting(SettlementEntry.COUNTS), SettlementEntry.lastEntryStamp())));
        return dsl.withRecursive(ctes.toArray(CommonTableExpression[]::new))
            .select(late, cleared, DSL.field(counted.append(LATE_BY_TABLE)), DSL.field(counted.append(STEP_COUNTS)),
                DSL.field(counted.append(ENTRY_STAMP)))
            .from(DSL.table(counted));
    }

    // softdelete_entries(s, a, k): SELECT e->>'s', e->>'a', e->'k' FROM the entries numbered 1..n
    // WHERE e->>'t' = <table's mark> AND (SELECT open FROM softdelete_gate)
    private static CommonTableExpression<?> entries(int table) {
        Field<Integer> i = DSL.field(DSL.name("i"), SQLDataType.INTEGER);
        Field<?> entry = DSL.function("current_setting", SQLDataType.CLOB, DSL.inline(SettlementEntry.ENTRY).concat(i.cast(SQLDataType.CLOB)))
            .cast(SQLDataType.JSON);
        Field<Integer> count = DSL.coalesce(SettlementEntry.setting(SettlementEntry.COUNT), DSL.inline("0")).cast(SQLDataType.INTEGER);
        Table<?> numbers = DSL.select(DSL.function("generate_series", SQLDataType.INTEGER, DSL.inline(1), count).as("i")).asTable("softdelete_numbers");
        return ENTRIES.fields(STAMP, ACTOR, "k").as(DSL.select(
                text(entry, "s").cast(SQLDataType.TIMESTAMPWITHTIMEZONE), text(entry, "a"),
                DSL.function("json_extract_path", SQLDataType.JSON, entry, DSL.inline("k")))
            .from(numbers)
            .where(text(entry, "t").eq(DSL.inline(SettlementEntry.MARK + table)))
            .and(DSL.field(DSL.select(DSL.field(GATE.append("open"), SQLDataType.BOOLEAN)).from(DSL.table(GATE))).isTrue()));
    }

    // softdelete_roots(referenced columns, s, a): one row per matched row of each entry
    private static CommonTableExpression<?> roots(TableRegistry registry, PolicyTable root) {
        List<Field<?>> referenced = SettlementEntry.referencedColumns(registry, root);
        Field<?> row = DSL.field(DSL.name("r"), SQLDataType.JSON);
        List<Field<?>> columns = new ArrayList<>();
        for (int i = 0; i < referenced.size(); i++)
            columns.add(text(row, String.valueOf(i)).cast(referenced.get(i).getDataType()).as(referenced.get(i).getName()));
        columns.add(DSL.field(DSL.name(STAMP)));
        columns.add(DSL.field(DSL.name(ACTOR)));
        Table<?> rows = DSL.select(DSL.function("json_array_elements", SQLDataType.JSON, DSL.field(ENTRIES.append("k"))).as("r"),
                DSL.field(ENTRIES.append(STAMP)).as(STAMP), DSL.field(ENTRIES.append(ACTOR)).as(ACTOR))
            .from(DSL.table(ENTRIES)).asTable("softdelete_root");
        // WHERE json_typeof(r) = 'array', true of every matched row's entry: PostgreSQL guesses 100 rows of any
        // json_array_elements and 0.5 % of them for an equality it has no statistics for, so the roots count as
        // one row, as they usually are, and the sets below them as their real few rows, not a hundred times more.
        return ROOTS.fields(withStampAndActor(referenced)).as(DSL.select(columns).from(rows)
            .where(DSL.function("json_typeof", SQLDataType.CLOB, row).eq(DSL.inline("array"))));
    }

    // Rows of the node's table that the entries' deletes stamped: from the roots, or from the stamped rows of the
    // cascading parents (fk = parent's, stamp = parent's s), then replies recursively (PostgreSQL allows the
    // recursive reference once, in the last branch: one join over every self-referencing key).
    private static CommonTableExpression<?> stamped(TableRegistry registry, CascadePlan plan, CascadePlan.Node node) {
        PolicyTable table = node.table();
        List<Field<?>> columns = RowSets.columns(table, registry.relations());
        Select<?> rows = null;
        if (table.equals(plan.root())) {
            // FROM softdelete_roots CROSS JOIN LATERAL (SELECT ... FROM t WHERE t.key = root's key AND stamped
            // OFFSET 0): a lookup by key per root, as under() looks up children.
            Table<?> row = new UnfilteredTable<>(table.table().as("softdelete_row"));
            List<Field<?>> referenced = SettlementEntry.referencedColumns(registry, table);
            Field<?> stamp = DSL.field(ROOTS.append(STAMP));
            Table<?> found = DSL.select(RowSets.on(row, columns)).from(row)
                .where(DSL.row(RowSets.on(row, referenced)).eq(DSL.row(RowSets.ofSetNamed(ROOTS, referenced))))
                .and(stampedWith(table, row, stamp))
                .offset(DSL.inline(0))
                .asTable(FOUND);
            rows = DSL.select(out(columns, ROOTS)).from(DSL.table(ROOTS)).crossJoin(DSL.lateral(found));
        }
        for (Relation relation : node.parents())
            rows = union(rows, under(table, columns, List.of(relation), "stamped", false));
        if (!node.self().isEmpty())
            rows = union(rows, under(table, columns, node.self(), "stamped", false));
        return RowSets.name(table, "stamped").fields(withStampAndActor(columns)).as(rows);
    }

    // Live rows of the node's table right under stamped rows of their parents (replies included). Rows under those
    // are found by the next round, when these are stamped: no recursion here, whose estimates PostgreSQL multiplies
    // by ten per level, which would cost the statement its JIT threshold (EXPLAIN: some 200,000 for three tables).
    private static CommonTableExpression<?> late(TableRegistry registry, PolicyTable table, CascadePlan.Node node) {
        List<Field<?>> columns = RowSets.columns(table, registry.relations());
        Select<?> rows = null;
        for (Relation relation : node.parents())
            rows = union(rows, under(table, columns, List.of(relation), "stamped", true));
        if (!node.self().isEmpty())
            rows = union(rows, under(table, columns, node.self(), "stamped", true));
        return RowSets.name(table, "late").fields(withStampAndActor(columns)).as(rows);
    }

    // SELECT the found rows' columns, parent's s and a FROM the parent table's <set> CROSS JOIN LATERAL (SELECT
    // child's columns FROM child WHERE one of the keys' fk = the parent's columns AND (live, or stamped with the
    // parent's s) OFFSET 0) found: a lookup through the (fk, marker) index per parent row, whatever PostgreSQL
    // guesses of the sets' sizes (their roots come out of JSON); OFFSET 0 keeps it from turning the lookups into a
    // join that hashes a scan of the whole child table (EXPLAIN, 50,000 comments). The parent set may be the
    // recursive CTE itself: its columns, not its name, appear in the subquery, as PostgreSQL requires.
    private static Select<?> under(PolicyTable table, List<Field<?>> columns, List<Relation> relations, String parentSet, boolean live) {
        Table<?> child = new UnfilteredTable<>(table.table().as("softdelete_child"));
        Name setName = RowSets.name(relations.get(0).parent(), parentSet);
        List<Condition> joins = new ArrayList<>();
        for (Relation relation : relations)
            joins.add(DSL.row(RowSets.on(child, relation.childColumns())).eq(DSL.row(RowSets.ofSetNamed(setName, relation.parentColumns()))));
        Field<?> stamp = DSL.field(setName.append(STAMP));
        Table<?> found = DSL.select(RowSets.on(child, columns)).from(child)
            .where(DSL.or(joins))
            .and(live ? MarkerPredicates.live(table, child) : stampedWith(table, child, stamp))
            .offset(DSL.inline(0))
            .asTable(FOUND);
        return DSL.select(out(columns, setName)).from(DSL.table(setName)).crossJoin(DSL.lateral(found));
    }

    // The found row's columns, then the stamp and actor of the set they were found from.
    private static List<Field<?>> out(List<Field<?>> columns, Name from) {
        List<Field<?>> fields = new ArrayList<>(RowSets.ofSetNamed(DSL.name(FOUND), columns));
        fields.add(DSL.field(from.append(STAMP)));
        fields.add(DSL.field(from.append(ACTOR)));
        return fields;
    }

    // Deleted by the delete with stamp s: its stamp is s. A flag alone cannot say which delete: deleted.
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static Condition stampedWith(PolicyTable table, Table<?> row, Field<?> stamp) {
        if (table.stamp() == null)
            return MarkerPredicates.deleted(table, row);
        return ((Field) CascadeDelete.stamp(row, table)).eq(stamp);
    }

    // The delete's RESTRICT check, over the stamped and late rows: a live child over a RESTRICT key that the
    // settlement does not delete itself refuses it.
    private static CommonTableExpression<?> restrictCheck(TableRegistry registry, CascadePlan plan) {
        CaseConditionStep<String> checks = null;
        for (Relation relation : plan.restricts())
            checks = CascadeSteps.failWhen(checks, blocked(registry, plan, relation), CascadeDelete.RESTRICT_MARK + relation.name());
        return CascadeSteps.check(checks);
    }

    private static Condition blocked(TableRegistry registry, CascadePlan plan, Relation relation) {
        PolicyTable softDeletableChild = registry.lookup(relation.child());
        Table<?> child = softDeletableChild != null
            ? new UnfilteredTable<>(relation.child().as("softdelete_blocker"))
            : relation.child().as("softdelete_blocker");
        List<Field<?>> fk = RowSets.on(child, relation.childColumns());
        Condition under = RowSets.in(fk, parentRows(relation, "stamped"));
        if (hasLateSet(plan, relation.parent()))
            under = under.or(RowSets.in(fk, parentRows(relation, "late")));
        Condition condition = under;
        if (softDeletableChild != null) {
            condition = condition.and(MarkerPredicates.live(softDeletableChild, child));
            if (hasLateSet(plan, softDeletableChild))
                condition = condition.andNot(RowSets.in(RowSets.on(child, RowSets.key(softDeletableChild)),
                    DSL.select(RowSets.ofSetNamed(RowSets.name(softDeletableChild, "late"), RowSets.key(softDeletableChild)))
                        .from(DSL.table(RowSets.name(softDeletableChild, "late")))));
        }
        return Qom.exists(DSL.selectOne().from(child).where(condition));
    }

    private static Select<? extends Record> parentRows(Relation relation, String set) {
        Name name = RowSets.name(relation.parent(), set);
        return DSL.select(RowSets.ofSetNamed(name, relation.parentColumns())).from(DSL.table(name));
    }

    // UPDATE t SET <marker> = the late row's s, ... FROM (SELECT key, min(s), min(a) FROM late GROUP BY key ORDER BY key) l
    // WHERE t.key = l.key AND t is live AND the checks passed RETURNING 1: in key order, as CascadeSteps.update.
    private static CommonTableExpression<?> update(PolicyTable table, Condition checks) {
        Table<?> rows = new UnfilteredTable<>(table.table());
        Name late = RowSets.name(table, "late");
        List<Field<?>> key = RowSets.key(table);
        List<Field<?>> lateKey = RowSets.ofSetNamed(late, key);
        List<Field<?>> select = new ArrayList<>();
        List<Field<?>> lateRowKey = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            select.add(lateKey.get(i).as(CascadeSteps.orderKey(i)));
            lateRowKey.add(DSL.field(LATE_ROWS.append(CascadeSteps.orderKey(i)), key.get(i).getDataType()));
        }
        select.add(DSL.min(DSL.field(late.append(STAMP), SQLDataType.TIMESTAMPWITHTIMEZONE)).as(STAMP));
        select.add(DSL.min(DSL.field(late.append(ACTOR), SQLDataType.CLOB)).as(ACTOR));
        Table<?> lateRows = DSL.select(select).from(DSL.table(late)).groupBy(lateKey).orderBy(lateKey).asTable(LATE_ROWS);
        return RowSets.name(table, "late_update").as(LibraryWrite.completion(DSL.update(CascadeSteps.asRecordTable(rows)), table,
                DSL.field(LATE_ROWS.append(STAMP), SQLDataType.TIMESTAMPWITHTIMEZONE), DSL.field(LATE_ROWS.append(ACTOR), SQLDataType.CLOB))
            .from(lateRows)
            .where(DSL.row(RowSets.on(rows, key)).eq(DSL.row(lateRowKey)))
            .and(MarkerPredicates.live(table, rows))
            .and(checks)
            .returning(DSL.inline(1).as("stamped")));
    }

    // Whether a table of the plan is the parent of a key the settlement follows: its deleted rows are looked at.
    private static boolean isParent(TableRegistry registry, CascadePlan plan, PolicyTable table) {
        for (CascadePlan.Node node : plan.nodes()) {
            for (Relation relation : node.parents())
                if (relation.parent().equals(table))
                    return true;
            for (Relation relation : node.self())
                if (relation.parent().equals(table))
                    return true;
        }
        for (Relation relation : plan.restricts())
            if (relation.parent().equals(table))
                return true;
        return false;
    }

    private static boolean hasLateSet(CascadePlan plan, PolicyTable table) {
        CascadePlan.Node node = plan.node(table);
        return node != null && (!node.parents().isEmpty() || !node.self().isEmpty());
    }

    private static String[] withStampAndActor(List<Field<?>> columns) {
        List<String> names = new ArrayList<>();
        for (Field<?> column : columns)
            names.add(column.getName());
        names.add(STAMP);
        names.add(ACTOR);
        return names.toArray(String[]::new);
    }

    private static Field<String> text(Field<?> json, String path) {
        return DSL.function("json_extract_path_text", SQLDataType.CLOB, json, DSL.inline(path));
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static Select<?> union(Select<?> a, Select<?> b) {
        return a == null ? b : ((Select) a).union((Select) b);
    }
}
