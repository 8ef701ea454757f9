package io.github.softdelete.codegen;

import java.util.Objects;

import io.github.softdelete.codegen.internal.Finding;

/**
 * One schema trap that {@link SchemaLint#check SchemaLint.check} found, as the code generator's lint
 * reports it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind       which rule found it
 * @param schema     the schema of the table, as the database spells it, e.g. {@code public}
 * @param table      the table that holds the constraint or index, or the view, as the database spells it
 * @param constraint the constraint or index by the name the database gives it; the view's name for
 *                   {@link Kind#VIEW_OVER_SOFT_DELETABLE_TABLE}, the column's for {@link Kind#MARKER_LOOK_ALIKE}
 * @param message    what is wrong, why it matters and how to fix it, with the DDL that fixes it, in one paragraph
 */
public record LintFinding(Kind kind, String schema, String table, String constraint, String message) {

    /**
     * Checks that no component is null.
     *
     * @param kind       which rule found it
     * @param schema     the schema of the table
     * @param table      the table, or the view
     * @param constraint the constraint, index, view or column
     * @param message    what is wrong, why it matters and how to fix it
     * @throws NullPointerException when a component is null
     */
    public LintFinding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(constraint, "constraint");
        Objects.requireNonNull(message, "message");
    }

    /** The lint's rules, in the order their findings are reported. */
    public enum Kind {
        /** A unique constraint or index that also counts deleted rows. */
        UNIQUE_COUNTS_DELETED_ROWS("unique-counts-deleted-rows"),
        /** A foreign key on a soft-deletable table that no index serves. */
        UNINDEXED_FOREIGN_KEY("unindexed-foreign-key"),
        /** An ON DELETE CASCADE between a soft-deletable table and one that is not. */
        CASCADE_ACROSS_SOFT_DELETE_BOUNDARY("cascade-across-soft-delete-boundary"),
        /** A view that reads soft-deletable tables without filtering deleted rows. */
        VIEW_OVER_SOFT_DELETABLE_TABLE("view-over-soft-deletable-table"),
        /**
         * A column that looks like a soft-delete marker (deleted_on, is_deleted, deleted_by) but is not used as
         * one. Only the code generator reports it: it reads the columns from jOOQ's meta model, not from the
         * catalog that {@link SchemaLint#check SchemaLint.check} reads.
         */
        MARKER_LOOK_ALIKE("marker-look-alike");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** {@return the label that findings of this kind print, e.g. {@code unique-counts-deleted-rows}} */
        public String label() {
            return label;
        }
    }

    // The internal kinds and these have the same names; LintFindingTest checks that they match one to one.
    static LintFinding of(Finding finding) {
        return new LintFinding(Kind.valueOf(finding.kind().name()), finding.table().schema(), finding.table().table(),
            finding.constraint(), finding.message());
    }

    /**
     * {@return the line the code generator's log and {@code softdelete lint} print, e.g.
     * {@code [unindexed-foreign-key] foreign key ...}}
     */
    // Stable text: softdelete lint prints it as it is, and CI logs or scripts may match on the label.
    @Override
    public String toString() {
        return "[" + kind.label() + "] " + message;
    }
}
