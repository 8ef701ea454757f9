package io.github.softdelete.internal.install;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

import io.github.softdelete.SoftDeleteException;

import io.github.softdelete.internal.cascade.StagedCascadeDelete;
import io.github.softdelete.internal.cascade.StagedRestore;
import io.github.softdelete.internal.cascade.StagedStep;
import io.github.softdelete.internal.cascade.StagedTransaction;
import io.github.softdelete.internal.jooq.Engine;
import io.github.softdelete.internal.policy.Actors;
import io.github.softdelete.internal.policy.CascadePlan;
import io.github.softdelete.internal.policy.ContextFlags;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.sql.SessionStamp;

/**
 * Runs the statements that an operation takes on MariaDB besides the one jOOQ executes, on the same connection,
 * before the result reaches the caller:
 * <ul>
 *   <li>before a statement that stamps ({@link SessionStamp}): the stamp;</li>
 *   <li>around the anchor of a cascading delete ({@link StagedCascadeDelete}) or of a restore ({@link StagedRestore}):
 *       its transaction, the stamp and the key tables before, every step after, and the refusals its checks find.</li>
 * </ul>
 * On PostgreSQL it does nothing: every operation there is one statement.
 *
 * <p>The statements go to the connection directly, not through jOOQ, for the reason {@link SettlingListener}
 * gives: a nested execution would replace the thread-local context of the user's. Other listeners therefore see
 * the anchor, not the steps.
 *
 * <p>Immutable and thread-safe: per-execution state lives in the ExecuteContext's data.
 */
public final class StagedStatements implements ExecuteListener {

    private static final long serialVersionUID = 1L;

    private enum Key { STAGED }

    private enum Operation { DELETE, RESTORE }

    // One operation under way: its kind, its transaction and its plan.
    private record Staged(Operation operation, StagedTransaction transaction, CascadePlan plan) {
    }

    private final transient TableRegistry registry;

