package io.github.softdelete.codegen.internal;

import java.util.List;

import org.jooq.meta.ColumnDefinition;
import org.jooq.meta.TableDefinition;

/**
 * The marker of one generated table: the first {@link MarkerSpec} that applies to it, with its columns.
 *
 * @param kind      {@code timestamp}, {@code flag} or {@code flagAndTimestamp}
 * @param flag      the flag column, or null
 * @param timestamp the timestamp column, or null
 * @param deletedBy the deleted-by column, or null
 */
public record TableMarker(String kind, ColumnDefinition flag, ColumnDefinition timestamp, ColumnDefinition deletedBy) {

    /**
     * The marker of {@code table}, or null when it is not soft-deletable.
     *
     * @throws IllegalArgumentException when an entry names the table but the table lacks its columns
     */
    static TableMarker of(TableDefinition table, List<MarkerSpec> specs) {
        for (MarkerSpec spec : specs) {
            boolean named = spec.table() != null;
            if (named && !spec.table().equals(table.getInputName())
                && !spec.table().equals(table.getSchema().getInputName() + "." + table.getInputName()))
                continue;
            ColumnDefinition flag = spec.flag() == null ? null : column(table, spec.flag());
            ColumnDefinition timestamp = spec.timestamp() == null ? null : column(table, spec.timestamp());
            boolean complete = (spec.flag() == null || flag != null) && (spec.timestamp() == null || timestamp != null);
            if (!complete && named)
                throw new IllegalArgumentException(Settings.MARKERS + " declares " + spec.kind() + " for table "
                    + TableName.of(table) + ", which has no column " + (flag == null && spec.flag() != null ? spec.flag() : spec.timestamp())
                    + "; name one of its columns, or drop the entry");
            if (complete)
                return new TableMarker(spec.kind(), flag, timestamp, spec.deletedBy() == null ? null : column(table, spec.deletedBy()));
        }
        return null;
    }

    /** The column that decides liveness. */
    public ColumnDefinition state() {
        return flag != null ? flag : timestamp;
    }

    /** What the lint needs to know. */
    LintMarker lint() {
        return flag == null ? LintMarker.timestamp(timestamp.getInputName())
            : new LintMarker(flag.getInputName(), true, flag.getType().isNullable());
    }

    private static ColumnDefinition column(TableDefinition table, String name) {
        for (ColumnDefinition column : table.getColumns())
            if (column.getInputName().equals(name))
                return column;
        return null;
    }
}
