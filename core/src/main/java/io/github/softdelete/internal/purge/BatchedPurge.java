package io.github.softdelete.internal.purge;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

import io.github.softdelete.PurgeListener;
import io.github.softdelete.PurgeReport;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.internal.jooq.Engine;
import io.github.softdelete.internal.jooq.ServerErrors;
import io.github.softdelete.internal.policy.Relation;
import io.github.softdelete.internal.policy.TableRegistry;

/**
 * Purges one table in batches: each batch is one short transaction over at most {@code batchSize}
 * candidates, found by keyset pagination over the primary key ({@link #page}), so no run ever holds more
 * than a page's keys in memory or one batch's locks.
 *
 * <p>A batch is the keys {@code (previous, last]} of a page, which holds at most {@code batchSize} due
 * rows, and one statement deletes them (after the one that locks them, below):
 * <pre>
 * WITH purged AS (DELETE FROM t WHERE key &gt; :previous AND key &lt;= :last
 *                   AND marker IS NOT NULL AND marker &lt; :cutoff        -- re-checked: a restore wins
 *                   AND NOT EXISTS (SELECT 1 FROM child WHERE child.fk = t.key
 *                                   AND child.fk &gt; :previous AND child.fk &lt;= :last) ...
 *                 RETURNING key, referenced columns)
 * SELECT (SELECT count(*) FROM purged), (SELECT count(*) FROM unmarked_child WHERE fk IN (SELECT ... FROM purged)), ...
 * </pre>
 * The counting subqueries read the statement's snapshot, taken before the database's own ON DELETE
 * actions run, so they count exactly the rows those actions reach. A crash loses at most the open
 * batch, which rolls back; a new run finds the rows that are left and goes on.
 *
 * <p>Before it, the batch locks its due rows ({@link #lockDueRows}), so that the DELETE sees every row that references
 * them. On MariaDB, which has no DELETE inside WITH, the counts and the DELETE are two statements instead:
 * {@link CountingDelete}.
 *
 * <p>A table that references itself is passed again while a pass purges something: a reply keeps its
 * parent until the reply itself is gone.
 */
final class BatchedPurge {

    private static final Name PURGED = DSL.name("softdelete_purged");

    /** How many batches of keys a page reads at most ({@link #page}). */
    private static final int WINDOW = 4;

    private final DSLContext plain;
    private final TableRegistry registry;
    private final PurgePlan plan;
    private final PurgeTarget target;
    private final OffsetDateTime cutoff;
    private final int batchSize;
    private final PurgeListener listener;

    BatchedPurge(DSLContext plain, TableRegistry registry, PurgePlan plan, PurgeTarget target, OffsetDateTime cutoff, int batchSize,
                 PurgeListener listener) {
        this.plain = plain;
        this.registry = registry;
        this.plan = plan;
        this.target = target;
        this.cutoff = cutoff;
        this.batchSize = batchSize;
        this.listener = listener;
    }

    PurgeReport.TableReport run() {
        PurgeConditions conditions = new PurgeConditions(plan, cutoff);
        long due = plain.fetchCount(target.reference(), conditions.due(target, target.qualifier()));
        TableTally tally = new TableTally(target.name(), due);
        long purgedInPass;
        do {
            tally.forgetKeptByReferences();
            purgedInPass = pass(tally);
        } while (!target.self().isEmpty() && purgedInPass > 0);
        return tally.report();
    }

    private long pass(TableTally tally) {
        long before = tally.purged();
        List<Object> previous = null;
        while (true) {
            Page page = page(previous);
            if (page.candidates() > 0) {
                long started = System.nanoTime();
                long purged = batch(tally, page.candidates(), previous, page.last(), (int) tally.batches() + 1);
                listener.batchDone(tally.batch(purged, System.nanoTime() - started));
            }
            if (page.endOfTable())
                break;
            previous = page.last();
        }
        return tally.purged() - before;
    }

