package io.github.softdelete.codegen.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.softdelete.OnDelete;
import io.github.softdelete.codegen.internal.Finding.Kind;

/**
 * Lint rule: an {@code ON DELETE CASCADE} foreign key between a soft-deletable table and one that is
 * not, in either direction. The two halves of the schema then disagree about what a delete means:
 * <ul>
 *   <li><b>soft-deletable parent, plain child</b> ({@code post_tags.post_id -> posts}): a soft delete
 *       of the parent cannot mark the child rows, which have no marker, so they stay, pointing at a
 *       deleted row. Reads through the parent hide them; reads of the child alone do not; and the
 *       database removes them only when the parent is hard-deleted;</li>
 *   <li><b>plain parent, soft-deletable child</b>: deleting the parent is a real DELETE, and the
 *       database cascades it as one, hard-deleting the children, live and soft-deleted alike, with no
 *       marker left and nothing to restore.</li>
 * </ul>
 * A cascade between two soft-deletable tables, or two plain ones, is consistent and not reported.
 */
final class CascadeAcrossSoftDeleteBoundary {

    private CascadeAcrossSoftDeleteBoundary() {
    }

    static List<Finding> check(Catalog catalog, Map<TableName, LintMarker> markers) {
        List<Finding> findings = new ArrayList<>();
        for (CatalogForeignKey key : catalog.foreignKeys()) {
            boolean softChild = markers.containsKey(key.child());
            boolean softParent = markers.containsKey(key.parent());
            if (key.rule() != OnDelete.CASCADE || softChild == softParent)
                continue;
            LintMarker marker = markers.get(softChild ? key.child() : key.parent());
            findings.add(new Finding(Kind.CASCADE_ACROSS_SOFT_DELETE_BOUNDARY, key.child(), key.name(),
                softParent ? plainChild(catalog, key, marker) : plainParent(catalog, key, marker)));
        }
        return findings;
    }

    private static String plainChild(Catalog catalog, CatalogForeignKey key, LintMarker marker) {
        String child = key.child().table();
        String parent = key.parent().table();
        return subject(key) + " cascades from soft-deletable " + parent + " to " + child + ", which has no "
            + marker.column() + " column: soft-deleting a " + parent + " row leaves its " + child + " rows in place, so"
            + " reads of " + child + " that do not join " + parent + " still see them, and only a hard delete of the "
            + parent + " row removes them. "
            + MarkerDeclaration.advice(catalog, key.child(), key.parent(), marker, "so that soft deletes cascade to it")
            + ". Or read " + child + " only through " + parent + ".";
    }

    private static String plainParent(Catalog catalog, CatalogForeignKey key, LintMarker marker) {
        String child = key.child().table();
        String parent = key.parent().table();
        return subject(key) + " cascades from " + parent + ", which has no " + marker.column() + " column, to"
            + " soft-deletable " + child + ": deleting a " + parent + " row is a real DELETE, and the database cascades"
            + " it by hard-deleting its " + child + " rows, live and soft-deleted alike, leaving nothing to restore. "
            + MarkerDeclaration.advice(catalog, key.parent(), key.child(), marker, "so that its deletes are soft too")
            + ". Or use ON DELETE RESTRICT to refuse deleting a " + parent + " row that " + child + " rows still reference.";
    }

    private static String subject(CatalogForeignKey key) {
        return "foreign key " + key.name() + " (" + key.child().table() + "." + String.join(", ", key.columns()) + " -> "
            + key.parent().table() + ", ON DELETE CASCADE)";
    }
}
