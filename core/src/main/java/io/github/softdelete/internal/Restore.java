package io.github.softdelete.internal;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;

import io.github.softdelete.SoftDeleteException;

/**
 * Restore: {@code UPDATE T SET marker = NULL WHERE condition AND marker IS NOT NULL}.
 *
 * <p>One statement, so a failure changes nothing. The most likely failure is a unique index on live
 * rows (a new signup took the email since); it is reported as a {@link SoftDeleteException} that names
 * the constraint.
 */
public final class Restore {

    // PostgreSQL's unique_violation, and the constraint name in its message. The message text is
    // PostgreSQL's, stable across versions since 8.x.
    private static final String UNIQUE_VIOLATION = "23505";
    private static final Pattern CONSTRAINT = Pattern.compile("unique constraint \"([^\"]+)\"");

    private Restore() {
    }

    public static int run(DSLContext ctx, TableRegistry registry, Table<?> table, Condition condition) {
        Table<?> target = UnfilteredTable.unwrap(table);
        TableReference reference = TableReference.resolve(registry, target);
        if (reference == null)
            throw new IllegalArgumentException("table \"" + target.getName() + "\" is not soft-deletable under the"
                + " installed policy, so it has no deleted rows to restore; register it in the SoftDeletePolicy");
        try {
            return update(ctx, target, reference.marker(), condition);
        } catch (DataAccessException e) {
            if (UNIQUE_VIOLATION.equals(e.sqlState()))
                throw uniqueViolation(reference, e);
            throw e;
        }
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static int update(DSLContext ctx, Table target, Field marker, Condition condition) {
        return LibraryWrite.write(ctx.update((Table<Record>) target), marker, LibraryWrite.restored(marker.getDataType()))
            .where(condition.and(marker.isNotNull()))
            .execute();
    }

    private static SoftDeleteException uniqueViolation(TableReference reference, DataAccessException e) {
        SQLException cause = e.getCause(SQLException.class);
        Matcher m = CONSTRAINT.matcher(cause != null && cause.getMessage() != null ? cause.getMessage() : e.getMessage());
        String constraint = m.find() ? m.group(1) : "(unknown)";
        return new SoftDeleteException("cannot restore rows of " + reference.table().quotedName()
            + ": restoring would violate unique constraint " + constraint + ", because a live row holds the same"
            + " key since the delete. Nothing was restored. Change or delete the live row first, or restore with a"
            + " condition that leaves the conflicting row out", e);
    }
}