    public StagedStatements(TableRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void executeStart(ExecuteContext ctx) {
        if (Engine.of(ctx.configuration()) != Engine.MARIADB)
            return;
        try {
            int deleted = anchoredRoot(ctx, Operation.DELETE);
            int restored = anchoredRoot(ctx, Operation.RESTORE);
            if (deleted >= 0)
                begin(ctx, Operation.DELETE, registry.plan(registry.tables().get(deleted)));
            else if (restored >= 0)
                begin(ctx, Operation.RESTORE, registry.plan(registry.tables().get(restored)));
            else if (stamps(ctx))
                run(ctx.connection(), List.of(SessionStamp.NEXT));
        } catch (SQLException e) {
            throw new DataAccessException("softdelete could not prepare a soft delete or restore on MariaDB: " + e.getMessage(), e);
        }
    }

    private void begin(ExecuteContext ctx, Operation operation, CascadePlan plan) throws SQLException {
        Connection connection = ctx.connection();
        StagedTransaction transaction = StagedTransaction.begin(connection);
        DSLContext plain = plain(ctx.configuration());
        try {
            run(connection, operation == Operation.DELETE
                ? StagedCascadeDelete.before(plain, registry, plan)
                : StagedRestore.before(plain, registry, plan));
        } catch (SQLException | RuntimeException e) {
            transaction.rollback();
            throw e;
        }
        ctx.data(Key.STAGED, new Staged(operation, transaction, plan));
    }

    @Override
    public void executeEnd(ExecuteContext ctx) {
        Staged staged = take(ctx);
        if (staged == null)
            return;
        try {
            DSLContext plain = plain(ctx.configuration());
            List<StagedStep> steps = staged.operation() == Operation.DELETE
                ? StagedCascadeDelete.after(plain, registry, staged.plan(), registry.actor(ContextFlags.of(ctx.configuration())))
                : StagedRestore.after(plain, registry, staged.plan());
            long counted = 0;
            for (StagedStep step : steps)
                counted = runStep(ctx.connection(), step, counted);
            staged.transaction().commit();
        } catch (SQLException e) {
            staged.transaction().rollback();
            throw new DataAccessException("softdelete: the " + (staged.operation() == Operation.DELETE ? "cascading soft delete from "
                : "restore of ") + staged.plan().root().quotedName() + " failed, and nothing was changed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            staged.transaction().rollback();
            throw e;
        }
    }

    @Override
    public void exception(ExecuteContext ctx) {
        Staged staged = take(ctx);
        if (staged != null)
            staged.transaction().rollback();
    }

    @Override
    public void end(ExecuteContext ctx) {
        exception(ctx); // an execution that neither ended nor failed (a control-flow signal) is abandoned
    }

    // Runs one step; returns the count the next UPDATE_ALL_COUNTED step compares with.
    private long runStep(Connection connection, StagedStep step, long counted) throws SQLException {
        switch (step.check()) {
            case NONE -> run(connection, List.of(step.sql()));
            case COUNT -> {
                return firstValue(connection, step.sql());
            }
            case UPDATE_ALL_COUNTED -> {
                long updated;
                try (Statement statement = connection.createStatement()) {
                    updated = statement.executeUpdate(step.sql());
                }
                if (updated != counted)
                    throw Refusals.changedDuringRestore(step.table(), counted, updated);
            }
            default -> {
                if (firstValue(connection, step.sql()) != 0)
                    throw refusal(step);
            }
        }
        return counted;
    }

    private SoftDeleteException refusal(StagedStep step) {
        return switch (step.check()) {
            case REFUSE_WHEN_FOUND_RESTRICT -> Refusals.delete(step.relation(), null);
            case REFUSE_WHEN_FOUND_NO_ACTOR -> Actors.missing(step.table(), null);
            case REFUSE_WHEN_FOUND_DELETED_PARENT -> Refusals.restore(step.relation(), null);
            case REFUSE_WHEN_FOUND_UNSTAMPED -> Refusals.unstamped(registry, step.relation(), null);
            default -> throw new IllegalStateException("not a check: " + step.check());
        };
    }

    // The first column of the first row as a number, 0 when there is no row or it is NULL (StagedStep.Check).
    private static long firstValue(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    // One round trip for several statements: the driver sends a Statement's batch together.
    private static void run(Connection connection, List<String> statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (statements.size() == 1) {
                statement.execute(statements.get(0));
                return;
            }
            for (String sql : statements)
                statement.addBatch(sql);
            statement.executeBatch();
        }
    }

    // The anchor of an operation: the statement jOOQ executes, or the one statement of a batch with several sets of
    // bind values. A batch of several statements cannot hold the operation's own statements between its own.
    private static int anchoredRoot(ExecuteContext ctx, Operation operation) {
        int root = anchoredRoot(ctx.sql(), operation);
        if (root >= 0 || ctx.batchSQL() == null || ctx.batchSQL().length < 2)
            return root;
        for (String sql : ctx.batchSQL())
            if (anchoredRoot(sql, operation) >= 0)
                throw new SoftDeleteException("cannot run a cascading soft delete or a restore in a batch of several statements on"
                    + " MariaDB: it takes statements of its own between the batch's, which a JDBC batch cannot hold. Nothing was"
                    + " executed. Run it on its own, or as a batch of that one statement with several sets of bind values");
        return -1;
    }

    private static int anchoredRoot(String sql, Operation operation) {
        return operation == Operation.DELETE ? StagedCascadeDelete.anchoredRoot(sql) : StagedRestore.anchoredRoot(sql);
    }

    private static boolean stamps(ExecuteContext ctx) {
        if (SessionStamp.usedBy(ctx.sql()))
            return true;
        if (ctx.batchSQL() != null)
            for (String sql : ctx.batchSQL())
                if (SessionStamp.usedBy(sql))
                    return true;
        return false;
    }

    // The library's own statements are rendered without listeners, under the caller's dialect and settings (its
    // schema mapping, quoting and keyword case).
    private static DSLContext plain(Configuration configuration) {
        return DSL.using(configuration.dialect(), configuration.settings());
    }

    private static Staged take(ExecuteContext ctx) {
        Object staged = ctx.data(Key.STAGED);
        if (staged != null)
            ctx.data().remove(Key.STAGED);
        return (Staged) staged;
    }

    /** True when {@code configuration} has a {@code StagedStatements} among its execute listeners. */
    public static boolean installedOn(Configuration configuration) {
        for (ExecuteListenerProvider provider : configuration.executeListenerProviders())
            if (provider.provide() instanceof StagedStatements)
                return true;
        return false;
    }
}
