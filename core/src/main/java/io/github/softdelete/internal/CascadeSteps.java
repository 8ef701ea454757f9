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

    /** The SET of a delete ({@code marker = statement_timestamp()}, ...) or of a restore ({@code marker = NULL}, ...). */
    static UpdateSetMoreStep<Record> set(UpdateSetFirstStep<Record> update, PolicyTable table, boolean deletion, Object actor) {
        return deletion ? LibraryWrite.deletion(update, table, actor) : LibraryWrite.restoration(update, table);
    }

    @SuppressWarnings("unchecked")
    static Table<Record> asRecordTable(Table<?> table) {
        return (Table<Record>) table;
    }
}
