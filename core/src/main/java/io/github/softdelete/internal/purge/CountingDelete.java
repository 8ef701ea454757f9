package io.github.softdelete.internal.purge;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.impl.DSL;

import io.github.softdelete.internal.policy.Relation;

/**
 * The DELETE of one purge batch on MariaDB, which has no DELETE inside {@code WITH ... RETURNING}
 * (docs/mariadb-facts.md): two statements, run after {@link BatchedPurge} locked the batch's due rows, where
 * PostgreSQL runs one.
 * <ol>
 *   <li>For each key whose {@code ON DELETE} action the report counts, {@code SELECT count(*) FROM child WHERE fk IN
 *       (SELECT ... FROM t WHERE <range> AND <due> AND <not referenced>) FOR UPDATE}: what the database's own action
 *       will reach. The child rows are locked, so none of them goes away before the DELETE.</li>
 *   <li>{@code DELETE FROM t WHERE <range> AND <due> AND <not referenced>}: the same rows as the count's, since no
 *       row can come to reference a locked row.</li>
 * </ol>
 * MariaDB allows a DELETE's subquery to read the table it deletes from (a self-reference), and evaluates it before
 * deleting, as PostgreSQL does (checked on 10.11).
 */
final class CountingDelete {

    private final PurgePlan plan;
    private final PurgeTarget target;
    private final OffsetDateTime cutoff;

    CountingDelete(PurgePlan plan, PurgeTarget target, OffsetDateTime cutoff) {
        this.plan = plan;
        this.target = target;
        this.cutoff = cutoff;
    }

    /** Deletes the batch of the keys in {@code range} (its bounds are {@code previous} and {@code last}) into {@code batch}. */
    void delete(DSLContext tx, BatchFigures batch, Condition range, List<Object> previous, List<Object> last) {
        Name table = target.qualifier();
        PurgeConditions conditions = new PurgeConditions(plan, cutoff);
        for (Relation relation : target.cascaded())
            batch.cascaded(relation, referencing(tx, relation, range, previous, last));
        for (Relation relation : target.setNull())
            batch.setNull(relation, referencing(tx, relation, range, previous, last));
        batch.purged(tx.deleteFrom(target.reference())
            .where(range.and(conditions.due(target, table)).and(conditions.notReferenced(target, table, previous, last)))
            .execute());
    }

    // The rows of relation's child that reference a row this batch deletes, locked.
    private long referencing(DSLContext tx, Relation relation, Condition range, List<Object> previous, List<Object> last) {
        Name table = target.qualifier();
        PurgeConditions conditions = new PurgeConditions(plan, cutoff);
        Select<Record> purged = DSL.select(Columns.on(table, relation.parentColumns())).from(target.reference())
            .where(range.and(conditions.due(target, table)).and(conditions.notReferenced(target, table, previous, last)));
        Name child = relation.child().getQualifiedName();
        List<Field<?>> references = new ArrayList<>(Columns.on(child, relation.childColumns()));
        return tx.selectCount().from(DSL.table(child)).where(Columns.in(references, purged)).forUpdate().fetchOne(0, Long.class);
    }
}
