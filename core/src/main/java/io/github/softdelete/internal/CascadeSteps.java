package io.github.softdelete.internal;

import java.util.List;

import org.jooq.CaseConditionStep;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.UpdateSetFirstStep;
import org.jooq.UpdateSetMoreStep;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The pieces that {@link CascadeDelete} and {@link CascadeRestore} both build: the data-modifying
 * CTE that stamps (or clears) the rows of one set, and the in-statement check.
 *
 * <p>The check is a CTE {@code softdelete_check(ok)} whose single value is {@code 0}, or whose
 * computation fails: {@code CAST('<mark><key>' AS integer)} raises an error that names the key, and
 * aborts the whole statement, so that one statement both checks and changes. Every UPDATE of the
 * statement requires {@code ok = 0}, which makes PostgreSQL evaluate the check before it changes a row.
 * {@link StatementRefusals} turns the error into a {@code SoftDeleteException}.
 */
final class CascadeSteps {

    private static final Name CHECK = DSL.name("softdelete_check");

    private CascadeSteps() {
    }

    /** {@code CASE WHEN failed THEN '<mark><key>'}, appended to the checks so far (null for none). */
    static CaseConditionStep<String> failWhen(CaseConditionStep<String> checks, Condition failed, String mark) {
        return checks == null ? DSL.when(failed, DSL.inline(mark)) : checks.when(failed, DSL.inline(mark));
    }

    /** The check CTE, failing on the first of {@code checks} that holds. */
    static CommonTableExpression<?> check(CaseConditionStep<String> checks) {
        Field<Integer> ok = checks.otherwise(DSL.inline("0")).cast(SQLDataType.INTEGER);
        return CHECK.fields("ok").as(DSL.select(ok));
    }

    /** The condition every UPDATE of a checked statement carries. */
    static Condition checkPassed() {
        return DSL.field(DSL.select(DSL.field(CHECK.append("ok"), Integer.class)).from(DSL.table(CHECK))).eq(DSL.inline(0));
    }

    /**
     * {@code name AS (UPDATE table SET marker = value WHERE key IN (its set) AND only AND check RETURNING key)}.
     * A soft delete also requires the row to be live still: PostgreSQL re-checks that on a row a
     * concurrent transaction changed, so such a row keeps its own stamp.
     */
    static CommonTableExpression<?> update(PolicyTable table, String suffix, boolean deletion, Object actor, Condition check, Condition only) {
        Table<?> rows = new UnfilteredTable<>(table.table());
        List<Field<?>> key = RowSets.on(rows, RowSets.key(table));
        UpdateSetMoreStep<Record> set = deletion
            ? LibraryWrite.deletion(DSL.update(asRecordTable(rows)), table, actor, true)
            : LibraryWrite.restoration(DSL.update(asRecordTable(rows)), table);
        return RowSets.name(table, suffix).as(set
            .where(RowSets.in(key, RowSets.keys(table)))
            .and(only)
            .and(deletion ? MarkerPredicates.live(table, rows) : DSL.noCondition())
            .and(check)
            .returning(key));
    }

    /**
     * {@code softdelete_<table>_lock AS (SELECT key FROM table WHERE key IN (SELECT key FROM its set) ORDER BY key
     * FOR UPDATE)}: the rows a soft delete stamps, locked in key order in the mode that conflicts with the
     * checks of the writes that would make them parents ({@link ParentLocks}).
     */
    static CommonTableExpression<?> lock(PolicyTable table) {
        Table<?> rows = new UnfilteredTable<>(table.table());
        List<Field<?>> key = RowSets.on(rows, RowSets.key(table));
        return lockName(table).as(DSL.select(key).from(rows).where(RowSets.in(key, RowSets.keys(table))).orderBy(key).forUpdate());
    }

    /**
     * {@code (SELECT count(*) FROM softdelete_<table>_lock) IS NOT NULL}: true, and evaluated once before the
     * UPDATE that carries it reads a row (PostgreSQL plans it as a one-time filter), which takes the locks first.
     * The UPDATE still finds its rows by the set, as PostgreSQL re-reads a row that changed while the lock waited.
     */
    static Condition locked(PolicyTable table) {
        return DSL.field(DSL.selectCount().from(DSL.table(lockName(table)))).isNotNull();
    }

    private static Name lockName(PolicyTable table) {
        return RowSets.name(table, "lock");
    }

    /** The SET of a delete ({@code marker = statement_timestamp()}, ...) or of a restore ({@code marker = NULL}, ...). */
    static UpdateSetMoreStep<Record> set(UpdateSetFirstStep<Record> update, PolicyTable table, boolean deletion, Object actor) {
        return deletion ? LibraryWrite.deletion(update, table, actor) : LibraryWrite.restoration(update, table);
    }

    @SuppressWarnings("unchecked")
    static Table<Record> asRecordTable(Table<?> table) {
        return (Table<Record>) table;
    }
}
