package io.github.softdelete.codegen.internal;

import java.util.Locale;

import io.github.softdelete.SoftDeletePolicy;

/**
 * The lint's advice for making a table soft-deletable with the marker of a table it is tied to: the column
 * to add, and how the policy then learns of it, through softdelete-codegen's settings or
 * {@code SoftDeletePolicy.builder()}. Adding the column alone changes nothing when the marker was declared
 * for the other table by name.
 *
 * <p>The Java names are those of jOOQ's default generator strategy ({@code post_tags} is {@code POST_TAGS}).
 * Thread-safe: holds no state.
 */
final class MarkerDeclaration {

    private MarkerDeclaration() {
    }

    /** "Add deleted_at to post_tags (...)" followed by {@code purpose}, then how to declare it, as one sentence. */
    static String advice(String table, LintMarker marker, String purpose) {
        String column = marker.column();
        String constant = javaName(table);
        if (marker.flag())
            return "Add " + column + " to " + table + " (boolean NOT NULL DEFAULT false) " + purpose + ", and declare "
                + table + " soft-deletable: with softdelete-codegen, add the entry " + table + " = flag(" + column
                + ") to softdelete.markers (unless an entry flag(" + column + ") without a table name is there) and"
                + " generate again; in a policy built in code, SoftDeletePolicy.builder().table(" + constant
                + ", Marker.flag(" + constant + "." + javaName(column) + "))";
        boolean byDefault = column.equals(SoftDeletePolicy.DEFAULT_MARKER);
        return "Add " + column + " to " + table + " (timestamptz, NULL while the row is live) " + purpose + ", and"
            + " declare " + table + " soft-deletable: softdelete-codegen registers it when it generates again if "
            + column + " is its softdelete.markerColumn" + (byDefault ? " (the default)" : "") + ", else add the entry "
            + table + " = timestamp(" + column + ") to softdelete.markers; in a policy built in code,"
            + " SoftDeletePolicy.builder().table(" + constant + ", " + constant + "." + javaName(column) + ")"
            + (byDefault ? " (SoftDeletePolicy.fromDatabase and builder().schema(...) find a " + column + " column by"
                + " themselves)" : "");
    }

    private static String javaName(String identifier) {
        return identifier.toUpperCase(Locale.ROOT);
    }
}
