package io.github.softdelete.internal.purge;

import java.util.List;

import org.jooq.CaseConditionStep;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import io.github.softdelete.PurgeReport;
import io.github.softdelete.internal.policy.Relation;

/**
 * Why due rows stay: for each, the first foreign key (in the policy's order) through which a row that
 * stays references it. One grouped query per batch that kept something, in the batch's transaction, so
 * its memory is a handful of counters however many rows were kept.
 */
final class KeptReasons {

    private KeptReasons() {
    }

    /**
     * Counts the due rows left in {@code range} by reason, into {@code tally}; the kept candidates not
     * found there are no longer due (restored, or deleted again after the cutoff).
     */
    static void count(DSLContext tx, PurgeConditions conditions, PurgeTarget target, Condition range, TableTally tally, long kept) {
        long found = 0;
        for (Record2<Integer, Integer> row : grouped(tx, conditions, target, range, false)) {
            // No reference keeps the row any more: it changed between the batch's DELETE and this count.
            tally.kept(row.value1() == null ? PurgeReport.KeptReason.Unreferenced.CHANGED_DURING_BATCH : of(target, row.value1()), row.value2());
            found += row.value2();
        }
        tally.kept(PurgeReport.KeptReason.Unreferenced.NO_LONGER_DUE, kept - found);
    }

    /** The reason of {@link #grouped}'s number: the key at that index of {@code target.allBlocking()}. */
    static PurgeReport.KeptReason of(PurgeTarget target, int reason) {
        return new PurgeReport.KeptReason.Referenced(target.allBlocking().get(reason).described());
    }

    /**
     * {@code SELECT reason, count(*) FROM table WHERE due AND where GROUP BY reason}, the reason being the index of
     * the keeping key in {@code target.allBlocking()}, or NULL for rows no reference keeps.
     */
    static List<Record2<Integer, Integer>> grouped(DSLContext ctx, PurgeConditions conditions, PurgeTarget target,
                                                  Condition where, boolean forecast) {
        // Grouped outside a derived table: grouping by the CASE itself would repeat its subqueries and
        // bind values, which PostgreSQL cannot match with the select list's.
        Table<?> reasons = ctx.select(reason(conditions, target, forecast).as("reason")).from(target.reference())
            .where(conditions.due(target, target.qualifier()).and(where)).asTable("softdelete_reasons");
        Field<Integer> reason = reasons.field("reason", Integer.class);
        return ctx.select(reason, DSL.count()).from(reasons).groupBy(reason).fetch();
    }

    private static Field<Integer> reason(PurgeConditions conditions, PurgeTarget target, boolean forecast) {
        List<Relation> relations = target.allBlocking();
        if (relations.isEmpty())
            return DSL.inline(null, SQLDataType.INTEGER);
        CaseConditionStep<Integer> reason = null;
        for (int i = 0; i < relations.size(); i++) {
            Condition kept = conditions.referencedThrough(relations.get(i), target.qualifier(), forecast);
            Field<Integer> index = DSL.inline(i);
            reason = reason == null ? DSL.when(kept, index) : reason.when(kept, index);
        }
        return reason;
    }
}
