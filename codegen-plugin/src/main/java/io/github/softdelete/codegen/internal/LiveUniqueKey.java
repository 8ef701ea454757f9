package io.github.softdelete.codegen.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The lint's advice for a unique key on MariaDB that counts deleted rows: MariaDB has no partial index, so the key
 * becomes unique among live rows through a generated column NULL on deleted rows ({@link LiveColumn}), in one
 * {@code ALTER TABLE} that adds the column and a unique key over it and drops the old key:
 * <pre>{@code
 * ALTER TABLE categories ADD COLUMN name_live varchar(255) AS (IF(deleted_at IS NULL, name, NULL)) VIRTUAL,
 *   ADD CONSTRAINT categories_name_live_key UNIQUE (name_live), DROP INDEX categories_name_key;
 * }</pre>
 * The last key column that is not the marker is the one copied; the others stay as they are, and a marker column in
 * the key is left out (it adds nothing once deleted rows count no more). The copy keeps the column's type, prefix
 * length and collation, so it compares as the column does. Thread-safe: holds no state.
 */
final class LiveUniqueKey {

    private LiveUniqueKey() {
    }

    static String countsDeletedRows(Catalog catalog, CatalogIndex index, LintMarker marker) {
        String message = UniqueCountsDeletedRows.subject(index) + " also counts deleted rows, so the values of a deleted "
            + index.table().table() + " row can never be used again. MariaDB has no partial index: make it unique among"
            + " live rows with a generated column that is NULL on deleted rows, under a unique key of its own: "
            + alter(catalog, index, marker);
        if (!index.referencedBy().isEmpty())
            message += " Foreign keys need a key over the column itself, and " + String.join(", ", index.referencedBy())
                + " reference" + (index.referencedBy().size() == 1 ? "s" : "") + " this one: point "
                + (index.referencedBy().size() == 1 ? "it" : "them") + " at the primary key first.";
        return message;
    }

    static String keepsNoLiveRowsUnique(Catalog catalog, CatalogIndex index, LintMarker marker) {
        return UniqueCountsDeletedRows.subject(index) + " includes the marker column " + marker.column() + ", which is NULL"
            + " in every live row; NULLs are distinct, so any number of live rows may share the other columns. Make the"
            + " other columns unique among live rows instead, with a generated column that is NULL on deleted rows: "
            + alter(catalog, index, marker);
    }

    private static String alter(Catalog catalog, CatalogIndex index, LintMarker marker) {
        List<String> columns = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        for (int i = 0; i < index.keyColumns().size(); i++) {
            String column = index.keyColumns().get(i);
            if (column != null && !column.equalsIgnoreCase(marker.column())) {
                columns.add(column);
                prefixes.add(index.keyText().get(i).substring(Identifiers.backquote(column).length()));
            }
        }
        String drop = "ALTER TABLE " + catalog.sql(index.table()) + " DROP INDEX " + Identifiers.backquote(index.name()) + ";";
        if (columns.isEmpty())
            return "its only columns are markers, so drop it: " + drop;
        int last = columns.size() - 1;
        String copied = columns.get(last);
        CatalogColumn column = catalog.column(index.table(), copied).orElseThrow(() -> new IllegalStateException("column "
            + copied + " of " + index.table() + " is in " + index.name() + " but not in information_schema.COLUMNS"));
        String live = freeName(catalog, index.table(), copied + "_live");
        List<String> key = new ArrayList<>();
        for (int i = 0; i < last; i++)
            key.add(Identifiers.backquote(columns.get(i)) + prefixes.get(i));
        key.add(Identifiers.backquote(live) + prefixes.get(last));
        return "ALTER TABLE " + catalog.sql(index.table()) + " ADD COLUMN "
            + LiveColumn.definition(live, copied, column.type(), column.collation(), marker) + ", ADD CONSTRAINT "
            + Identifiers.backquote(UniqueCountsDeletedRows.liveIndexName(index)) + " UNIQUE (" + String.join(", ", key)
            + "), DROP INDEX " + Identifiers.backquote(index.name()) + ";";
    }

    // MariaDB's column names are case-insensitive.
    private static String freeName(Catalog catalog, TableName table, String wanted) {
        List<String> taken = catalog.columnsOf(table).stream().map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
        String name = wanted;
        for (int n = 2; taken.contains(name.toLowerCase(Locale.ROOT)); n++)
            name = wanted + n;
        return name;
    }
}
