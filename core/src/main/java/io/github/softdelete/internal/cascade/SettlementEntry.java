package io.github.softdelete.internal.cascade;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import io.github.softdelete.OnDelete;

import io.github.softdelete.internal.policy.CascadePlan;
import io.github.softdelete.internal.policy.PolicyTable;
import io.github.softdelete.internal.policy.Relation;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.sql.LibraryWrite;

/**
 * What a cascading soft delete leaves for its settlement ({@link CascadeSettlement}): one entry per statement,
 * in transaction-local settings, written by a CTE of the statement itself:
 * <pre>
 * softdelete_settlement(entry, n, since) AS (
 *   SELECT set_config('softdelete.e' || x.n, json_build_object('t', &lt;table&gt;, 's', statement_timestamp(),
 *                       'a', &lt;actor&gt;, 'k', (SELECT json_agg(json_build_array(&lt;referenced columns&gt;)) FROM &lt;matched rows&gt;))::text, true),
 *          set_config('softdelete.n', x.n::text, true),
 *          set_config('softdelete.since', coalesce(&lt;since&gt;, pg_current_snapshot()::text), true)
 *   FROM (SELECT coalesce(&lt;softdelete.n&gt;, 0) + 1 AS n) x)
 * </pre>
 * <ul>
 *   <li>Why settings: the settlement runs as later statements of the same transaction, and a statement of
 *       PostgreSQL can hand values to a later one only through the database. Settings set with
 *       {@code is_local = true} need no table of the library's and no DDL, and are gone at the end of the
 *       transaction, or of the savepoint, if either rolls back.</li>
 *   <li>Why numbered entries: a JDBC batch runs the statement once per row of binds before the settlement
 *       runs once; each run adds its own entry, in constant time.</li>
 *   <li>What an entry holds: the policy's index of the table deleted from (as its mark, {@link #MARK}), the
 *       stamp the statement wrote ({@code statement_timestamp()}), the actor for deleted-by columns (or null),
 *       and the referenced columns of the rows the DELETE's condition matched: what the children of those rows
 *       point at.
 *       {@code since} is the snapshot of the first statement since the last settlement.</li>
 * </ul>
 * The CTE has no bind value: the actor is inlined, as in the statement's SET ({@link LibraryWrite}).
 */
final class SettlementEntry {

    /** The CTE's name. */
    static final String NAME = "softdelete_settlement";

    /**
     * The start of an entry's table, a string literal in the statement: {@code 'softdelete-entry:<index>'}, the
     * table's index in the policy. It tells the settlement that a statement left entries, and of which tables,
     * from the statement's text alone, whatever the settings do to names (quoting, case): literals render as
     * written.
     */
    static final String MARK = "softdelete-entry:";

    private static final int MAX_INDEX_DIGITS = 6;

    static final String COUNT = "softdelete.n";
    static final String ENTRY = "softdelete.e";
    static final String SINCE = "softdelete.since";
    /** The entry's counts, {@code softdelete.c<n>}: written only where the policy has listeners ({@link #counted}). */
    static final String COUNTS = "softdelete.c";

    private static final Name CTE = DSL.name(NAME);
    private static final Name COUNTED = DSL.name("softdelete_counted");

    private SettlementEntry() {
    }

    /** The entry CTE of a soft delete of {@code plan}'s root whose matched rows are the set {@code matched}. */
    static CommonTableExpression<?> cte(TableRegistry registry, CascadePlan plan, Name matched, Object actor) {
        PolicyTable root = plan.root();
        List<Field<?>> referenced = new ArrayList<>();
        for (Field<?> column : referencedColumns(registry, root))
            referenced.add(DSL.field(matched.append(column.getName()), column.getDataType()));
        Field<?> keys = DSL.field(DSL.select(DSL.coalesce(
                DSL.function("json_agg", SQLDataType.JSON, DSL.function("json_build_array", SQLDataType.JSON, referenced.toArray(Field[]::new))),
                DSL.inline("[]").cast(SQLDataType.JSON)))
            .from(DSL.table(matched)));
        Field<?> entry = DSL.function("json_build_object", SQLDataType.JSON,
            DSL.inline("t"), DSL.inline(MARK + registry.tables().indexOf(root)),
            DSL.inline("s"), DSL.function("statement_timestamp", SQLDataType.TIMESTAMPWITHTIMEZONE),
            DSL.inline("a"), actor == null || !stampsActor(plan) ? DSL.inline((String) null) : DSL.inline(actor),
            DSL.inline("k"), keys);
        Field<Integer> n = DSL.field(DSL.name("x", "n"), SQLDataType.INTEGER);
        Field<Integer> next = DSL.coalesce(setting(COUNT), DSL.inline("0")).cast(SQLDataType.INTEGER).plus(DSL.inline(1));
        Field<String> snapshot = DSL.function("pg_current_snapshot", SQLDataType.OTHER).cast(SQLDataType.CLOB);
        return CTE.fields("entry", "n", "since").as(DSL.select(
                setConfig(DSL.inline(ENTRY).concat(n.cast(SQLDataType.CLOB)), entry.cast(SQLDataType.CLOB)),
                setConfig(DSL.inline(COUNT), n.cast(SQLDataType.CLOB)),
                setConfig(DSL.inline(SINCE), DSL.coalesce(setting(SINCE), snapshot)))
            .from(DSL.select(next.as("n")).asTable("x")));
    }

