package io.github.softdelete.codegen.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jooq.meta.ColumnDefinition;
import org.jooq.meta.TableDefinition;

import io.github.softdelete.internal.policy.MarkerConventions;
import io.github.softdelete.internal.policy.MarkerEntry;

/**
 * The marker of one generated table, as {@link MarkerConventions} chose it, with its columns.
 *
 * @param kind      {@code timestamp}, {@code flag} or {@code flagAndTimestamp}
 * @param flag      the flag column, or null
 * @param timestamp the timestamp column, or null
 * @param deletedBy the deleted-by column, or null
 */
public record TableMarker(String kind, ColumnDefinition flag, ColumnDefinition timestamp, ColumnDefinition deletedBy) {

    /** The marker {@code entry} describes, with the columns of {@code table}. */
    static TableMarker of(TableDefinition table, MarkerEntry entry) {
        return new TableMarker(entry.kind().word(), column(table, entry.flag()), column(table, entry.timestamp()),
            column(table, entry.deletedBy()));
    }

    /** {@code table} as the conventions see it: its columns by name, with the kind of their SQL type. */
    static MarkerConventions.TableColumns columns(TableDefinition table) {
        Map<String, MarkerConventions.ColumnType> columns = new LinkedHashMap<>();
        for (ColumnDefinition column : table.getColumns())
            columns.put(column.getInputName(), type(column.getType().getType()));
        return new MarkerConventions.TableColumns(table.getSchema().getInputName(), table.getInputName(), columns);
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

    // The SQL type's name as jOOQ's meta model reads it: "boolean", "timestamp with time zone", "date", ...
    // Forced types may map a column to another Java type; the generator checks the Java types afterwards.
    private static MarkerConventions.ColumnType type(String sqlType) {
        String type = sqlType == null ? "" : sqlType.toLowerCase(Locale.ROOT);
        if (type.startsWith("bool"))
            return MarkerConventions.ColumnType.BOOLEAN;
        if (type.startsWith("timestamp"))
            return MarkerConventions.ColumnType.TIMESTAMP;
        if (type.equals("date"))
            return MarkerConventions.ColumnType.DATE;
        return MarkerConventions.ColumnType.OTHER;
    }

    private static ColumnDefinition column(TableDefinition table, String name) {
        if (name == null)
            return null;
        for (ColumnDefinition column : table.getColumns())
            if (column.getInputName().equals(name))
                return column;
        return null;
    }
}
