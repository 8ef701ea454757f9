package io.github.softdelete.internal.install;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Query;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.QOM;

import io.github.softdelete.SoftDeleteEvent;
import io.github.softdelete.SoftDeleteException;

import io.github.softdelete.internal.cascade.SettledExecution;
import io.github.softdelete.internal.jooq.Engine;
import io.github.softdelete.internal.policy.ContextFlags;
import io.github.softdelete.internal.policy.PolicyTable;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.policy.UnfilteredTable;
import io.github.softdelete.internal.write.DeleteToUpdate;

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

    private record Told(PolicyTable table, SettledExecution transaction, SoftDeleteEvent.Operation operation) {
    }

    private final transient TableRegistry registry;

    public SingleTableEvents(TableRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void executeStart(ExecuteContext ctx) {
        if (!registry.hasListeners())
            return;
        refuseBatchedSoftDeletes(ctx);
        PolicyTable hardDeleted = hardDeleted(ctx);
        PolicyTable table = hardDeleted != null ? hardDeleted : softDeleted(ctx);
        if (table == null)
            return;
        SoftDeleteEvent.Operation operation = hardDeleted != null ? SoftDeleteEvent.Operation.HARD_DELETE : SoftDeleteEvent.Operation.SOFT_DELETE;
        try {
            ctx.data(Key.TOLD, new Told(table, SettledExecution.begin(ctx.connection(), ctx.statement(), Set.of()), operation));
        } catch (SQLException e) {
            throw new DataAccessException("softdelete could not open the transaction of a soft delete of " + table.quotedName()
                + ": " + e.getMessage(), e);
        }
    }

    // A JDBC batch has no query of its own in the context (jOOQ's ctx.query() is null), and jOOQ keeps only the first
    // set of bind values' count: what such a batch soft-deleted cannot be told. Refused before it runs, rather than
    // run untold.
    private void refuseBatchedSoftDeletes(ExecuteContext ctx) {
        Query[] batch = ctx.batchQueries();
        if (batch == null || batch.length == 0 || ctx.query() != null)
            return;
        boolean mariaDb = Engine.of(ctx.configuration()) == Engine.MARIADB;
        boolean hard = ContextFlags.of(ctx.configuration()).hardDelete();
        for (Query query : batch)
            if (query instanceof QOM.Delete<?> delete && SoftDeleteVisitListener.on(ctx.configuration()) != null) {
                PolicyTable table = hard ? registry.lookup(UnfilteredTable.unwrap(delete.$from()))
                    : DeleteToUpdate.oneStatementSoftDelete(registry, delete, mariaDb);
                if (table != null)
                    throw new SoftDeleteException("cannot " + (hard ? "hard-delete" : "soft-delete") + " from " + table.quotedName() + " in a JDBC batch while"
                        + " the policy has listeners: the listeners could not be told what each statement of the batch"
                        + " changed. Nothing was executed. Run the deletes one by one, or as one DELETE with a condition"
                        + " that matches them all");
            }
    }

    // The table a DELETE soft-deletes in one statement: rendered by the rewrite (the library's own DELETEs, a purge's,
    // run without it), not under hardDelete, and made one UPDATE.
    private PolicyTable softDeleted(ExecuteContext ctx) {
        Query query = ctx.query();
        if (!(query instanceof QOM.Delete<?> delete) || SoftDeleteVisitListener.on(ctx.configuration()) == null
            || ContextFlags.of(ctx.configuration()).hardDelete())
            return null;
        return DeleteToUpdate.oneStatementSoftDelete(registry, delete, Engine.of(ctx.configuration()) == Engine.MARIADB);
    }

    // The table a DELETE under hardDelete removes rows of, as written: the listeners hear its rows (purged), not what the
    // database's own ON DELETE actions did to other tables.
    private PolicyTable hardDeleted(ExecuteContext ctx) {
        Query query = ctx.query();
        if (!(query instanceof QOM.Delete<?> delete) || SoftDeleteVisitListener.on(ctx.configuration()) == null
            || !ContextFlags.of(ctx.configuration()).hardDelete())
            return null;
        return registry.lookup(UnfilteredTable.unwrap(delete.$from()));
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
            throw new SoftDeleteException("cannot " + verb(told) + " from " + told.table().quotedName() + " with DELETE ... RETURNING"
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
            boolean hard = told.operation() == SoftDeleteEvent.Operation.HARD_DELETE;
            if (rows > 0)
                registry.tell(ctx.configuration(), new SoftDeleteEvent(told.operation(), told.table().table(), Optional.empty(),
                    Optional.ofNullable(hard || told.table().deletedBy() == null ? null : registry.actor(ContextFlags.of(ctx.configuration()))),
                    List.of(new SoftDeleteEvent.TableChange(told.table().table(), hard ? 0 : rows, 0, 0, hard ? rows : 0))));
            told.transaction().commit();
        } catch (SQLException e) {
            told.transaction().abandon();
            throw new DataAccessException("softdelete could not commit the soft delete of " + told.table().quotedName() + ": "
                + e.getMessage(), e);
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

    private static String verb(Told told) {
        return told.operation() == SoftDeleteEvent.Operation.HARD_DELETE ? "hard-delete" : "soft-delete";
    }

    private static Told take(ExecuteContext ctx) {
        Object told = ctx.data(Key.TOLD);
        if (told != null)
            ctx.data().remove(Key.TOLD);
        return (Told) told;
    }
}
