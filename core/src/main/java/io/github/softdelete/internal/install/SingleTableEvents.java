package io.github.softdelete.internal.install;

import java.sql.SQLException;
import java.util.Set;

import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Query;
import org.jooq.exception.DataAccessException;

import io.github.softdelete.SoftDeleteEvent;
import io.github.softdelete.SoftDeleteException;

import io.github.softdelete.internal.cascade.SettledExecution;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.write.OneStatementDelete;

/**
 * Tells the policy's listeners ({@link TableRegistry#tell}) what a soft delete of one statement changed: a DELETE from a
 * table without soft-deletable children, which the rewrite made one UPDATE, executed through jOOQ (the DSL and
 * records). Its count is the statement's own. Cascades tell them from their own steps.
 *
 * <p>The listeners hear it before the statement's transaction commits, so that an exception of theirs undoes it: in
 * auto-commit mode the statement runs in a transaction of the library's ({@link SettledExecution}), committed once
 * they were told. Inside the caller's transaction, the exception reaches the caller, whose transaction rolls back as
 * it does for any exception (Spring's and jOOQ's do). Without listeners it does nothing.
 *
 * <p>Immutable and thread-safe: per-execution state lives in the ExecuteContext's data.
 */
public final class SingleTableEvents implements ExecuteListener {

    private static final long serialVersionUID = 1L;

    private enum Key { TOLD }

    private record Told(OneStatementDelete delete, SettledExecution transaction) {
    }

    private final transient TableRegistry registry;

    public SingleTableEvents(TableRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void executeStart(ExecuteContext ctx) {
        if (!registry.hasListeners())
            return;
        refuseBatchedDeletes(ctx);
        OneStatementDelete delete = rewritten(ctx) ? OneStatementDelete.of(registry, ctx.configuration(), ctx.query()) : null;
        if (delete == null)
            return;
        try {
            ctx.data(Key.TOLD, new Told(delete, SettledExecution.begin(ctx.connection(), ctx.statement(), Set.of())));
        } catch (SQLException e) {
            throw new DataAccessException("softdelete could not open the transaction of a " + delete.verb().replace('-', ' ')
                + " of " + delete.table().quotedName() + ": " + e.getMessage(), e);
        }
    }

    // A JDBC batch has no query of its own in the context (jOOQ's ctx.query() is null), and jOOQ keeps only the first
    // set of bind values' count: what such a batch soft-deleted cannot be told. Refused before it runs, rather than
    // run untold.
    private void refuseBatchedDeletes(ExecuteContext ctx) {
        Query[] batch = ctx.batchQueries();
        if (batch == null || batch.length == 0 || ctx.query() != null || !rewritten(ctx))
            return;
        for (Query query : batch) {
            OneStatementDelete delete = OneStatementDelete.of(registry, ctx.configuration(), query);
            if (delete != null)
                throw delete.inABatch();
        }
    }

    // The library's own statements (a purge's DELETEs) run without the rewrite, and are told by their own code.
    private static boolean rewritten(ExecuteContext ctx) {
        return SoftDeleteVisitListener.on(ctx.configuration()) != null;
    }

    @Override
    public void executeEnd(ExecuteContext ctx) {
        if (ctx.resultSet() == null) {
            tell(ctx, take(ctx), Math.max(ctx.rows(), 0));
            return;
        }
        // DELETE ... RETURNING: its rows are counted once jOOQ read them (fetchEnd). By then jOOQ has closed the
        // statement and handed the connection back, so a transaction of the library's could no longer commit: in
        // auto-commit mode it is refused, and rolled back.
        Told told = (Told) ctx.data(Key.TOLD);
        if (told != null && told.transaction().ownTransaction()) {
            take(ctx);
            told.transaction().abandon();
            throw new SoftDeleteException("cannot " + told.delete().verb() + " from " + told.delete().table().quotedName() + " with DELETE ... RETURNING"
                + " in auto-commit mode while the policy has listeners: the listeners are told once the returned rows are"
                + " read, after the connection went back to its pool. Nothing was changed. Run it inside a transaction, or"
                + " without RETURNING");
        }
    }

    // After jOOQ read the rows of a DELETE ... RETURNING, inside the caller's transaction.
    @Override
    public void fetchEnd(ExecuteContext ctx) {
        Told told = take(ctx);
        if (told != null)
            tell(ctx, told, ctx.result() != null ? ctx.result().size() : Math.max(ctx.rows(), 0));
    }

    private void tell(ExecuteContext ctx, Told told, long rows) {
        if (told == null)
            return;
        try {
            SoftDeleteEvent event = told.delete().event(registry, ctx.configuration(), rows);
            if (event != null)
                registry.tell(ctx.configuration(), event);
            told.transaction().commit();
        } catch (SQLException e) {
            told.transaction().abandon();
            throw new DataAccessException("softdelete could not commit the " + told.delete().verb().replace('-', ' ') + " of "
                + told.delete().table().quotedName() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            told.transaction().abandon();
            throw e;
        }
    }

    @Override
    public void exception(ExecuteContext ctx) {
        Told told = take(ctx);
        if (told != null)
            told.transaction().abandon();
        // Installed after the library's other listeners: StatementRefusals has made the server's error a refusal.
        for (Throwable t = ctx.exception(); t != null; t = t.getCause())
            if (t instanceof SoftDeleteException refusal) {
                registry.refused(refusal);
                return;
            }
    }

    @Override
    public void end(ExecuteContext ctx) {
        Told told = take(ctx); // an execution that neither ended nor failed (a control-flow signal) is abandoned
        if (told != null)
            told.transaction().abandon();
    }

    private static Told take(ExecuteContext ctx) {
        Object told = ctx.data(Key.TOLD);
        if (told != null)
            ctx.data().remove(Key.TOLD);
        return (Told) told;
    }
}
