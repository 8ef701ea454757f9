package io.github.softdelete.codegen.internal;

import java.util.Comparator;

/**
 * One schema trap that the lint found.
 *
 * @param kind       which rule found it
 * @param table      the table that holds the constraint or index
 * @param constraint the constraint or index, by the name the database gives it (the column, for a look-alike)
 * @param message    what is wrong, why it matters and how to fix it, in one paragraph
 */
public record Finding(Kind kind, TableName table, String constraint, String message) implements Comparable<Finding> {

    private static final Comparator<Finding> ORDER = Comparator.comparing(Finding::kind)
        .thenComparing(Finding::table).thenComparing(Finding::constraint);

    /** The rules, in the order findings are reported. */
    public enum Kind {
        /** A unique constraint or index that also counts deleted rows. */
        UNIQUE_COUNTS_DELETED_ROWS("unique-counts-deleted-rows"),
        /** A foreign key on a soft-deletable table that no index serves. */
        UNINDEXED_FOREIGN_KEY("unindexed-foreign-key"),
        /** An ON DELETE CASCADE between a soft-deletable table and one that is not. */
        CASCADE_ACROSS_SOFT_DELETE_BOUNDARY("cascade-across-soft-delete-boundary"),
        /** A view that reads soft-deletable tables without filtering deleted rows, and how to make it filter. */
        VIEW_OVER_SOFT_DELETABLE_TABLE("view-over-soft-deletable-table"),
        /** A column that looks like a soft-delete marker (deleted_on, is_deleted, deleted_by) but is not used as one. */
        MARKER_LOOK_ALIKE("marker-look-alike");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The label the log shows, e.g. {@code unique-counts-deleted-rows}. */
        public String label() {
            return label;
        }
    }

    @Override
    public int compareTo(Finding other) {
        return ORDER.compare(this, other);
    }

    /** The line the codegen log shows. */
    @Override
    public String toString() {
        return "[" + kind.label() + "] " + message;
    }
}
