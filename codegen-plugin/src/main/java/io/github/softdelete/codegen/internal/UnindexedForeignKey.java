package io.github.softdelete.codegen.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import io.github.softdelete.OnDelete;
import io.github.softdelete.codegen.internal.Finding.Kind;

/**
 * Lint rule: a foreign key on a soft-deletable child table that no index serves. Soft deletes look up
 * a parent's live children by the key's columns, to cascade or to refuse, and so do reads that join
 * the child to its parent; without an index each lookup scans the child table.
 *
 * <p>An index serves the key when it is valid, its leading key columns are the key's columns (in any
 * order), and it is either not partial, or partial with exactly {@code marker IS NULL}: the soft
 * cascade and live-row reads only look at live rows. A primary key that leads with the key's columns
 * serves too ({@code likes (user_id, comment_id)} serves {@code likes.user_id}).
 *
 * <p>Not checked: PostgreSQL's own foreign key checks on a hard delete of the parent look at deleted
 * children too, and cannot use a partial index. A schema that purges parents often wants a full index.
 */
final class UnindexedForeignKey {

    private UnindexedForeignKey() {
    }

    static List<Finding> check(Catalog catalog, Map<TableName, LintMarker> markers) {
        List<Finding> findings = new ArrayList<>();
        for (CatalogForeignKey key : catalog.foreignKeys()) {
            LintMarker marker = markers.get(key.child());
            if (marker != null && catalog.indexesOn(key.child()).stream().noneMatch(index -> serves(index, key, marker)))
                findings.add(new Finding(Kind.UNINDEXED_FOREIGN_KEY, key.child(), key.name(),
                    message(key, markers.containsKey(key.parent()), marker)));
        }
        return findings;
    }

    static boolean serves(CatalogIndex index, CatalogForeignKey key, String marker) {
        return serves(index, key, LintMarker.timestamp(marker));
    }

    static boolean serves(CatalogIndex index, CatalogForeignKey key, LintMarker marker) {
        int n = key.columns().size();
        return index.valid() && index.keyColumns().size() >= n
            && new HashSet<>(index.keyColumns().subList(0, n)).equals(new HashSet<>(key.columns()))
            && (index.predicate() == null || LivePredicate.isExactlyLive(index.predicate(), marker));
    }

    private static String message(CatalogForeignKey key, boolean softDeletableParent, LintMarker marker) {
        String columns = String.join(", ", key.columns());
        String child = key.child().table();
        String lookups = !softDeletableParent
            ? "reads that join " + child + " on " + columns
            : key.rule() == OnDelete.CASCADE
            ? "every soft delete of a " + key.parent().table() + " row (to cascade it) and reads that join " + child
                + " on " + columns
            : key.rule() == OnDelete.RESTRICT || key.rule() == OnDelete.NO_ACTION
            ? "every soft delete of a " + key.parent().table() + " row (to refuse it while live children exist) and"
                + " reads that join " + child + " on " + columns
            : "reads that join " + child + " on " + columns;
        String name = child + "_" + String.join("_", key.columns()) + "_live_idx";
        return "foreign key " + key.name() + " (" + child + "." + columns + " -> " + key.parent().table()
            + ", ON DELETE " + key.ruleSql() + "): no index on " + key.child() + " leads with (" + columns + "), so "
            + lookups + " scan the whole table. Add one: CREATE INDEX " + Identifiers.quote(name) + " ON "
            + key.child().sql() + " (" + Identifiers.quoteAll(key.columns()) + ") WHERE " + marker.liveSql() + ";"
            + (marker.nullableFlag() ? " Better still, make " + marker.column() + " NOT NULL DEFAULT false: the"
                + " index can then be WHERE NOT " + Identifiers.quote(marker.column()) + ", and a NULL flag reads as live." : "");
    }
}
