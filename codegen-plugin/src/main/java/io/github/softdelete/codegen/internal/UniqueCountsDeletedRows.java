package io.github.softdelete.codegen.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.softdelete.codegen.internal.Finding.Kind;

/**
 * Lint rule: a unique constraint or index on a soft-deletable table that also counts deleted rows.
 * A deleted row keeps its values, so they can never be used again: a deleted category's name is
 * taken forever. The fix is a partial unique index, {@code ... WHERE deleted_at IS NULL}.
 *
 * <p>Clean, and so not reported:
 * <ul>
 *   <li>a partial unique index whose predicate has {@code marker IS NULL} among its AND operands;</li>
 *   <li>primary keys. A primary key names a row whether it is live or deleted, and cannot be partial;
 *       a surrogate key is never reused, and inserting a deleted row's natural key again is a restore
 *       ({@code SoftDelete.restore}), not a new row;</li>
 *   <li>a unique key that includes the marker column with {@code NULLS NOT DISTINCT} (PostgreSQL 15+):
 *       unique among live rows, and deleted rows differ by their timestamps.</li>
 * </ul>
 * A unique key that includes the marker without {@code NULLS NOT DISTINCT} is reported with its own
 * message: it counts no deleted rows, but it no longer keeps live rows unique either.
 *
 * <p>On MariaDB, which has no partial index, a unique key counts no deleted rows when one of its columns is a
 * generated column NULL on deleted rows ({@link LiveColumn}), and the advice is that form ({@link LiveUniqueKey}).
 */
final class UniqueCountsDeletedRows {

    private UniqueCountsDeletedRows() {
    }

    static List<Finding> check(Catalog catalog, Map<TableName, LintMarker> markers) {
        List<Finding> findings = new ArrayList<>();
        for (CatalogIndex index : catalog.indexes()) {
            LintMarker marker = markers.get(index.table());
            if (!index.unique() || index.primary() || marker == null || restrictsToLive(catalog, index, marker))
                continue;
            boolean mariaDb = catalog.engine() == Engine.MARIADB;
            if (marker.flag() || !index.keyColumns().contains(marker.column()))
                findings.add(finding(index, mariaDb ? LiveUniqueKey.countsDeletedRows(catalog, index, marker)
                    : countsDeletedRows(index, marker)));
            else if (!index.nullsNotDistinct())
                findings.add(finding(index, mariaDb ? LiveUniqueKey.keepsNoLiveRowsUnique(catalog, index, marker)
                    : keepsNoLiveRowsUnique(index, marker)));
        }
        return findings;
    }

    // PostgreSQL: a partial index's predicate; MariaDB: a key column generated NULL on deleted rows.
    private static boolean restrictsToLive(Catalog catalog, CatalogIndex index, LintMarker marker) {
        return LivePredicate.restrictsToLive(index.predicate(), marker) || index.keyColumns().stream().anyMatch(column ->
            column != null && catalog.column(index.table(), column).filter(c -> LiveColumn.isLiveOnly(c.generation(), marker)).isPresent());
    }

    private static String countsDeletedRows(CatalogIndex index, LintMarker marker) {
        String live = liveIndexName(index);
        String drop = index.constraint() != null
            ? "ALTER TABLE " + index.table().sql() + " DROP CONSTRAINT " + Identifiers.quote(index.constraint()) + ";"
            : "DROP INDEX " + Identifiers.quote(index.table().schema()) + "." + Identifiers.quote(index.name()) + ";";
        String message = subject(index) + " also counts deleted rows, so the values of a deleted " + index.table().table()
            + " row can never be used again. Make it unique among live rows with a partial unique index: "
            + liveDefinition(index, live, marker) + " " + drop;
        if (!index.referencedBy().isEmpty())
            message += " Foreign keys need a key that is not partial, and " + String.join(", ", index.referencedBy())
                + " reference" + (index.referencedBy().size() == 1 ? "s" : "") + " this one: point "
                + (index.referencedBy().size() == 1 ? "it" : "them") + " at the primary key first.";
        return message;
    }

    private static String keepsNoLiveRowsUnique(CatalogIndex index, LintMarker marker) {
        return subject(index) + " includes the marker column " + marker.column() + ", which is NULL in every live row; NULLs are"
            + " distinct, so any number of live rows may share the other columns. Use a partial unique index on"
            + " the other columns WHERE " + marker.liveSql() + ", or declare it NULLS NOT DISTINCT"
            + " (PostgreSQL 15+).";
    }

    static String subject(CatalogIndex index) {
        return (index.constraint() != null ? "unique constraint " : "unique index ") + index.displayName() + " on "
            + index.table() + " (" + String.join(", ", index.keyText()) + ")";
    }

    /** The index's own definition, renamed and restricted to live rows, so opclasses and INCLUDE survive. */
    private static String liveDefinition(CatalogIndex index, String name, LintMarker marker) {
        String live = "(" + marker.liveSql() + ")";
        String definition = index.definition().replaceFirst(
            " INDEX " + Pattern.quote(Identifiers.quote(index.name())) + " ON ",
            Matcher.quoteReplacement(" INDEX " + Identifiers.quote(name) + " ON "));
        return (index.predicate() == null ? definition + " WHERE " + live
            : definition.replace(" WHERE ", " WHERE " + live + " AND ")) + ";";
    }

    static String liveIndexName(CatalogIndex index) {
        String name = index.displayName();
        return name.endsWith("_key") ? name.substring(0, name.length() - 4) + "_live_key" : name + "_live";
    }

    private static Finding finding(CatalogIndex index, String message) {
        return new Finding(Kind.UNIQUE_COUNTS_DELETED_ROWS, index.table(), index.displayName(), message);
    }
}
