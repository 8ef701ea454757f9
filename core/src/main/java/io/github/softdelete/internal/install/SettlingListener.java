package io.github.softdelete.internal.install;

import java.sql.SQLException;
import java.util.Set;

import org.jooq.Configuration;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.exception.DataAccessException;

import io.github.softdelete.SoftDeleteException;

import io.github.softdelete.internal.cascade.CascadeDeleteEvent;
import io.github.softdelete.internal.cascade.CascadeSettlement;
import io.github.softdelete.internal.cascade.SettledExecution;
import io.github.softdelete.internal.policy.PolicyTable;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.write.OneStatementDelete;

/**
 * Runs the settlement of cascading soft deletes ({@link CascadeSettlement}) after jOOQ executes them, on the
 * connection they ran on, before the result reaches the caller: a refusal of the settlement is the statement's
 * refusal. Statements that leave no entries pass untouched.
 *
 * <p>The settlement's statements go to the connection directly, not through jOOQ: an ExecuteListener's callback
 * runs inside jOOQ's execution of the user's statement, whose context lives in thread-locals that a nested
 * execution would replace (jOOQ's {@code DefaultExecuteContext}: {@code LOCAL_EXECUTE_CONTEXT},
 * {@code LOCAL_CONNECTION}, 3.19). Other listeners therefore see the delete, not its settlement.
 *
 * <p>Where the policy has listeners, it tells them what the delete stamped before the transaction commits: the outer
 * UPDATE's rows (the statement's count, or the rows a RETURNING gave, once jOOQ read them), and what the steps and the
 * settlement stamped ({@link CascadeSettlement.Figures}).
 *
 * <p>Immutable and thread-safe: per-execution state lives in the ExecuteContext's data.
 */
public final class SettlingListener implements ExecuteListener {

    private static final long serialVersionUID = 1L;

    private enum Key { SETTLED_EXECUTION, WAITING }

    private final transient TableRegistry registry;
    private final transient CascadeSettlement settlement;
    private final transient StatementRefusals refusals;

    public SettlingListener(TableRegistry registry) {
        this.registry = registry;
        this.settlement = new CascadeSettlement(registry);
        this.refusals = new StatementRefusals(registry);
    }

    @Override
    public void executeStart(ExecuteContext ctx) {
        Set<Integer> tables = CascadeSettlement.entryTables(ctx.sql(), ctx.batchSQL());
        if (tables.isEmpty())
            return;
        if (registry.hasListeners() && ctx.query() == null)
            throw OneStatementDelete.inABatch("soft-delete", registry.tables().get(tables.iterator().next()));
        try {
            ctx.data(Key.SETTLED_EXECUTION, SettledExecution.begin(ctx.connection(), ctx.statement(), tables));
        } catch (SQLException e) {
            throw new DataAccessException("softdelete could not open the transaction of a cascading soft delete: " + e.getMessage(), e);
        }
    }

    @Override
    public void executeEnd(ExecuteContext ctx) {
        SettledExecution execution = take(ctx);
        if (execution == null)
            return;
        try {
            CascadeSettlement.Figures figures = execution.settle(settlement, ctx.configuration());
            if (registry.hasListeners())
                tellOrWait(ctx, execution, figures);
            execution.commit();
        } catch (CascadeSettlement.Failure failure) {
            execution.abandon();
            throw translated(failure.error(), failure.sql());
        } catch (SQLException e) {
            execution.abandon();
            throw translated(e, null);
        } catch (RuntimeException e) {
            execution.abandon();
            throw e;
        }
    }

    // The outer UPDATE's rows are the statement's count, or for DELETE ... RETURNING the rows returned, which jOOQ
    // counts only once it read them (fetchEnd), after it handed the connection back: in auto-commit mode such a delete
    // is refused, and rolled back (as SingleTableEvents does).
    private void tellOrWait(ExecuteContext ctx, SettledExecution execution, CascadeSettlement.Figures figures) {
        PolicyTable root = CascadeDeleteEvent.root(registry, execution);
        if (ctx.resultSet() == null) {
            tell(ctx, root, figures, Math.max(ctx.rows(), 0));
            return;
        }
        if (execution.ownTransaction())
            throw new SoftDeleteException("cannot soft-delete from " + root.quotedName() + " with DELETE ... RETURNING in"
                + " auto-commit mode while the policy has listeners: the listeners are told once the returned rows are read,"
                + " after the connection went back to its pool. Nothing was changed. Run it inside a transaction, or without"
                + " RETURNING");
        ctx.data(Key.WAITING, new Waiting(root, figures));
    }

    // After jOOQ read the rows of a cascading DELETE ... RETURNING, inside the caller's transaction.
    @Override
    public void fetchEnd(ExecuteContext ctx) {
        Object waiting = ctx.data().remove(Key.WAITING);
        if (waiting instanceof Waiting w)
            tell(ctx, w.root(), w.figures(), ctx.result() != null ? ctx.result().size() : Math.max(ctx.rows(), 0));
    }

    private record Waiting(PolicyTable root, CascadeSettlement.Figures figures) {
    }

    private void tell(ExecuteContext ctx, PolicyTable root, CascadeSettlement.Figures figures, long rootRows) {
        CascadeDeleteEvent.tell(registry, ctx.configuration(), root, figures, rootRows);
    }

    @Override
    public void exception(ExecuteContext ctx) {
        SettledExecution execution = take(ctx);
        if (execution != null)
            execution.abandon();
    }

    @Override
    public void end(ExecuteContext ctx) {
        exception(ctx); // an execution that neither ended nor failed (a control-flow signal) is abandoned
    }

    private RuntimeException translated(SQLException error, String sql) {
        RuntimeException refusal = refusals.refusal(error, sql);
        return refusal != null ? refusal : new DataAccessException("softdelete: the settlement of a cascading soft delete failed: "
            + error.getMessage(), error);
    }

    private static SettledExecution take(ExecuteContext ctx) {
        Object execution = ctx.data(Key.SETTLED_EXECUTION);
        if (execution != null)
            ctx.data().remove(Key.SETTLED_EXECUTION);
        return (SettledExecution) execution;
    }

    /** True when {@code configuration} has a {@code SettlingListener} among its execute listeners. */
    public static boolean installedOn(Configuration configuration) {
        for (ExecuteListenerProvider provider : configuration.executeListenerProviders())
            if (provider.provide() instanceof SettlingListener)
                return true;
        return false;
    }
}
