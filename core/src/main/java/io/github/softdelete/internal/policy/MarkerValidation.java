package io.github.softdelete.internal.policy;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jooq.Field;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.QOM;

import io.github.softdelete.Marker;

/**
 * Checks a table's marker when the policy is built: each column belongs to the table and has a type
 * that fits its role. Each problem names the table, the column, the problem and the fix.
 */
public final class MarkerValidation {

    private static final Set<Class<?>> TIMESTAMP_TYPES =
        Set.of(OffsetDateTime.class, LocalDateTime.class, Timestamp.class, Instant.class);

    private MarkerValidation() {
    }

    /** Every problem with {@code marker} on {@code table}; empty when it is valid. */
    public static List<String> problems(Table<?> table, Marker marker) {
        List<String> problems = new ArrayList<>();
        if (table instanceof QOM.TableAlias<?> || table instanceof QOM.JoinTable<?, ?> || table instanceof QOM.DerivedTable<?>) {
            problems.add("table " + quoted(table) + " is an alias, join or derived table; register the table itself");
            return problems;
        }
        Set<String> names = new HashSet<>();
        for (Field<?> column : marker.columns()) {
            String problem = belongs(table, column);
            if (problem == null && !names.add(column.getName()))
                problem = "column " + quoted(table) + "." + column.getName() + " has two roles in the marker " + marker
                    + "; give each role its own column";
            if (problem != null)
                problems.add(problem);
        }
        if (!problems.isEmpty())
            return problems;
        marker.timestampColumn().ifPresent(ts -> {
            if (!TIMESTAMP_TYPES.contains(ts.getType()))
                problems.add("marker " + quoted(table) + "." + ts.getName() + " has the unsupported type "
                    + ts.getType().getName() + "; use a timestamp column (OffsetDateTime, LocalDateTime,"
                    + " Instant or java.sql.Timestamp), NULL for live rows, or declare a boolean column with Marker.flag(column)");
        });
        marker.flagColumn().ifPresent(flag -> {
            if (flag.getType() != Boolean.class)
                problems.add("flag " + quoted(table) + "." + flag.getName() + " has the type " + flag.getType().getName()
                    + ", but a flag marker must be a boolean column (false: live, true: deleted); use a boolean column,"
                    + " or Marker.timestamp(column) for a timestamp");
        });
        return problems;
    }

    /** The position of {@code column} in {@code table.fields()}, or -1. */
    public static int indexOf(Table<?> table, Field<?> column) {
        Field<?>[] fields = table.fields();
        for (int i = 0; i < fields.length; i++)
            if (fields[i].getName().equals(column.getName()))
                return i;
        return -1;
    }

    private static String belongs(Table<?> table, Field<?> column) {
        if (column instanceof TableField<?, ?> field && field.getTable() != null && !field.getTable().equals(table))
            return "marker " + quoted(field.getTable()) + "." + column.getName() + " belongs to another table"
                + " than " + quoted(table) + "; pass a field of " + quoted(table);
        if (table.fields().length > 0 && indexOf(table, column) < 0)
            return "marker \"" + column.getName() + "\" is not a column of table " + quoted(table)
                + " (its columns: " + Arrays.stream(table.fields()).map(Field::getName)
                .collect(Collectors.joining(", ")) + "); pass one of its fields";
        return null;
    }

    private static String quoted(Table<?> table) {
        return '"' + table.getName() + '"';
    }
}
