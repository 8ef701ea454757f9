package io.github.softdelete.internal.install;

import java.sql.SQLException;
import java.util.Set;

import org.jooq.Configuration;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.exception.DataAccessException;

import io.github.softdelete.internal.cascade.CascadeSettlement;
import io.github.softdelete.internal.cascade.SettledExecution;
import io.github.softdelete.internal.policy.TableRegistry;

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
 * <p>Immutable and thread-safe: per-execution state lives in the ExecuteContext's data.
 */
public final class SettlingListener implements ExecuteListener {

    private static final long serialVersionUID = 1L;

    private enum Key { SETTLED_EXECUTION }

    private final transient CascadeSettlement settlement;
    private final transient StatementRefusals refusals;

    public SettlingListener(TableRegistry registry) {
        this.settlement = new CascadeSettlement(registry);
        this.refusals = new StatementRefusals(registry);
    }

    @Override
    public void executeStart(ExecuteContext ctx) {
        Set<Integer> tables = CascadeSettlement.entryTables(ctx.sql(), ctx.batchSQL());
        if (tables.isEmpty())
            return;
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
            execution.settle(settlement, ctx.configuration());
        } catch (CascadeSettlement.Failure failure) {
            execution.abandon();
            throw translated(failure.error(), failure.sql());
        } catch (SQLException e) {
            execution.abandon();
            throw translated(e, null);
        }
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
