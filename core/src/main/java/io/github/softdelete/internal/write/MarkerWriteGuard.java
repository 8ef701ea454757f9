package io.github.softdelete.internal.write;

import java.util.Collection;
import java.util.List;

import org.jooq.Field;
import org.jooq.FieldOrRow;
import org.jooq.Param;
import org.jooq.Row;
import org.jooq.impl.QOM;

import io.github.softdelete.SoftDeleteException;

import io.github.softdelete.internal.sql.TableReference;

/**
 * Rule: only the library writes the columns a marker owns (the flag, the timestamp, the deleted-by
 * column). An INSERT, UPDATE or upsert that writes one is refused before anything runs.
 *
 * <p>One exception: an INSERT may give an owned column its live value: NULL, or FALSE for a flag. A
 * new row is live, and that value says exactly that; it is what {@code newRecord(table, pojo)} or
 * copying a live record produces, and refusing it would break common code for no safety gain.
 */
public final class MarkerWriteGuard {

    private MarkerWriteGuard() {
    }

    public static void checkUpdate(TableReference target, Collection<? extends FieldOrRow> columns) {
        Field<?> written = written(target, columns);
        if (written != null)
            throw refused(target, written, "an UPDATE");
    }

    public static void checkInsert(TableReference target, QOM.Insert<?> insert) {
        List<? extends Field<?>> columns = insert.$columns();
        for (int i = 0; i < columns.size(); i++) {
            Field<?> owned = owned(target, columns.get(i));
            if (owned != null && (insert.$select() != null || !allLive(target, owned, insert.$values(), i)))
                throw refused(target, owned, insert.$select() != null ? "an INSERT ... SELECT" : "an INSERT");
        }
        Field<?> written = insert.$onDuplicateKeyUpdate() ? written(target, insert.$updateSet().keySet()) : null;
        if (written != null)
            throw refused(target, written, "an upsert (ON CONFLICT DO UPDATE)");
    }

    private static Field<?> written(TableReference target, Collection<? extends FieldOrRow> columns) {
        for (FieldOrRow column : columns) {
            if (column instanceof Field<?> f && owned(target, f) != null)
                return owned(target, f);
            if (column instanceof Row row)
                for (Field<?> f : row.fields())
                    if (owned(target, f) != null)
                        return owned(target, f);
        }
        return null;
    }

    /** The owned column that {@code column} names, or null. */
    private static Field<?> owned(TableReference target, Field<?> column) {
        for (Field<?> owned : target.table().ownedColumns())
            if (column.getName().equals(owned.getName()))
                return owned;
        return null;
    }

    // NULL is live for every owned column; FALSE too for the flag.
    private static boolean allLive(TableReference target, Field<?> owned, List<? extends Row> rows, int index) {
        boolean flag = target.table().isFlag() && owned.getName().equals(target.table().markerName());
        for (Row row : rows)
            if (!(row.field(index) instanceof Param<?> p && (p.getValue() == null || flag && Boolean.FALSE.equals(p.getValue()))))
                return false;
        return true;
    }

    private static SoftDeleteException refused(TableReference target, Field<?> column, String statement) {
        return new SoftDeleteException("cannot write the soft-delete marker " + target.table().quotedName() + "."
            + column.getName() + " in " + statement + ": only the library writes it, and nothing was executed. Delete rows with DELETE"
            + " (it soft-deletes), bring them back with SoftDelete.restore(ctx, table, condition), or, for"
            + " imports and migrations that must write it, run the statement on SoftDelete.allowMarkerWrites(ctx)");
    }
}
