package io.github.softdelete.internal.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of a markers description, the one syntax that {@code SoftDeletePolicy.Builder.markers},
 * softdelete-codegen's and the starter's {@code softdelete.markers} and the CLI's {@code --markers}
 * share. It mirrors the {@code Marker} API:
 * <pre>
 * documents = flag(is_deleted).deletedBy(deleted_by);
 * flagAndTimestamp(removed, removed_at);
 * audit_log = none
 * </pre>
 * An entry with a table name ({@code table} or {@code schema.table}) applies to that table only, and its
 * columns must exist; one without applies to every table that has its flag and timestamp columns, and
 * its deleted-by column where the table has it. {@code none} says that a table is not soft-deletable.
 *
 * @param table     the table's name, or null for every table with the columns
 * @param kind      the kind of marker
 * @param flag      the flag column, or null
 * @param timestamp the timestamp column, or null
 * @param deletedBy the deleted-by column, or null
 */
public record MarkerEntry(String table, Kind kind, String flag, String timestamp, String deletedBy) {

    /** The kinds, by the names the syntax uses. */
    public enum Kind {
        TIMESTAMP("timestamp"), FLAG("flag"), FLAG_AND_TIMESTAMP("flagAndTimestamp"), NONE("none");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        /** {@return the word the syntax uses, e.g. {@code flagAndTimestamp}} */
        public String word() {
            return word;
        }
    }

    private static final Pattern ENTRY = Pattern.compile(
        "\\s*(?:([\\w$.]+)\\s*=\\s*)?(?:(none)|(timestamp|flag|flagAndTimestamp)\\s*\\(\\s*([\\w$]+)\\s*(?:,\\s*([\\w$]+)\\s*)?\\)"
            + "\\s*(?:\\.\\s*deletedBy\\s*\\(\\s*([\\w$]+)\\s*\\))?)\\s*");

    /**
     * Parses a description: entries separated by {@code ;}.
     *
     * @param description the description; blank entries are skipped
     * @param setting     where the description was given, for messages, e.g. {@code softdelete.markers}
     * @return the entries, in the order given
     * @throws IllegalArgumentException naming the entry and the syntax
     */
    public static List<MarkerEntry> parse(String description, String setting) {
        List<MarkerEntry> entries = new ArrayList<>();
        for (String entry : description.split(";")) {
            if (entry.isBlank())
                continue;
            Matcher m = ENTRY.matcher(entry);
            if (!m.matches() || (m.group(2) != null && m.group(1) == null)
                || (m.group(3) != null && (m.group(5) != null) != m.group(3).equals("flagAndTimestamp")))
                throw new IllegalArgumentException(setting + " has the entry \"" + entry.trim() + "\", which is not"
                    + " [table =] timestamp(column), flag(column) or flagAndTimestamp(flag, timestamp), optionally followed by"
                    + " .deletedBy(column), nor table = none; separate entries with ';'");
            String table = m.group(1);
            if (m.group(2) != null) {
                entries.add(new MarkerEntry(table, Kind.NONE, null, null, null));
                continue;
            }
            entries.add(switch (m.group(3)) {
                case "timestamp" -> new MarkerEntry(table, Kind.TIMESTAMP, null, m.group(4), m.group(6));
                case "flag" -> new MarkerEntry(table, Kind.FLAG, m.group(4), null, m.group(6));
                default -> new MarkerEntry(table, Kind.FLAG_AND_TIMESTAMP, m.group(4), m.group(5), m.group(6));
            });
        }
        return List.copyOf(entries);
    }

    /** {@code timestamp(column)}, for every table that has the column. */
    public static MarkerEntry timestamp(String column) {
        return new MarkerEntry(null, Kind.TIMESTAMP, null, column, null);
    }

    /** {@return the column that decides whether a row is live: the flag if there is one, else the timestamp} */
    public String state() {
        return flag != null ? flag : timestamp;
    }

    /** {@return the columns the entry names, flag, timestamp and deleted-by, those it has} */
    public List<String> columns() {
        List<String> columns = new ArrayList<>(3);
        if (flag != null)
            columns.add(flag);
        if (timestamp != null)
            columns.add(timestamp);
        if (deletedBy != null)
            columns.add(deletedBy);
        return columns;
    }

    /** {@return this entry for one table, with the deleted-by column given (or none)} */
    MarkerEntry forTable(String tableName, String deletedByColumn) {
        return new MarkerEntry(tableName, kind, flag, timestamp, deletedByColumn);
    }

    /** The entry as it is written, e.g. {@code documents = flag(is_deleted).deletedBy(deleted_by)}. */
    @Override
    public String toString() {
        String marker = switch (kind) {
            case NONE -> "none";
            case TIMESTAMP -> "timestamp(" + timestamp + ")";
            case FLAG -> "flag(" + flag + ")";
            case FLAG_AND_TIMESTAMP -> "flagAndTimestamp(" + flag + ", " + timestamp + ")";
        };
        if (deletedBy != null)
            marker += ".deletedBy(" + deletedBy + ")";
        return table == null ? marker : table + " = " + marker;
    }
}
