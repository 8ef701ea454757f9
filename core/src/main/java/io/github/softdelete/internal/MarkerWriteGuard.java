package io.github.softdelete.internal;

import java.util.Collection;
import java.util.List;

import org.jooq.Field;
import org.jooq.FieldOrRow;
import org.jooq.Param;
import org.jooq.Row;
import org.jooq.impl.QOM;

import io.github.softdelete.SoftDeleteException;

/**
 * Rule: only the library writes the marker column. An INSERT, UPDATE or upsert that writes it is
 * refused before anything runs.
 *
 * <p>One exception: an INSERT may give the marker an explicit NULL. A new row is live, and NULL says
 * exactly that; it is what {@code newRecord(table, pojo)} or copying a live record produces, and
 * refusing it would break common code for no safety gain.
 */
final class MarkerWriteGuard {

    private MarkerWriteGuard() {
    }

    static void checkUpdate(TableReference target, Collection<? extends FieldOrRow> columns) {
        if (writesMarker(target, columns))
            throw refused(target, "an UPDATE");
    }

    static void checkInsert(TableReference target, QOM.Insert<?> insert) {
        int marker = indexOf(target, insert.$columns());
        if (marker >= 0 && (insert.$select() != null || !allNull(insert.$values(), marker)))
            throw refused(target, insert.$select() != null ? "an INSERT ... SELECT" : "an INSERT");
        if (insert.$onDuplicateKeyUpdate() && writesMarker(target, insert.$updateSet().keySet()))
            throw refused(target, "an upsert (ON CONFLICT DO UPDATE)");
    }

    private static boolean writesMarker(TableReference target, Collection<? extends FieldOrRow> columns) {
        for (FieldOrRow column : columns) {
            if (column instanceof Field<?> f && isMarker(target, f))
                return true;
            if (column instanceof Row row && indexOf(target, List.of(row.fields())) >= 0)
                return true;
        }
        return false;
    }

    private static int indexOf(TableReference target, List<? extends Field<?>> columns) {
        for (int i = 0; i < columns.size(); i++)
            if (isMarker(target, columns.get(i)))
                return i;
        return -1;
    }

    private static boolean isMarker(TableReference target, Field<?> column) {
        return column.getName().equals(target.table().markerName());
    }

    private static boolean allNull(List<? extends Row> rows, int index) {
        for (Row row : rows)
            if (!(row.field(index) instanceof Param<?> p && p.getValue() == null))
                return false;
        return true;
    }

    private static SoftDeleteException refused(TableReference target, String statement) {
        return new SoftDeleteException("cannot write the soft-delete marker " + target.table() + " in "
            + statement + ": only the library writes it, and nothing was executed. Delete rows with DELETE"
            + " (it soft-deletes), bring them back with SoftDelete.restore(ctx, table, condition), or, for"
            + " imports and migrations that must write it, run the statement on SoftDelete.allowMarkerWrites(ctx)");
    }
}
