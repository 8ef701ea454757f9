package io.github.softdelete.internal.install;

import java.sql.SQLException;

import org.jooq.Configuration;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.exception.DataAccessException;

import io.github.softdelete.internal.policy.TableRegistry;

/**
 * Runs what an operation takes on MariaDB besides the statement jOOQ executes ({@link StagedExecution}), around jOOQ's
 * execution of it, before the result reaches the caller. Other listeners see the statement, not the steps.
 *
 * <p>Immutable and thread-safe: per-execution state lives in the ExecuteContext's data.
 */
public final class StagedStatements implements ExecuteListener {

    private static final long serialVersionUID = 1L;

    private enum Key { STAGED }

    private final transient TableRegistry registry;

    public StagedStatements(TableRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void executeStart(ExecuteContext ctx) {
        try {
            StagedExecution staged = StagedExecution.begin(registry, ctx.configuration(), ctx.connection(), ctx.sql(), ctx.batchSQL());
            if (staged != null)
                ctx.data(Key.STAGED, staged);
        } catch (SQLException e) {
            throw new DataAccessException("softdelete could not prepare a soft delete or restore on MariaDB: " + e.getMessage(), e);
        }
    }

    @Override
    public void executeEnd(ExecuteContext ctx) {
        StagedExecution staged = take(ctx);
        if (staged == null)
            return;
        try {
            staged.finish(ctx.connection());
        } catch (StagedExecution.Refused refused) {
            throw refused.exception();
        } catch (SQLException e) {
            throw new DataAccessException("softdelete: " + staged.describe() + " failed, and " + outcome(e) + e.getMessage(), e);
        }
    }

    // A deadlock (1213, SQLSTATE 40001) or InnoDB's lost AUTO-INC lock (1467) rolls back the whole transaction, the
    // caller's work in it included, not only the operation's savepoint.
    private static String outcome(SQLException e) {
        boolean wholeTransaction = "40001".equals(e.getSQLState()) || e.getErrorCode() == 1213 || e.getErrorCode() == 1467;
        return wholeTransaction ? "the database rolled back the whole transaction (a deadlock); retry the transaction: "
            : "nothing was changed: ";
    }

    @Override
    public void exception(ExecuteContext ctx) {
        StagedExecution staged = take(ctx);
        if (staged != null)
            staged.abandon();
    }

    @Override
    public void end(ExecuteContext ctx) {
        exception(ctx); // an execution that neither ended nor failed (a control-flow signal) is abandoned
    }

    private static StagedExecution take(ExecuteContext ctx) {
        Object staged = ctx.data(Key.STAGED);
        if (staged != null)
            ctx.data().remove(Key.STAGED);
        return (StagedExecution) staged;
    }

    /** True when {@code configuration} has a {@code StagedStatements} among its execute listeners. */
    public static boolean installedOn(Configuration configuration) {
        for (ExecuteListenerProvider provider : configuration.executeListenerProviders())
            if (provider.provide() instanceof StagedStatements)
                return true;
        return false;
    }
}
