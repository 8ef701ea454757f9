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

    /**
     * "Add deleted_at to post_tags (...)" followed by {@code purpose}, then how to declare it, as one sentence. On
     * MariaDB the parentheses hold the {@code ALTER TABLE} that adds the column, in the type the marker has in
     * {@code markedTable}, the soft-deletable table it is tied to.
     */
    static String advice(Catalog catalog, TableName tableName, TableName markedTable, LintMarker marker, String purpose) {
        String table = tableName.table();
        String column = marker.column();
        String constant = javaName(table);
        if (marker.flag())
            return "Add " + column + " to " + table + " (" + columnDefinition(catalog, tableName, markedTable, marker) + ") "
                + purpose + ", and declare "
                + table + " soft-deletable: with softdelete-codegen, add the entry " + table + " = flag(" + column
                + ") to softdelete.markers (unless an entry flag(" + column + ") without a table name is there) and"
                + " generate again; in a policy built in code, SoftDeletePolicy.builder().table(" + constant
                + ", Marker.flag(" + constant + "." + javaName(column) + "))";
        boolean byDefault = column.equals(SoftDeletePolicy.DEFAULT_MARKER);
        return "Add " + column + " to " + table + " (" + columnDefinition(catalog, tableName, markedTable, marker) + ") "
            + purpose + ", and"
            + " declare " + table + " soft-deletable: softdelete-codegen registers it when it generates again if "
            + column + " is its softdelete.markerColumn" + (byDefault ? " (the default)" : "") + ", else add the entry "
            + table + " = timestamp(" + column + ") to softdelete.markers; in a policy built in code,"
            + " SoftDeletePolicy.builder().table(" + constant + ", " + constant + "." + javaName(column) + ")"
            + (byDefault ? " (SoftDeletePolicy.fromDatabase and builder().schema(...) find a " + column + " column by"
                + " themselves)" : "");
    }

    // PostgreSQL: the type, as before; MariaDB: the type and the DDL that adds the column, which the lint's users run.
    private static String columnDefinition(Catalog catalog, TableName table, TableName markedTable, LintMarker marker) {
        if (catalog.engine() == Engine.POSTGRES)
            return marker.flag() ? "boolean NOT NULL DEFAULT false" : "timestamptz, NULL while the row is live";
        String type = marker.flag() ? "BOOLEAN NOT NULL DEFAULT FALSE"
            : catalog.column(markedTable, marker.column()).map(CatalogColumn::type).orElse("DATETIME(6)") + " NULL";
        return (marker.flag() ? type : type.substring(0, type.length() - " NULL".length()) + ", NULL while the row is live")
            + ": ALTER TABLE " + catalog.sql(table) + " ADD COLUMN " + Identifiers.backquote(marker.column()) + " " + type + ";";
    }

    private static String javaName(String identifier) {
        return identifier.toUpperCase(Locale.ROOT);
    }
}