    /**
     * The next page after {@code previous}: the keys {@code (previous, last]} that hold at most one batch of due rows.
     *
     * @param candidates how many due rows the page holds
     * @param last       the page's last key: its last due row's when it holds a whole batch, else the last key read
     * @param endOfTable whether the read reached the end of the table
     */
    private record Page(int candidates, List<Object> last, boolean endOfTable) {
    }

    // Reads the next keys in key order, due or not, at most WINDOW batches of them, each with whether its row is due;
    // the page ends at the batch's last due row, or at the last key read. Why not "the next batchSize due rows by key"
    // (WHERE due AND key > previous ORDER BY key LIMIT n): no index serves "due" (the lint's indexes lead with a foreign
    // key), so PostgreSQL read the whole table for every page (a sequential scan and a sort, since it estimates few
    // due rows: LockingPlansTest.purgeBatch_pagesLocksAndDeletesByKey), and a purge of many batches read the table
    // as many times. A window over the primary key is an index range, and the pages of a pass read the table once.
    private Page page(List<Object> previous) {
        Name table = target.qualifier();
        List<Field<?>> key = target.keyOn(table);
        Condition after = previous == null ? DSL.noCondition() : Columns.compare(key, previous, true, plan.engine());
        Field<Boolean> due = DSL.field(new PurgeConditions(plan, cutoff).due(target, table));
        int window = WINDOW * batchSize;
        List<Field<?>> columns = new ArrayList<>(key);
        columns.add(due);
        int candidates = 0;
        int read = 0;
        List<Object> last = null;
        for (Record record : plain.select(columns).from(target.reference()).where(after)
                .orderBy(key.stream().map(Field::asc).toList()).limit(window).fetch()) {
            read++;
            last = record.intoList().subList(0, key.size());
            if (Boolean.TRUE.equals(record.get(due)) && ++candidates == batchSize)
                return new Page(candidates, last, false);
        }
        return new Page(candidates, last, read < window);
    }

    // The batch's listeners hear it inside its transaction, so that one that fails rolls the batch back; the tally
    // takes its figures once it committed.
    private long batch(TableTally tally, int candidates, List<Object> previous, List<Object> last, int number) {
        try {
            BatchFigures figures = plain.transactionResult(transaction -> {
                DSLContext tx = transaction.dsl();
                lockDueRows(tx, previous, last);
                BatchFigures batch = new BatchFigures(target);
                if (Engine.of(tx.configuration()) == Engine.MARIADB)
                    new CountingDelete(plan, target, cutoff).delete(tx, batch, range(previous, last), previous, last);
                else
                    delete(tx, batch, previous, last);
                if (batch.purged() < candidates)
                    KeptReasons.count(tx, new PurgeConditions(plan, cutoff), target, range(previous, last), tally,
                        candidates - batch.purged());
                if (registry.hasListeners() && batch.changedRows())
                    tell(batch);
                return batch;
            });
            figures.addTo(tally);
            return figures.purged();
        } catch (ListenerFailure e) {
            throw e.getCause(); // the listener's own exception, not a refusal of the database's
        } catch (DataAccessException e) {
            throw failed(e, number);
        }
    }

    // A listener's exception, kept apart from the database's while jOOQ rolls the batch back.
    private static final class ListenerFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        ListenerFailure(RuntimeException cause) {
            super(cause);
        }

