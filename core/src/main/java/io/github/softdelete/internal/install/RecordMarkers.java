package io.github.softdelete.internal.install;

import java.util.ArrayList;
import java.util.List;

import org.jooq.Condition;
import org.jooq.Configuration;
import org.jooq.ExecuteListenerProvider;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.RecordContext;
import org.jooq.RecordListener;
import org.jooq.RecordListenerProvider;
import org.jooq.TableRecord;
import org.jooq.UniqueKey;
import org.jooq.impl.DSL;

import io.github.softdelete.SoftDeleteException;

import io.github.softdelete.internal.jooq.JooqInternals;
import io.github.softdelete.internal.jooq.PartnerListeners;
import io.github.softdelete.internal.policy.ContextFlags;
import io.github.softdelete.internal.policy.PolicyTable;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.policy.UnfilteredTable;

/**
 * Rules for records of soft-deletable tables ({@code UpdatableRecord.delete()}, {@code store()},
 * {@code refresh()}):
 * <ul>
 *   <li>after {@code delete()}, the record holds the marker the row now has: the stamp of this delete,
 *       or the earlier stamp of a row that was deleted already (then {@code delete()} returned 0). jOOQ's
 *       UPDATE count is all the statement returns, so the stamp is read back by primary key: one more
 *       query, for record deletes only;</li>
 *   <li>{@code store()} and {@code update()} of a record whose marker is set are refused: its row is
 *       soft-deleted, so an UPDATE would silently change nothing (updates never touch deleted rows),
 *       and after {@code delete()} jOOQ would try an INSERT of the same key;</li>
 *   <li>{@code refresh()} of such a record throws jOOQ's {@code NoDataFoundException}, as for a row that is
 *       gone: its SELECT is a read, reads do not see deleted rows, and jOOQ runs it before any record
 *       listener could step in. A record attached to a {@code SoftDelete.includeDeleted(ctx)}
 *       configuration refreshes as usual.</li>
 * </ul>
 * On a context with {@code allowMarkerWrites} (the import escape hatch) records are left to jOOQ.
 *
 * <p>Immutable and thread-safe.
 */
public final class RecordMarkers implements RecordListener {

    private final TableRegistry registry;

    public RecordMarkers(TableRegistry registry) {
        this.registry = registry;
    }

    // Record.changed(Field, boolean) is jOOQ 3.19's only way to mark a value as the row's own; jOOQ 3.21
    // marks it for removal in favour of touched(Field, boolean), which 3.19 does not have ([#12494]).
    @SuppressWarnings("removal")
    @Override
    public void deleteEnd(RecordContext ctx) {
        PolicyTable table = softDeletable(ctx);
        if (table == null || ctx.exception() != null || ContextFlags.of(ctx.configuration()).hardDelete() || collectingBatch(ctx))
            return;
        TableRecord<?> record = (TableRecord<?>) ctx.record();
        Condition key = key(record, table);
        if (key == null)
            return;
        // Every column the library owns (flag, timestamp, deleted-by) that the record has.
        List<Field<?>> owned = new ArrayList<>();
        for (Field<?> column : table.ownedColumns())
            if (record.field(column.getName()) != null)
                owned.add(record.field(column.getName()));
        if (owned.isEmpty())
            return;
        // Without the execute listeners: the read-back is ours, and no listener of the caller's should see it.
        Record written = DSL.using(ctx.configuration().derive(new ExecuteListenerProvider[0])).select(owned)
            .from(new UnfilteredTable<>(record.getTable())).where(key).fetchOne();
        if (written == null)
            return;
        for (int i = 0; i < owned.size(); i++) {
            set(record, owned.get(i), written.get(i));
            record.changed(owned.get(i), false); // the row's value now: its original, too
        }
    }

