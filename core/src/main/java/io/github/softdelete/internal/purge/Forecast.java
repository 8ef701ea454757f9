package io.github.softdelete.internal.purge;

import java.time.OffsetDateTime;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Name;
import org.jooq.Record2;
import org.jooq.impl.DSL;

import io.github.softdelete.PurgeListener;
import io.github.softdelete.PurgeReport;
import io.github.softdelete.internal.policy.Relation;

/**
 * A dry run of one table: what a run would purge and keep, by reading only. It takes no lock beyond
 * what a SELECT takes and writes nothing.
 *
 * <p>Since nothing is purged, the children of a candidate are all still there, so a referencing row
 * keeps the candidate only if it would itself stay ({@link PurgeConditions#mustStay}). The figures are
 * those of a run on the data as it is now; rows that change in between change the run's figures.
 */
final class Forecast {

    private Forecast() {
    }

    static PurgeReport.TableReport of(DSLContext plain, PurgePlan plan, PurgeTarget target, OffsetDateTime cutoff,
                                      PurgeListener listener) {
        long started = System.nanoTime();
        PurgeConditions conditions = new PurgeConditions(plan, cutoff);
        long due = plain.fetchCount(target.reference(), conditions.due(target, target.qualifier()));
        TableTally tally = new TableTally(target.name(), due);
        for (Record2<Integer, Integer> row : KeptReasons.grouped(plain, conditions, target, DSL.noCondition(), true)) {
            if (row.value1() == null)
                tally.purged(row.value2());
            else
                tally.kept(KeptReasons.of(target, row.value1()), row.value2());
        }
        for (Relation relation : target.cascaded())
            tally.cascaded(relation.toString(), referencing(plain, plan, target, cutoff, relation));
        for (Relation relation : target.setNull())
            tally.setNull(relation.toString(), referencing(plain, plan, target, cutoff, relation));
        listener.batchDone(tally.progress(tally.purged(), System.nanoTime() - started));
        return tally.report();
    }

    // The rows that reference a row the run would purge, and would themselves still be there then.
    private static long referencing(DSLContext plain, PurgePlan plan, PurgeTarget target, OffsetDateTime cutoff, Relation relation) {
        PurgeConditions conditions = new PurgeConditions(plan, cutoff);
        Name parent = DSL.name("softdelete_parent");
        Name child = DSL.name("softdelete_child");
        Condition purgeable = conditions.due(target, parent).andNot(conditions.mustStay(target, parent));
        PurgeTarget childTarget = plan.target(relation.child());
        Condition childStays = childTarget == null ? DSL.noCondition() : conditions.mustStay(childTarget, child);
        return plain.fetchCount(DSL.selectOne().from(DSL.table(relation.child().getQualifiedName()).as(child.last()))
            .where(Columns.in(Columns.on(child, relation.childColumns()),
                DSL.select(Columns.on(parent, relation.parentColumns())).from(target.reference(parent.last())).where(purgeable)))
            .and(childStays));
    }
}
