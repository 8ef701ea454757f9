package io.github.softdelete.internal.purge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jooq.Name;
import org.jooq.Table;

import io.github.softdelete.SoftDeleteEvent;

import io.github.softdelete.internal.policy.Relation;

/**
 * What one purge batch changed: the rows it deleted, and per foreign key the rows the database's own {@code ON DELETE}
 * action deleted or set to NULL. Listeners hear them inside the batch's transaction ({@link #event()}); the table's
 * running figures take them once the batch committed ({@link #addTo}), so that a batch rolled back counts nothing.
 *
 * <p>Not thread-safe: one batch, one thread.
 */
final class BatchFigures {

    private final PurgeTarget target;
    private final Map<Relation, Long> cascaded = new LinkedHashMap<>();
    private final Map<Relation, Long> setNull = new LinkedHashMap<>();
    private long purged;

    BatchFigures(PurgeTarget target) {
        this.target = target;
    }

    void purged(long rows) {
        purged += rows;
    }

    long purged() {
        return purged;
    }

    void cascaded(Relation relation, long rows) {
        cascaded.merge(relation, rows, Long::sum);
    }

    void setNull(Relation relation, long rows) {
        setNull.merge(relation, rows, Long::sum);
    }

    void addTo(TableTally tally) {
        tally.purged(purged);
        cascaded.forEach((relation, rows) -> tally.cascaded(relation.toString(), rows));
        setNull.forEach((relation, rows) -> tally.setNull(relation.toString(), rows));
    }

    /** Whether the batch changed any row: a batch whose due rows were all kept changes none, and is told to nobody. */
    boolean changedRows() {
        return purged > 0 || cascaded.values().stream().anyMatch(n -> n > 0) || setNull.values().stream().anyMatch(n -> n > 0);
    }

    /** The batch as listeners hear it: the purged table first, then each child table, its keys' figures summed. */
    SoftDeleteEvent event() {
        Map<Name, Table<?>> tables = new LinkedHashMap<>();
        Map<Name, long[]> figures = new LinkedHashMap<>(); // per table: set to NULL, purged
        Table<?> root = target.table().table();
        add(tables, figures, root, 0, purged);
        cascaded.forEach((relation, rows) -> add(tables, figures, relation.child(), 0, rows));
        setNull.forEach((relation, rows) -> add(tables, figures, relation.child(), rows, 0));
        List<SoftDeleteEvent.TableChange> changes = new ArrayList<>();
        figures.forEach((name, f) -> {
            if (f[0] > 0 || f[1] > 0)
                changes.add(new SoftDeleteEvent.TableChange(tables.get(name), 0, 0, f[0], f[1]));
        });
        return new SoftDeleteEvent(SoftDeleteEvent.Operation.PURGE_BATCH, root, Optional.empty(), Optional.empty(), changes);
    }

    private static void add(Map<Name, Table<?>> tables, Map<Name, long[]> figures, Table<?> table, long setNull, long purged) {
        Name name = table.getQualifiedName();
        tables.putIfAbsent(name, table);
        long[] f = figures.computeIfAbsent(name, n -> new long[2]);
        f[0] += setNull;
        f[1] += purged;
    }
}
