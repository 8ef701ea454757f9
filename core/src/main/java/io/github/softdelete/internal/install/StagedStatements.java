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
 *   <li>around the anchor of a cascading delete ({@link StagedCascadeDelete}): its transaction, the stamp and the
 *       key tables before, every step after, and the refusals its checks find.</li>
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

    // One cascading delete under way: its transaction and its plan.
    private record Staged(StagedTransaction transaction, CascadePlan plan) {
    }

    private final transient TableRegistry registry;

    public StagedStatements(TableRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void executeStart(ExecuteContext ctx) {
        if (Engine.of(ctx.configuration()) != Engine.MARIADB)
            return;
        int root = anchoredRoot(ctx);
        try {
            if (root >= 0)
                begin(ctx, registry.plan(registry.tables().get(root)));
            else if (stamps(ctx))
                run(ctx.connection(), List.of(SessionStamp.NEXT));
        } catch (SQLException e) {
            throw new DataAccessException("softdelete could not prepare a soft delete on MariaDB: " + e.getMessage(), e);
        }
    }

    private void begin(ExecuteContext ctx, CascadePlan plan) throws SQLException {
        Connection connection = ctx.connection();
        StagedTransaction transaction = StagedTransaction.begin(connection);
        try {
            run(connection, StagedCascadeDelete.before(plain(ctx.configuration()), registry, plan));
        } catch (SQLException | RuntimeException e) {
            transaction.rollback();
            throw e;
        }
        ctx.data(Key.STAGED, new Staged(transaction, plan));
    }

    @Override
    public void executeEnd(ExecuteContext ctx) {
        Staged staged = take(ctx);
        if (staged == null)
            return;
        try {
            Object actor = registry.actor(ContextFlags.of(ctx.configuration()));
            for (StagedCascadeDelete.Step step : StagedCascadeDelete.after(plain(ctx.configuration()), registry, staged.plan(), actor))
                runStep(ctx.connection(), step);
            staged.transaction().commit();
        } catch (SQLException e) {
            staged.transaction().rollback();
            throw new DataAccessException("softdelete: the cascading soft delete from " + staged.plan().root().quotedName()
                + " failed, and nothing was deleted: " + e.getMessage(), e);
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

    private static void runStep(Connection connection, StagedCascadeDelete.Step step) throws SQLException {
        if (step.check() == StagedCascadeDelete.Check.NONE) {
            run(connection, List.of(step.sql()));
            return;
        }
        boolean found;
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(step.sql())) {
            found = rows.next();
        }
        if (!found)
            return;
        SoftDeleteException refusal = step.check() == StagedCascadeDelete.Check.REFUSE_WHEN_FOUND_RESTRICT
            ? Refusals.delete(step.relation(), null)
            : Actors.missing(step.table(), null);
        throw refusal;
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

    // The anchor of a cascading delete: the statement jOOQ executes, or one of a batch of one statement.
    private static int anchoredRoot(ExecuteContext ctx) {
        int root = StagedCascadeDelete.anchoredRoot(ctx.sql());
        if (root >= 0 || ctx.batchSQL() == null)
            return root;
        for (String sql : ctx.batchSQL())
            if (StagedCascadeDelete.anchoredRoot(sql) >= 0 && ctx.batchSQL().length > 1)
                throw new SoftDeleteException("cannot run a cascading soft delete in a batch of several statements on MariaDB:"
                    + " it takes statements of its own between the batch's, which a JDBC batch cannot hold. Nothing was"
                    + " executed. Run the delete on its own, or a batch of that one statement with several sets of bind values");
        return -1;
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

    private static StagedStatements.Staged take(ExecuteContext ctx) {
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
