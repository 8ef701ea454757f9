package io.github.softdelete.codegen.internal;

import java.util.Optional;

import org.jooq.Field;
import org.jooq.meta.ColumnDefinition;
import org.jooq.meta.TableDefinition;

import io.github.softdelete.Marker;

/**
 * The marker of one generated table, as core's policy builder chose it ({@link SchemaPolicy}), with the columns of
 * jOOQ-meta's model that the generated code names.
 *
 * @param kind      the kind of marker
 * @param flag      the flag column, or null
 * @param timestamp the timestamp column, or null
 * @param deletedBy the deleted-by column, or null
 */
public record TableMarker(Marker.Kind kind, ColumnDefinition flag, ColumnDefinition timestamp, ColumnDefinition deletedBy) {

    /** The marker the builder chose, with the columns of {@code table} that it names. */
    static TableMarker of(TableDefinition table, Marker marker) {
        return new TableMarker(marker.kind(), column(table, marker.flagColumn()), column(table, marker.timestampColumn()),
            column(table, marker.deletedByColumn()));
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

    private static ColumnDefinition column(TableDefinition table, Optional<Field<?>> field) {
        if (field.isEmpty())
            return null;
        for (ColumnDefinition column : table.getColumns())
            if (column.getInputName().equals(field.get().getName()))
                return column;
        throw new IllegalStateException("the policy's marker names " + field.get().getName() + ", which is no column of "
            + TableName.of(table) + " in jOOQ's model; this is a bug in softdelete-codegen, please report it");
    }
}
