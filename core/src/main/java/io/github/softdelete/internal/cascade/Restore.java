package io.github.softdelete.internal.cascade;

import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

import org.jooq.Condition;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConnectionProvider;

import io.github.softdelete.SoftDeleteEvent;
import io.github.softdelete.SoftDeleteException;

import io.github.softdelete.internal.jooq.Engine;
import io.github.softdelete.internal.jooq.PartnerListeners;
import io.github.softdelete.internal.jooq.ServerErrors;
import io.github.softdelete.internal.policy.CascadePlan;
import io.github.softdelete.internal.policy.ReadMode;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.policy.UnfilteredTable;
import io.github.softdelete.internal.sql.CascadeSteps;
import io.github.softdelete.internal.sql.LibraryWrite;
import io.github.softdelete.internal.sql.TableReference;

/**
 * Restore: {@code UPDATE T SET marker = NULL WHERE condition AND marker IS NOT NULL}.
 *
 * <p>One statement, so a failure changes nothing. The most likely failure is a unique index on live
 * rows (a new signup took the email since); it is recognised by its SQLSTATE and reported as a
 * {@link SoftDeleteException} that names the constraint, taken from the server's structured error
 * fields ({@link ServerErrors}), never from the message text.
 *
 * <p>{@link #runWithParents} first restores the deleted parents, walking up the keys ({@link ParentChain}).
 */
public final class Restore {

    private Restore() {
    }

    public static int run(DSLContext ctx, TableRegistry registry, Table<?> table, Condition condition) {
        Table<?> target = UnfilteredTable.unwrap(table);
        TableReference reference = TableReference.resolve(registry, target);
        if (reference == null)
            throw new IllegalArgumentException("table \"" + target.getName() + "\" is not soft-deletable under the"
                + " installed policy, so it has no deleted rows to restore; register it in the SoftDeletePolicy");
        PartnerListeners.require(ctx.configuration());
        try {
            CascadePlan plan = registry.plan(reference.table());
            if (CascadeRestore.needed(registry, plan))
                return registry.hasListeners() && Engine.of(ctx.configuration()) == Engine.POSTGRES
                    ? cascadeAndTell(ctx, registry, target, reference, condition)
                    : RestoreRequest.execute(ctx, reference.table(), target, condition);
            return registry.hasListeners() ? updateAndTell(ctx, registry, target, reference, condition) : update(ctx, target, reference, condition);
        } catch (DataAccessException e) {
            if (!ServerErrors.isUniqueViolation(e))
                throw e;
            SoftDeleteException refusal = uniqueViolation(reference, e);
            registry.refused(refusal);
            throw refusal;
        }
    }

    /**
     * Restores the deleted parents of the matching rows first, up the chain, then the rows: several
     * statements, so they run in one transaction (a savepoint when the caller's transaction, jOOQ's, Spring's or
     * plain JDBC's, is open). Returns the number of rows of {@code table} brought back, including those a parent's
     * restore brought back with it.
     */
    public static int runWithParents(DSLContext ctx, TableRegistry registry, Table<?> table, Condition condition) {
        Table<?> target = UnfilteredTable.unwrap(table);
        TableReference reference = TableReference.resolve(registry, target);
        if (reference == null)
            return run(ctx, registry, table, condition); // reports the table that is not soft-deletable
        return inOneTransaction(ctx, configuration -> {
            // The restores it runs tell the tally, and the listeners hear them once, as one RESTORE_WITH_PARENTS.
            ChangeTally tally = new ChangeTally(registry.hasListeners());
            DSLContext dsl = DSL.using(TableRegistry.collecting(configuration,
                event -> event.tables().forEach(change -> tally.restored(registry.lookup(change.table()), change.restored()))));
            int before = deletedCount(dsl, target, reference, condition);
            new ParentChain(dsl, registry).restoreParentsOf(reference.table(), target, condition);
            run(dsl, registry, target, condition);
            int restored = before - deletedCount(dsl, target, reference, condition);
            if (tally.counting() && tally.changedRows())
                registry.tell(ctx.configuration(), tally.event(SoftDeleteEvent.Operation.RESTORE_WITH_PARENTS, reference.table(), null, null));
            return restored;
        });
    }

