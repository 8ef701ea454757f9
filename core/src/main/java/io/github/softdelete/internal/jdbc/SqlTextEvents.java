package io.github.softdelete.internal.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

import org.jooq.Configuration;

import io.github.softdelete.SoftDeleteEvent;
import io.github.softdelete.SoftDeleteException;

import io.github.softdelete.internal.cascade.SettledExecution;
import io.github.softdelete.internal.install.StatementRefusals;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.sqltext.JdbcRefusals;
import io.github.softdelete.internal.sqltext.ParseVerdicts;
import io.github.softdelete.internal.write.OneStatementDelete;

/**
 * What the statements of {@link SqlTextDataSource} tell the policy's listeners themselves: the count of a delete of one
 * statement ({@link OneStatementDelete}, as jOOQ's path tells it), and the refusals raised before a statement reaches
 * the database (the parser's verdict, the rewrite's rules while jOOQ renders). Cascades, their settlements and the
 * in-statement refusals are told below jOOQ's parsing connection, by {@link RefusingConnection}.
 *
 * <p>A delete of one statement runs in a transaction of the library's when the connection is in auto-commit mode
 * ({@link SettledExecution}), committed once the listeners were told, so that an exception of theirs undoes it; in the
 * caller's transaction, the exception reaches the caller unwrapped, as on jOOQ's path. A JDBC batch of such deletes,
 * and such a delete with RETURNING (whose rows JDBC code reads after the statement returned, too late), are refused
 * before they run. Without listeners every method only runs what it is given.
 *
 * <p>Immutable and thread-safe.
 */
final class SqlTextEvents {

    /** The call that runs the statement: jOOQ's parsing statement, whose unchecked failures it turns into SQLExceptions. */
    interface Execution {
        Object run() throws Throwable;
    }

    /** The physical statement that ran last: where the count of an {@code execute()} is read. */
    interface LastStatement {
        Statement get() throws SQLException;
    }

    private final TableRegistry registry;
    private final Configuration configuration;
    private final ParseVerdicts verdicts;

    /**
     * Events for the statements that {@code verdicts} routes, rendered with {@code configuration}; {@code refusals} is
     * null where the configuration has no policy installed.
     */
    SqlTextEvents(StatementRefusals refusals, Configuration configuration, ParseVerdicts verdicts) {
        this.registry = refusals == null || !refusals.registry().hasListeners() ? null : refusals.registry();
        this.configuration = configuration;
        this.verdicts = verdicts;
    }

    /** Before {@code sql} joins a JDBC batch: refused when it is a delete whose listeners hear its count. */
    void refuseInABatch(String sql) throws SQLException {
        OneStatementDelete delete = delete(sql);
        if (delete != null)
            throw refused(delete.inABatch());
    }

    /**
     * Runs {@code sql} through {@code execution} on {@code connection}, the physical connection, and tells the
     * listeners what it changed when it is a delete of one statement.
     */
    Object execute(String sql, Connection connection, LastStatement ran, Execution execution) throws Throwable {
        OneStatementDelete delete = delete(sql);
        if (delete == null)
            return execution.run();
        if (delete.returning())
            throw refused(new SoftDeleteException("cannot " + delete.verb() + " from " + delete.table().quotedName()
                + " with DELETE ... RETURNING as SQL text while the policy has listeners: its rows are read after the"
                + " statement returns, too late to tell the listeners before the transaction commits. Nothing was"
                + " executed. Run it through jOOQ's DSL inside a transaction, or without RETURNING"));
        SettledExecution transaction = SettledExecution.begin(connection, null, Set.of());
        Object result;
        try {
            result = execution.run();
        } catch (Throwable e) {
            transaction.abandon();
            throw e;
        }
        try {
            long rows = result instanceof Number count ? count.longValue() : ran.get().getLargeUpdateCount();
            SoftDeleteEvent event = delete.event(registry, configuration, rows);
            if (event != null)
                registry.tell(configuration, event);
            transaction.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            transaction.abandon();
            throw e;
        }
    }

    /** A refusal before the statement ran, told to the listeners, as JDBC code gets it. */
    SQLException refused(SoftDeleteException refusal) {
        if (registry != null)
            registry.refused(refusal);
        return JdbcRefusals.ofStatement(refusal);
    }

    /** An unchecked failure of jOOQ's parsing statement as JDBC code gets it; a refusal among them told to the listeners. */
    SQLException failed(RuntimeException e, String sql) {
        if (registry != null && e instanceof SoftDeleteException refusal)
            registry.refused(refusal);
        return JdbcRefusals.of(e, sql);
    }

    private OneStatementDelete delete(String sql) {
        return registry == null ? null : verdicts.oneStatementDelete(sql);
    }
}
