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
import org.jooq.impl.DSL;

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
            CascadePlan plan = registry.plan(reference.table());
            if (CascadeRestore.needed(registry, plan))
                return CascadeRestore.build(ctx, registry, plan, target, reference, condition).execute();
            return update(ctx, target, reference, condition);
        } catch (DataAccessException e) {
            if (UNIQUE_VIOLATION.equals(e.sqlState()))
                throw uniqueViolation(reference, e);
            throw e;
        }
    }

    /**
     * Restores the deleted parents of the matching rows first, up the chain, then the rows: several
     * statements, so they run in one transaction (a savepoint when the caller's jOOQ transaction is
     * open). Returns the number of rows of {@code table} brought back, including those a parent's
     * restore brought back with it.
     */
    public static int runWithParents(DSLContext ctx, TableRegistry registry, Table<?> table, Condition condition) {
        Table<?> target = UnfilteredTable.unwrap(table);
        TableReference reference = TableReference.resolve(registry, target);
        if (reference == null)
            return run(ctx, registry, table, condition); // reports the table that is not soft-deletable
        return ctx.transactionResult(tx -> {
            DSLContext dsl = tx.dsl();
            int before = deletedCount(dsl, target, reference, condition);
            restoreParents(dsl, registry, reference.table(), target, condition, 0);
            run(dsl, registry, target, condition);
            return before - deletedCount(dsl, target, reference, condition);
        });
    }

    private static void restoreParents(DSLContext dsl, TableRegistry registry, PolicyTable table, Table<?> reference,
                                       Condition rows, int depth) {
        if (depth > MAX_PARENT_DEPTH)
            throw new SoftDeleteException("cannot restore the parent chain of " + table.quotedName() + ": it is deeper than "
                + MAX_PARENT_DEPTH + " levels; restore the upper parents first");
        for (Relation relation : CascadeRestore.parentKeys(registry, table)) {
            Table<?> parent = relation.parent().table();
            Condition parents = RowSets.in(RowSets.on(parent, relation.parentColumns()),
                DSL.select(RowSets.on(reference, relation.childColumns())).from(new UnfilteredTable<>(reference))
                    .where(rows).and(MarkerPredicates.deleted(table, reference)));
            restoreParents(dsl, registry, relation.parent(), parent, parents, depth + 1);
            run(dsl, registry, parent, parents);
        }
    }

    private static int deletedCount(DSLContext dsl, Table<?> target, TableReference reference, Condition condition) {
        return dsl.fetchCount(DSL.selectOne().from(new UnfilteredTable<>(target)).where(condition).and(reference.predicate(ReadMode.DELETED)));
    }

    private static final int MAX_PARENT_DEPTH = 64;

    private static int update(DSLContext ctx, Table<?> target, TableReference reference, Condition condition) {
        return LibraryWrite.restoration(ctx.update(CascadeSteps.asRecordTable(target)), reference.table())
            .where(condition.and(reference.predicate(ReadMode.DELETED)))
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
