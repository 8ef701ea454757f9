package io.github.softdelete.codegen.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.softdelete.OnDelete;
import io.github.softdelete.codegen.internal.Finding.Kind;

/**
 * Lint rule: a foreign key on a soft-deletable child table that no index over all its rows serves.
 *
 * <p>Three kinds of lookup go from a parent row to its children by the key's columns:
 * <ul>
 *   <li>among live children: soft deletes (to cascade, or to refuse while live children exist) and
 *       reads that join the child to its parent;</li>
 *   <li>among deleted children: a restore brings back the children the parent's delete took
 *       ({@code fk = key AND marker = its stamp}); without an index each parent's lookup scans the
 *       child table, and a restore grows with the square of the tree (BENCHMARKS.md, "Cost curves");</li>
 *   <li>among all children: a purge or hard delete of a parent makes PostgreSQL's own foreign key
 *       check (or its ON DELETE action) look up every child, deleted or not (BENCHMARKS.md, "Purge").</li>
 * </ul>
 * A live-only partial index ({@code WHERE marker IS NULL}) serves the first kind only. The advice is
 * one index over all rows on {@code (key columns, marker column)}: it serves all three, and the live
 * lookups as exactly as the partial index, because {@code fk = ? AND deleted_at IS NULL} (or {@code NOT
 * is_deleted}) is an index condition on both its columns; a live-only index beside it is then redundant.
 *
 * <p>An index serves the key when it is valid, not partial, and its leading key columns are the key's
 * columns (in any order): a primary key that leads with them serves too ({@code likes (user_id,
 * comment_id)} serves {@code likes.user_id}).
 *
 * <p>On MariaDB, InnoDB creates an index for every foreign key that has none and refuses to drop the last one
 * (error 1553), so the rule finds a key there only when its indexes are IGNORED (10.6+: the optimizer never uses
 * them, though InnoDB's own checks do); the advice is MariaDB's {@code CREATE INDEX ... ON t (fk, marker)}.
 */
final class UnindexedForeignKey {

    private UnindexedForeignKey() {
    }

    static List<Finding> check(Catalog catalog, Map<TableName, LintMarker> markers) {
        List<Finding> findings = new ArrayList<>();
        for (CatalogForeignKey key : catalog.foreignKeys()) {
            LintMarker marker = markers.get(key.child());
            if (marker == null)
                continue;
            List<CatalogIndex> indexes = catalog.indexesOn(key.child());
            if (indexes.stream().noneMatch(index -> serves(index, key)))
                findings.add(new Finding(Kind.UNINDEXED_FOREIGN_KEY, key.child(), key.name(), message(catalog, key,
                    markers.containsKey(key.parent()), marker, indexes.stream().filter(index -> servesLiveRows(index, key, marker)).toList())));
        }
        return findings;
    }

    /** Whether {@code index} serves every lookup by {@code key}: valid, over all rows, leading with its columns. */
    static boolean serves(CatalogIndex index, CatalogForeignKey key) {
        return index.valid() && index.predicate() == null && leadsWith(index, key);
    }

    /** Whether {@code index} serves lookups by {@code key} among live rows only (a live-only partial index). */
    static boolean servesLiveRows(CatalogIndex index, CatalogForeignKey key, LintMarker marker) {
        return index.valid() && index.predicate() != null && LivePredicate.isExactlyLive(index.predicate(), marker) && leadsWith(index, key);
    }

    private static boolean leadsWith(CatalogIndex index, CatalogForeignKey key) {
        int n = key.columns().size();
        return index.keyColumns().size() >= n && new HashSet<>(index.keyColumns().subList(0, n)).equals(new HashSet<>(key.columns()));
    }

    // An index of that name may exist already (one the planner cannot use): PostgreSQL's index names are unique per
    // schema, MariaDB's per table.
    private static String freeName(Catalog catalog, TableName table, String wanted) {
        List<String> taken = catalog.indexes().stream().filter(index -> catalog.engine() == Engine.MARIADB
            ? index.table().equals(table) : index.table().schema().equals(table.schema())).map(CatalogIndex::name).toList();
        String name = wanted;
        for (int n = 2; taken.contains(name); n++)
            name = wanted + n;
        return name;
    }

    private static String message(Catalog catalog, CatalogForeignKey key, boolean softDeletableParent, LintMarker marker,
                                  List<CatalogIndex> liveOnly) {
        Engine engine = catalog.engine();
        String columns = String.join(", ", key.columns());
        String child = key.child().table();
        String parent = key.parent().table();
        List<String> lookups = new ArrayList<>();
        if (liveOnly.isEmpty()) {
            if (softDeletableParent && key.rule() == OnDelete.CASCADE)
                lookups.add("every soft delete of a " + parent + " row (to cascade it)");
            else if (softDeletableParent && (key.rule() == OnDelete.RESTRICT || key.rule() == OnDelete.NO_ACTION))
                lookups.add("every soft delete of a " + parent + " row (to refuse it while live children exist)");
            lookups.add("reads that join " + child + " on " + columns);
        }
        if (softDeletableParent && key.rule() == OnDelete.CASCADE)
            lookups.add("every restore of a " + parent + " row (to find the deleted children its delete took)");
        lookups.add((softDeletableParent ? "every purge or hard delete of a " : "every delete of a ") + parent + " row ("
            + engine.server() + "'s own foreign key "
            + (key.rule() == OnDelete.SET_NULL || key.rule() == OnDelete.SET_DEFAULT || key.rule() == OnDelete.CASCADE ? "action" : "check")
            + " looks up its children, deleted ones included)");
        String name = freeName(catalog, key.child(), child + "_" + String.join("_", key.columns()) + "_idx");
        List<String> indexColumns = new ArrayList<>(key.columns());
        indexColumns.add(marker.column());
        String live = liveOnly.stream().map(CatalogIndex::name).collect(Collectors.joining(", "));
        // Only PostgreSQL has live-only partial indexes, so the DROP INDEX below is always PostgreSQL's.
        return "foreign key " + key.name() + " (" + child + "." + columns + " -> " + parent + ", ON DELETE " + key.ruleSql() + "): "
            + (liveOnly.isEmpty() ? "no index on " + key.child() + " leads with (" + columns + ")"
                : "only " + live + " leads with (" + columns + "), and it covers live rows only")
            + ", so " + String.join(", ", lookups) + " scan the whole table. Add an index over all rows: CREATE INDEX "
            + engine.quote(name) + " ON " + catalog.sql(key.child()) + " (" + engine.quoteAll(indexColumns) + ");"
            + " It serves these lookups, and those among live rows as well"
            + (marker.nullableFlag() ? "" : " (" + columns + " = ? AND " + marker.liveSql(engine) + " is an index condition on its columns)")
            + (liveOnly.isEmpty() ? "." : ", so " + live + " is then redundant: DROP INDEX "
                + liveOnly.stream().map(index -> key.child().schema() == null ? Identifiers.quote(index.name())
                    : Identifiers.quote(key.child().schema()) + "." + Identifiers.quote(index.name())).collect(Collectors.joining(", ")) + ";")
            + (marker.nullableFlag() ? " Better still, make " + marker.column() + " NOT NULL DEFAULT false: NOT "
                + engine.quote(marker.column()) + " can then use the index, and a NULL flag reads as live." : "");
    }
}