        @Override
        public synchronized RuntimeException getCause() {
            return (RuntimeException) super.getCause();
        }
    }

    private void tell(BatchFigures batch) {
        try {
            registry.tell(batch.event());
        } catch (RuntimeException e) {
            throw new ListenerFailure(e);
        }
    }

    // The batch's first statement: SELECT ... FOR UPDATE of its due rows. Why apart from the DELETE: whether a row is
    // referenced is read with the DELETE's snapshot. A child inserted by a transaction that commits while the DELETE
    // waits for the parent's row lock (the INSERT's foreign key check holds a share lock on it) is not in a snapshot
    // taken before the wait, so the DELETE would remove the parent, and the database's ON DELETE CASCADE the new
    // child with it (ConcurrentWritersTest.purgeParent_insertChildThatKeepsIt, READ COMMITTED). Once this statement
    // holds the locks, no row can come to reference them, and the DELETE's snapshot, taken after it, sees every
    // child: at READ COMMITTED each statement takes a new one; at REPEATABLE READ PostgreSQL's foreign key actions
    // fail with 40001 (a retryable failure, which rolls the batch back) rather than touch a row the snapshot does
    // not see, and MariaDB's transaction takes its snapshot at its first plain read, after this locking one.
    private void lockDueRows(DSLContext tx, List<Object> previous, List<Object> last) {
        Name table = target.qualifier();
        tx.select(DSL.inline(1)).from(target.reference())
            .where(range(previous, last).and(new PurgeConditions(plan, cutoff).due(target, table))).forUpdate().fetch();
    }

    private void delete(DSLContext tx, BatchFigures batch, List<Object> previous, List<Object> last) {
        PurgeConditions conditions = new PurgeConditions(plan, cutoff);
        Name table = target.qualifier();
        List<Field<?>> returned = returnedColumns(table);
        CommonTableExpression<?> purged = PURGED.as(tx.deleteFrom(target.reference())
            .where(range(previous, last).and(conditions.due(target, table)).and(conditions.notReferenced(target, table, previous, last)))
            .returning(returned));
        List<Field<?>> counts = new ArrayList<>();
        counts.add(DSL.field(DSL.selectCount().from(DSL.table(PURGED))));
        for (Relation relation : target.cascaded())
            counts.add(referencingCount(relation));
        for (Relation relation : target.setNull())
            counts.add(referencingCount(relation));
        Result<Record> result = tx.with(purged).select(counts).fetch();
        Record row = result.get(0);
        int i = 1;
        for (Relation relation : target.cascaded())
            batch.cascaded(relation, row.get(i++, Long.class));
        for (Relation relation : target.setNull())
            batch.setNull(relation, row.get(i++, Long.class));
        batch.purged(row.get(0, Long.class));
    }

    private Condition range(List<Object> previous, List<Object> last) {
        List<Field<?>> key = target.keyOn(target.qualifier());
        Condition upTo = Columns.compare(key, last, false, plan.engine());
        return previous == null ? upTo : Columns.compare(key, previous, true, plan.engine()).and(upTo);
    }

    /** The key, and every column a counted foreign key references. */
    private List<Field<?>> returnedColumns(Name table) {
        Set<String> names = new LinkedHashSet<>(target.key());
        List<Field<?>> columns = new ArrayList<>(target.keyOn(table));
        List<Relation> counted = new ArrayList<>(target.cascaded());
        counted.addAll(target.setNull());
        for (Relation relation : counted)
            for (Field<?> column : Columns.on(table, relation.parentColumns()))
                if (names.add(column.getName()))
                    columns.add(column);
        return columns;
    }

    private static Field<Long> referencingCount(Relation relation) {
        Name child = relation.child().getQualifiedName();
        return DSL.field(DSL.selectCount().from(DSL.table(child)).where(Columns.in(Columns.on(child, relation.childColumns()),
            DSL.select(Columns.on(PURGED, relation.parentColumns())).from(DSL.table(PURGED))))).cast(Long.class);
    }

    private SoftDeleteException failed(DataAccessException e, int number) {
        SQLException sql = ServerErrors.sqlException(e);
        String state = sql == null ? null : sql.getSQLState();
        String why = ServerErrors.isForeignKeyViolation(e)
            ? "the database refused it through a foreign key that the soft-delete policy does not know (SQLSTATE " + state
              + (Engine.of(plain.configuration()) == Engine.MARIADB ? ", error " + sql.getErrorCode() : "") + ");"
              + " declare that key's rule on the policy, so the purge keeps the rows it protects"
            : "the database reported " + (state == null ? "an error" : "SQLSTATE " + state);
        return new SoftDeleteException("purge of " + target.table().quotedName() + " stopped: batch " + number
            + " was rolled back and purged nothing; " + why + ". The batches before it stay purged;"
            + " run the purge again to continue from there. Cause: " + e.getMessage(), e);
    }
}
