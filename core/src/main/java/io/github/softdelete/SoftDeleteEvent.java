package io.github.softdelete;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jooq.Table;

/**
 * What one operation of the library changed, per table: what a {@link SoftDeleteListener} hears.
 *
 * <p>Immutable and thread-safe.
 *
 * @param operation what ran
 * @param root      the table the operation was asked of: the table deleted from, restored or purged
 * @param stamp     the time the operation wrote into the timestamp markers, where it wrote one
 * @param actor     who the operation recorded as having deleted the rows, where a deleted-by column took one
 * @param tables    each table whose rows changed, the root first; tables whose figures are all 0 are left out
 */
public record SoftDeleteEvent(Operation operation, Table<?> root, Optional<Instant> stamp, Optional<Object> actor,
                              List<TableChange> tables) {

    /** What ran. */
    public enum Operation {
        /** A DELETE turned into a soft delete, with the rows it took through foreign keys. */
        SOFT_DELETE,
        /** {@link SoftDelete#restore}: the rows of one delete brought back. */
        RESTORE,
        /** {@link SoftDelete#restoreWithParents}: the rows, and the deleted parents they need. */
        RESTORE_WITH_PARENTS,
        /** A DELETE under {@link SoftDelete#hardDelete}: rows gone, with the database's own foreign-key actions. */
        HARD_DELETE,
        /** One committed batch of a {@link Purge}: rows gone, with the database's own foreign-key actions. */
        PURGE_BATCH
    }

    /**
     * What an operation did to one table.
     *
     * @param table    the table
     * @param stamped  the rows it marked as deleted
     * @param restored the rows it brought back
     * @param setNull  the rows whose foreign key the database set to NULL (or to its default): its own {@code ON DELETE}
     *                 action, in a hard delete or a purge
     * @param purged   the rows physically deleted: by the statement, or by the database's {@code ON DELETE CASCADE}
     */
    public record TableChange(Table<?> table, long stamped, long restored, long setNull, long purged) {

        /**
         * The change of one table.
         *
         * @param table    the table
         * @param stamped  the rows the operation marked as deleted
         * @param restored the rows it brought back
         * @param setNull  the rows whose foreign key the database set to NULL (or to its default)
         * @param purged   the rows physically deleted
         * @throws NullPointerException when {@code table} is null
         */
        public TableChange {
            Objects.requireNonNull(table, "table");
        }

        /** {@return the rows of the table that changed in any way} */
        public long rows() {
            return stamped + restored + setNull + purged;
        }
    }

    /**
     * An event; {@code tables} is copied.
     *
     * @param operation what ran
     * @param root      the table the operation was asked of
     * @param stamp     the time written into the timestamp markers, or empty
     * @param actor     who was recorded as having deleted the rows, or empty
     * @param tables    each table whose rows changed, the root first
     * @throws NullPointerException when an argument or a table change is null
     */
    public SoftDeleteEvent {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(stamp, "stamp");
        Objects.requireNonNull(actor, "actor");
        tables = List.copyOf(tables);
    }

    /**
     * What the operation did to {@code table}, found by its qualified name.
     *
     * @param table a table, as generated or named
     * @return its change, or empty when none of its rows changed
     */
    public Optional<TableChange> table(Table<?> table) {
        for (TableChange change : tables)
            if (change.table().getQualifiedName().equals(table.getQualifiedName()))
                return Optional.of(change);
        return Optional.empty();
    }
}
