package io.github.softdelete.internal.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which marker a table gets when the policy finds soft-deletable tables by their columns, as
 * {@code SoftDeletePolicy.fromDatabase}, the code generator, the starter's {@code softdelete.schema} and
 * the CLI do: the entries the user declared (see {@link MarkerEntry}), those naming a table first, then
 * the common conventions, in this order:
 * <pre>
 * flagAndTimestamp(is_deleted, deleted_at)   flagAndTimestamp(deleted, deleted_at)
 * flag(is_deleted)   flag(deleted)   timestamp(deleted_at)
 * </pre>
 * each with {@code .deletedBy(deleted_by)} where the table has that column. A convention's flag must be a
 * boolean column; a {@code deleted_at} of another type is still taken, so that the policy's type check
 * names it, as it always has.
 *
 * <p>It also says which columns look like a marker but are not used as one ({@link #lookAlikes}): on a
 * schema that mixes conventions, a table that silently keeps DELETE physical, or a flag that stays false,
 * is the trap. A table whose marker the user stated by name is never reported: that is a decision.
 *
 * <p>Immutable and thread-safe.
 */
public final class MarkerConventions {

    /** The deleted-by column the conventions use where a table has it. */
    public static final String DELETED_BY = "deleted_by";

    /** The type of a column, as far as marker conventions care. */
    public enum ColumnType { BOOLEAN, TIMESTAMP, DATE, OTHER }

    /**
     * One table, as its columns describe it.
     *
     * @param schema  the schema's name, or null
     * @param name    the table's name
     * @param columns every column by name, in the table's order
     */
    public record TableColumns(String schema, String name, Map<String, ColumnType> columns) {
    }

    /**
     * The marker a table gets.
     *
     * @param source  the entry that decided, declared or a convention; null when none applies
     * @param marker  the marker with this table's columns, or null when the table is not soft-deletable
     * @param problem why a declared entry that names the table cannot apply to it, or null
     */
    public record Choice(MarkerEntry source, MarkerEntry marker, String problem) {
    }

    private final List<MarkerEntry> declared;
    private final List<MarkerEntry> conventions;
    private final String setting;

    private MarkerConventions(List<MarkerEntry> declared, List<MarkerEntry> conventions, String setting) {
        this.declared = declared;
        this.conventions = conventions;
        this.setting = setting;
    }

    /**
     * @param declared        the user's entries, in the order given
     * @param timestampColumn the conventions' timestamp column, {@code deleted_at} unless the user renamed it
     * @param setting         where the user declares entries, for messages: {@code softdelete.markers}, ...
     */
    public static MarkerConventions of(List<MarkerEntry> declared, String timestampColumn, String setting) {
        List<MarkerEntry> ordered = new ArrayList<>();
        declared.stream().filter(e -> e.table() != null).forEach(ordered::add);
        declared.stream().filter(e -> e.table() == null).forEach(ordered::add);
        List<MarkerEntry> conventions = List.of(
            new MarkerEntry(null, MarkerEntry.Kind.FLAG_AND_TIMESTAMP, "is_deleted", timestampColumn, DELETED_BY),
            new MarkerEntry(null, MarkerEntry.Kind.FLAG_AND_TIMESTAMP, "deleted", timestampColumn, DELETED_BY),
            new MarkerEntry(null, MarkerEntry.Kind.FLAG, "is_deleted", null, DELETED_BY),
            new MarkerEntry(null, MarkerEntry.Kind.FLAG, "deleted", null, DELETED_BY),
            new MarkerEntry(null, MarkerEntry.Kind.TIMESTAMP, null, timestampColumn, DELETED_BY));
        return new MarkerConventions(List.copyOf(ordered), conventions, setting);
    }

    /** {@return the user's entries, those naming a table first} */
    public List<MarkerEntry> declared() {
        return declared;
    }

    /** {@return the marker of {@code table}} */
    public Choice choose(TableColumns table) {
        for (MarkerEntry entry : declared) {
            if (entry.table() == null) {
                if (has(table, entry.flag()) && has(table, entry.timestamp()))
                    return chosen(table, entry, has(table, entry.deletedBy()) ? entry.deletedBy() : null);
                continue;
            }
            if (!names(entry, table))
                continue;
            if (entry.kind() == MarkerEntry.Kind.NONE)
                return new Choice(entry, null, null);
            for (String column : entry.columns())
                if (!table.columns().containsKey(column))
                    return new Choice(entry, null, setting + " declares \"" + entry + "\", but table " + qualified(table)
                        + " has no column " + column + " (its columns: " + String.join(", ", table.columns().keySet())
                        + "); name one of its columns, or drop the entry");
            return chosen(table, entry, entry.deletedBy());
        }
        for (MarkerEntry convention : conventions)
            if ((convention.flag() == null || table.columns().get(convention.flag()) == ColumnType.BOOLEAN)
                && has(table, convention.timestamp()))
                return chosen(table, convention, has(table, DELETED_BY) ? DELETED_BY : null);
        return new Choice(null, null, null);
    }

    /**
     * The columns of {@code table} that look like a marker but are not part of the one it got: a boolean,
     * timestamp or date column whose name speaks of deletion, or a {@code deleted_by} column. None when
     * the user declared the table's marker by name.
     */
    public List<String> lookAlikes(TableColumns table, Choice choice) {
        if (choice.source() != null && choice.source().table() != null)
            return List.of();
        List<String> used = choice.marker() == null ? List.of() : choice.marker().columns();
        List<String> found = new ArrayList<>();
        table.columns().forEach((column, type) -> {
            if (!used.contains(column) && looksLikeMarker(column, type))
                found.add(column);
        });
        return found;
    }

    /** The message that reports one look-alike column: what it is, what follows, and the two ways out. */
    public String lookAlikeMessage(TableColumns table, Choice choice, String column) {
        ColumnType type = table.columns().get(column);
        MarkerEntry marker = choice.marker();
        String name = table.name();
        String what = "table " + qualified(table) + " has the column " + column + ", which looks like a soft-delete marker"
            + (marker == null ? ", but the table is not soft-deletable: a DELETE removes its rows."
                : ", but the table's marker is " + withoutTable(marker) + ", which leaves it alone.");
        String fix = suggestion(marker, name, column, type);
        String keep = "keep " + (marker == null ? "it as it is" : "this marker") + ", add \""
            + (marker == null ? name + " = none" : marker.toString()) + "\"";
        if (fix == null)
            return what + " To " + keep + " to " + setting + ".";
        String role = column.equals(DELETED_BY) || type == ColumnType.OTHER ? " records who deleted a row" : " marks deleted rows";
        return what + " If " + column + role + ", add \"" + fix + "\" to " + setting + "; to " + keep + ".";
    }

    /** The entries that no table used, each with why that is an error: a typo in a name is the usual cause. */
    public List<String> unused(List<MarkerEntry> used, String where) {
        List<String> problems = new ArrayList<>();
        for (MarkerEntry entry : declared)
            if (!used.contains(entry))
                problems.add(setting + " declares \"" + entry + "\", which matches no table of " + where
                    + (entry.table() != null ? ": there is no table " + entry.table() + ", or another entry names it first"
                        : ": no table has the column" + (entry.kind() == MarkerEntry.Kind.FLAG_AND_TIMESTAMP ? "s " : " ")
                        + String.join(" and ", entry.kind() == MarkerEntry.Kind.FLAG_AND_TIMESTAMP
                            ? List.of(entry.flag(), entry.timestamp()) : List.of(entry.state()))
                        + " without an entry naming it first")
                    + "; check the names, or drop the entry");
        return problems;
    }

    private static String suggestion(MarkerEntry marker, String table, String column, ColumnType type) {
        if (marker == null)
            return type == ColumnType.BOOLEAN ? table + " = flag(" + column + ")"
                : type == ColumnType.TIMESTAMP ? table + " = timestamp(" + column + ")" : null;
        if (column.equals(DELETED_BY) || type == ColumnType.OTHER)
            return marker.deletedBy() == null ? marker + ".deletedBy(" + column + ")" : null;
        String deletedBy = marker.deletedBy() == null ? "" : ".deletedBy(" + marker.deletedBy() + ")";
        if (type == ColumnType.BOOLEAN && marker.kind() == MarkerEntry.Kind.TIMESTAMP)
            return table + " = flagAndTimestamp(" + column + ", " + marker.timestamp() + ")" + deletedBy;
        if (type == ColumnType.TIMESTAMP && marker.kind() == MarkerEntry.Kind.FLAG)
            return table + " = flagAndTimestamp(" + marker.flag() + ", " + column + ")" + deletedBy;
        return null;
    }

    static boolean looksLikeMarker(String column, ColumnType type) {
        String name = column.toLowerCase(Locale.ROOT);
        return name.equals(DELETED_BY) || name.contains("delet") && type != ColumnType.OTHER;
    }

    private static boolean names(MarkerEntry entry, TableColumns table) {
        return entry.table().equals(table.name())
            || table.schema() != null && entry.table().equals(table.schema() + "." + table.name());
    }

    private static boolean has(TableColumns table, String column) {
        return column == null || table.columns().containsKey(column);
    }

    private static Choice chosen(TableColumns table, MarkerEntry source, String deletedBy) {
        return new Choice(source, source.forTable(table.name(), deletedBy), null);
    }

    private static String withoutTable(MarkerEntry marker) {
        return marker.forTable(null, marker.deletedBy()).toString();
    }

    private static String qualified(TableColumns table) {
        return table.schema() == null ? table.name() : table.schema() + "." + table.name();
    }
}
