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

import io.github.softdelete.internal.cascade.SettledExecution;
import io.github.softdelete.internal.jooq.Engine;
import io.github.softdelete.internal.policy.ContextFlags;
import io.github.softdelete.internal.policy.PolicyTable;
import io.github.softdelete.internal.policy.TableRegistry;
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

    private record Told(PolicyTable table, SettledExecution transaction) {
    }

    private final transient TableRegistry registry;

    public SingleTableEvents(TableRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void executeStart(ExecuteContext ctx) {
        if (!registry.hasListeners())
            return;
        PolicyTable table = softDeleted(ctx);
        if (table == null)
            return;
        try {
            ctx.data(Key.TOLD, new Told(table, SettledExecution.begin(ctx.connection(), ctx.statement(), Set.of())));
        } catch (SQLException e) {
            throw new DataAccessException("softdelete could not open the transaction of a soft delete of " + table.quotedName()
                + ": " + e.getMessage(), e);
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

    @Override
    public void executeEnd(ExecuteContext ctx) {
        // DELETE ... RETURNING: its rows are counted once jOOQ fetched them (end)
        if (ctx.resultSet() != null)
            return;
        Told told = take(ctx);
        if (told == null)
            return;
        long rows;
        try {
            rows = rows(ctx);
        } catch (RuntimeException e) {
            told.transaction().abandon();
            throw e;
        }
        tell(ctx, told, rows);
    }

    private void tell(ExecuteContext ctx, Told told, long rows) {
        if (told == null)
            return;
        try {
            if (rows > 0)
                registry.tell(new SoftDeleteEvent(SoftDeleteEvent.Operation.SOFT_DELETE, told.table().table(), Optional.empty(),
                    Optional.ofNullable(registry.actor(ContextFlags.of(ctx.configuration()))),
                    List.of(new SoftDeleteEvent.TableChange(told.table().table(), rows, 0, 0, 0))));
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

    // The rows the UPDATE changed: its count, or each statement's in a batch of several sets of bind values. A driver
    // that answers a batch without counts (SUCCESS_NO_INFO) leaves nothing true to tell: refused, and rolled back.
    private static long rows(ExecuteContext ctx) {
        int[] batch = ctx.batchRows();
        if (batch == null || batch.length == 0)
            return Math.max(ctx.rows(), 0);
        long sum = 0;
        for (int rows : batch) {
            if (rows < 0)
                throw new IllegalStateException("softdelete: the JDBC driver gave no row count (" + rows + ") for a batch of"
                    + " soft deletes, so the listeners cannot be told what it changed. Nothing was changed. Run the deletes"
                    + " one by one, or use a driver that gives each statement's count (PostgreSQL's and MariaDB's do)");
            sum += rows;
        }
        return sum;
    }

    @Override
    public void exception(ExecuteContext ctx) {
        Told told = take(ctx);
        if (told != null)
            told.transaction().abandon();
    }

    @Override
    public void end(ExecuteContext ctx) {
        Told told = take(ctx);
        if (told != null)
            tell(ctx, told, ctx.result() == null ? 0 : ctx.result().size());
    }

    private static Told take(ExecuteContext ctx) {
        Object told = ctx.data(Key.TOLD);
        if (told != null)
            ctx.data().remove(Key.TOLD);
        return (Told) told;
    }
}