    /**
     * Runs {@code work} on one connection of {@code ctx} (the configuration it gets is bound to it) in one transaction:
     * a savepoint of the library's in the caller's transaction, or a transaction of its own in auto-commit mode
     * ({@link StagedTransaction}), rolled back when {@code work} throws, so that a refusal or a listener's exception
     * undoes everything it did and the caller's own work stays the caller's. Not ctx.transactionResult: on a connection
     * whose JDBC transaction the caller opened (auto-commit off, no jOOQ or Spring transaction), jOOQ's
     * DefaultTransactionProvider starts no savepoint, and commits the caller's transaction, or rolls it back on a refusal.
     */
    private static int inOneTransaction(DSLContext ctx, ToIntFunction<Configuration> work) {
        return ctx.connectionResult(connection -> {
            StagedTransaction transaction = StagedTransaction.begin(connection);
            try {
                int rows = work.applyAsInt(ctx.configuration().derive(new DefaultConnectionProvider(connection)));
                transaction.commit();
                return rows;
            } catch (RuntimeException e) {
                transaction.rollback();
                throw e;
            }
        });
    }

    private static int deletedCount(DSLContext dsl, Table<?> target, TableReference reference, Condition condition) {
        return dsl.fetchCount(DSL.selectOne().from(new UnfilteredTable<>(target)).where(condition).and(reference.predicate(ReadMode.DELETED)));
    }

    // The restore of one statement, with the listeners told before it commits, in one transaction so that a listener's
    // exception undoes it.
    private static int updateAndTell(DSLContext ctx, TableRegistry registry, Table<?> target, TableReference reference, Condition condition) {
        return inOneTransaction(ctx, configuration -> {
            int restored = update(DSL.using(configuration), target, reference, condition);
            if (restored > 0)
                registry.tell(ctx.configuration(), new SoftDeleteEvent(SoftDeleteEvent.Operation.RESTORE, reference.table().table(), Optional.empty(),
                    Optional.empty(), List.of(new SoftDeleteEvent.TableChange(reference.table().table(), 0, restored, 0, 0))));
            return restored;
        });
    }

    // PostgreSQL's one-statement cascading restore, with the listeners told before it commits: its steps wrote what
    // they restored into a setting of the transaction (CascadeRestore.RESTORE_COUNTS), read back by one more statement.
    // The outer UPDATE's rows are its count.
    private static int cascadeAndTell(DSLContext ctx, TableRegistry registry, Table<?> target, TableReference reference, Condition condition) {
        return inOneTransaction(ctx, configuration -> {
            DSLContext dsl = DSL.using(configuration);
            int restored = RestoreRequest.execute(dsl, reference.table(), target, condition);
            CascadeSettlement.Figures steps = new CascadeSettlement.Figures();
            steps.addCounts(dsl.fetchValue(DSL.function("current_setting", String.class, DSL.inline(CascadeRestore.RESTORE_COUNTS), DSL.inline(true))));
            ChangeTally tally = new ChangeTally(true);
            tally.restored(reference.table(), restored);
            for (CascadePlan.Node node : registry.plan(reference.table()).nodes()) // parents before children
                tally.restored(node.table(), steps.stamped().getOrDefault(registry.tables().indexOf(node.table()), 0L));
            if (tally.changedRows())
                registry.tell(ctx.configuration(), tally.event(SoftDeleteEvent.Operation.RESTORE, reference.table(), null, null));
            return restored;
        });
    }

    private static int update(DSLContext ctx, Table<?> target, TableReference reference, Condition condition) {
        return LibraryWrite.restoration(ctx.update(CascadeSteps.asRecordTable(target)), reference.table())
            .where(condition.and(reference.predicate(ReadMode.DELETED)))
            .execute();
    }

    private static SoftDeleteException uniqueViolation(TableReference reference, DataAccessException e) {
        String constraint = ServerErrors.constraint(e);
        return new SoftDeleteException("cannot restore rows of " + reference.table().quotedName()
            + ": restoring would violate " + (constraint != null ? "unique constraint " + constraint
                : "a unique constraint (the JDBC driver did not report which; PostgreSQL's driver does, MariaDB's does not)")
            + ", because a live row holds the same key since the delete. Nothing was restored. Change or delete the"
            + " live row first, or restore with a condition that leaves the conflicting row out", e);
    }
}
