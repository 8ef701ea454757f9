package io.github.softdelete.codegen.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of {@value Settings#MARKERS}: a marker kind with its column names, for one table or for
 * every table that has those columns. The syntax mirrors softdelete's {@code Marker} API:
 * <pre>
 * documents = flag(is_deleted).deletedBy(deleted_by);
 * flagAndTimestamp(removed, removed_at);
 * timestamp(archived_at).deletedBy(archived_by)
 * </pre>
 * An entry with a table name applies to that table only (its columns must exist); one without
 * applies to every table that has its flag and timestamp columns. A deleted-by column is used where
 * the table has it.
 *
 * @param table     the table's name, or null for every table with the columns
 * @param kind      {@code timestamp}, {@code flag} or {@code flagAndTimestamp}
 * @param flag      the flag column, or null
 * @param timestamp the timestamp column, or null
 * @param deletedBy the deleted-by column, or null
 */
public record MarkerSpec(String table, String kind, String flag, String timestamp, String deletedBy) {

    private static final Pattern ENTRY = Pattern.compile(
        "\\s*(?:([\\w$.]+)\\s*=\\s*)?(timestamp|flag|flagAndTimestamp)\\s*\\(\\s*([\\w$]+)\\s*(?:,\\s*([\\w$]+)\\s*)?\\)"
            + "\\s*(?:\\.\\s*deletedBy\\s*\\(\\s*([\\w$]+)\\s*\\))?\\s*");

    /** The default: {@code timestamp(column)} for every table that has the column. */
    public static MarkerSpec timestamp(String column) {
        return new MarkerSpec(null, "timestamp", null, column, null);
    }

    /**
     * Parses the property's value.
     *
     * @throws IllegalArgumentException naming the entry and the syntax
     */
    public static List<MarkerSpec> parse(String value) {
        List<MarkerSpec> specs = new ArrayList<>();
        for (String entry : value.split(";")) {
            if (entry.isBlank())
                continue;
            Matcher m = ENTRY.matcher(entry);
            boolean two = m.matches() && m.group(4) != null;
            if (!m.matches() || two != m.group(2).equals("flagAndTimestamp"))
                throw new IllegalArgumentException(Settings.MARKERS + " has the entry \"" + entry.trim() + "\", which is not"
                    + " [table =] timestamp(column), flag(column) or flagAndTimestamp(flag, timestamp), optionally followed by"
                    + " .deletedBy(column); separate entries with ';'");
            String kind = m.group(2);
            specs.add(switch (kind) {
                case "timestamp" -> new MarkerSpec(m.group(1), kind, null, m.group(3), m.group(5));
                case "flag" -> new MarkerSpec(m.group(1), kind, m.group(3), null, m.group(5));
                default -> new MarkerSpec(m.group(1), kind, m.group(3), m.group(4), m.group(5));
            });
        }
        return List.copyOf(specs);
    }

    /** The column that decides liveness. */
    public String state() {
        return flag != null ? flag : timestamp;
    }
}