    /**
     * The policy indexes of the tables whose deletes left entries, read from the marks in {@code sql}, or none
     * ({@link #MARK}), added to {@code tables}.
     */
    static void tables(String sql, Set<Integer> tables) {
        if (sql == null)
            return;
        String start = "'" + MARK;
        for (int at = sql.indexOf(start); at >= 0; at = sql.indexOf(start, at + 1)) {
            int digits = at + start.length();
            int end = digits;
            while (end < sql.length() && Character.isDigit(sql.charAt(end)))
                end++;
            // A literal of the user's that looks like a mark costs a settlement statement that finds nothing; one
            // too long to be an index is not a mark.
            if (end > digits && end - digits <= MAX_INDEX_DIGITS && end < sql.length() && sql.charAt(end) == '\'')
                tables.add(Integer.parseInt(sql.substring(digits, end)));
        }
    }

    /**
     * Where the policy has listeners, the CTE that writes what each step of the delete stamped, for the settlement to
     * read back with its own figures ({@link LateChildren}): {@code softdelete_counted(c) AS (SELECT
     * set_config('softdelete.c' || n, '<index>:' || ((SELECT count(*) FROM step) + ...) || ',' || ..., true))}, one
     * {@code index:count} per table of the policy, of the steps given for it. The outer UPDATE's rows are not among
     * them: their count is the statement's own.
     *
     * <p>Why a setting again: the counts exist only inside the statement (the steps' RETURNING), and the settlement is
     * the round trip that follows every cascading delete anyway ({@link CascadeSettlement}), so they come back without
     * one of their own. Reading the steps makes them run before the outer UPDATE instead of after it; the root's rows
     * are still locked first, since the first step waits for the root's lock ({@code CascadeSteps.lockTaken}).
     */
    static CommonTableExpression<?> counted(TableRegistry registry, Map<PolicyTable, List<Name>> steps) {
        Field<String> n = DSL.field(DSL.select(DSL.field(CTE.append("n"))).from(DSL.table(CTE))).cast(SQLDataType.CLOB);
        return counted(registry, steps, DSL.inline(COUNTS).concat(n));
    }

    /** As {@link #counted(TableRegistry, Map)}, into the transaction's setting named {@code setting}. */
    static CommonTableExpression<?> counted(TableRegistry registry, Map<PolicyTable, List<Name>> steps, Field<String> setting) {
        Field<String> counts = null;
        for (Map.Entry<PolicyTable, List<Name>> table : steps.entrySet()) {
            Field<Integer> count = DSL.inline(0);
            for (Name step : table.getValue())
                count = count.plus(DSL.field(DSL.selectCount().from(DSL.table(step))));
            Field<String> one = DSL.inline(registry.tables().indexOf(table.getKey()) + ":").concat(count.cast(SQLDataType.CLOB));
            counts = counts == null ? one : counts.concat(DSL.inline(",")).concat(one);
        }
        return COUNTED.fields("c").as(DSL.select(setConfig(setting, counts == null ? DSL.inline("") : counts)));
    }

    /** True once the counts are written ({@link #counted}): evaluated once, after {@link #recorded()}. */
    static Condition counted() {
        return DSL.field(DSL.select(DSL.field(COUNTED.append("c"))).from(DSL.table(COUNTED))).isNotNull();
    }

    /** True once the entry is written: the outer UPDATE's condition that makes PostgreSQL evaluate the CTE, once. */
    static Condition recorded() {
        return DSL.field(DSL.select(DSL.field(CTE.append("n"))).from(DSL.table(CTE))).isNotNull();
    }

    /**
     * The columns of {@code table} that the keys a settlement follows reference (usually the primary key):
     * what an entry records of each row the DELETE matched.
     */
    static List<Field<?>> referencedColumns(TableRegistry registry, PolicyTable table) {
        Set<String> seen = new LinkedHashSet<>();
        List<Field<?>> columns = new ArrayList<>();
        for (Relation relation : registry.relations())
            if (relation.parent().equals(table) && relation.rule() != OnDelete.SET_NULL && relation.rule() != OnDelete.SET_DEFAULT)
                for (Field<?> column : relation.parentColumns())
                    if (seen.add(column.getName()))
                        columns.add(column);
        return columns;
    }

    private static boolean stampsActor(CascadePlan plan) {
        for (CascadePlan.Node node : plan.nodes())
            if (node.table().deletedBy() != null)
                return true;
        return false;
    }

    /** {@code current_setting(<prefix> || <softdelete.n>, true)}: a setting of the transaction's last entry. */
    static Field<String> lastEntrySetting(String prefix) {
        return DSL.function("current_setting", SQLDataType.CLOB, DSL.inline(prefix).concat(DSL.coalesce(setting(COUNT), DSL.inline("0"))),
            DSL.inline(true));
    }

    /** The stamp the transaction's last entry recorded, as the text of a JSON timestamp, or null. */
    static Field<String> lastEntryStamp() {
        return DSL.function("json_extract_path_text", SQLDataType.CLOB, DSL.nullif(lastEntrySetting(ENTRY), DSL.inline("")).cast(SQLDataType.JSON),
            DSL.inline("s"));
    }

    /** {@code set_config('softdelete.n', '0', true) || set_config('softdelete.since', '', true)}: no entries left. */
    static Field<String> cleared() {
        return setConfig(DSL.inline(COUNT), DSL.inline("0")).concat(setConfig(DSL.inline(SINCE), DSL.inline("")));
    }

    // nullif(current_setting(name, true), ''): the setting, or null when it is unset or was reset
    static Field<String> setting(String name) {
        return DSL.nullif(DSL.function("current_setting", SQLDataType.CLOB, DSL.inline(name), DSL.inline(true)), DSL.inline(""));
    }

    private static Field<String> setConfig(Field<String> name, Field<String> value) {
        return DSL.function("set_config", SQLDataType.CLOB, name, value, DSL.inline(true));
    }
}