    // jOOQ's batchDelete(records) runs each record's delete() only to collect its SQL, and executes the batch
    // afterwards: nothing is deleted yet, so nothing to read back. (jOOQ's BatchCRUD.executePrepared attaches the
    // records to deriveAppending(QueryCollector), whose renderEnd throws QueryCollectorSignal; 3.19 to 3.21.)
    private static boolean collectingBatch(RecordContext ctx) {
        for (ExecuteListenerProvider provider : ctx.configuration().executeListenerProviders())
            if (JooqInternals.BATCH_QUERY_COLLECTOR.is(provider.provide()))
                return true;
        return false;
    }

    @Override
    public void deleteStart(RecordContext ctx) {
        PartnerListeners.requireVisitListener(ctx.configuration());
    }

    @Override
    public void insertStart(RecordContext ctx) {
        PartnerListeners.requireVisitListener(ctx.configuration());
    }

    @Override
    public void storeStart(RecordContext ctx) {
        PartnerListeners.requireVisitListener(ctx.configuration());
        refuseDeleted(ctx, "store()", "store() would update nothing, or try to insert the same key again");
    }

    @Override
    public void updateStart(RecordContext ctx) {
        PartnerListeners.requireVisitListener(ctx.configuration());
        refuseDeleted(ctx, "update()", "update() would update nothing, because updates never touch deleted rows");
    }

    private void refuseDeleted(RecordContext ctx, String operation, String why) {
        PolicyTable table = softDeletable(ctx);
        if (table == null || ContextFlags.of(ctx.configuration()).markerWrites())
            return;
        Record record = ctx.record();
        Field<?> marker = record.field(table.markerName());
        // The original value: the row's marker when it was fetched (or read back after delete()). A marker
        // the caller set on a live record is the marker guard's business, which names the statement.
        if (marker == null || !deleted(table, record.original(marker)))
            return;
        throw new SoftDeleteException("cannot " + operation + " a record of " + table.quotedName() + " " + keyText((TableRecord<?>) record)
            + ": it is soft-deleted (" + table.markerName() + " = " + record.original(marker) + "), and " + why + ". Nothing was"
            + " executed. Bring the row back with SoftDelete.restore(ctx, table, condition) and fetch it again, read it"
            + " with SoftDelete.includeDeleted(ctx), or insert a new row from record.copy()");
    }

    // A timestamp marker holds a time once deleted; a flag is TRUE (a nullable flag's NULL is live).
    private static boolean deleted(PolicyTable table, Object marker) {
        return table.isFlag() ? Boolean.TRUE.equals(marker) : marker != null;
    }

    private PolicyTable softDeletable(RecordContext ctx) {
        return ctx.record() instanceof TableRecord<?> record ? registry.lookup(record.getTable()) : null;
    }

    private static Condition key(TableRecord<?> record, PolicyTable table) {
        UniqueKey<?> primaryKey = record.getTable().getPrimaryKey();
        if (primaryKey == null)
            return null;
        List<Condition> conditions = new ArrayList<>();
        for (Field<?> field : primaryKey.getFields())
            conditions.add(eq(field, record.get(field)));
        return DSL.and(conditions);
    }

    private static String keyText(TableRecord<?> record) {
        UniqueKey<?> primaryKey = record.getTable().getPrimaryKey();
        if (primaryKey == null)
            return "";
        List<String> parts = new ArrayList<>();
        for (Field<?> field : primaryKey.getFields())
            parts.add(field.getName() + " = " + record.get(field));
        return "(" + String.join(", ", parts) + ")";
    }

    @SuppressWarnings("unchecked")
    private static <T> Condition eq(Field<T> field, Object value) {
        return field.eq((T) value);
    }

    @SuppressWarnings("unchecked")
    private static <T> void set(Record record, Field<T> field, Object value) {
        record.set(field, (T) value);
    }

    /** True when {@code configuration} has a {@code RecordMarkers} among its record listeners. */
    public static boolean installedOn(Configuration configuration) {
        for (RecordListenerProvider provider : configuration.recordListenerProviders())
            if (provider.provide() instanceof RecordMarkers)
                return true;
        return false;
    }

    /** For {@code SoftDelete.install}: the record listeners to keep, ours removed. */
    static boolean isInstance(RecordListener listener) {
        return listener instanceof RecordMarkers;
    }

}
