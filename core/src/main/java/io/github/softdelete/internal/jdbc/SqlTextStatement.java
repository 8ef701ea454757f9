package io.github.softdelete.internal.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.github.softdelete.SoftDeleteException;

import io.github.softdelete.internal.sqltext.JdbcRefusals;
import io.github.softdelete.internal.sqltext.ParseVerdicts;

/**
 * A plain {@link Statement} of {@link SqlTextConnection}, whose SQL arrives with each call: each SQL
 * string runs on jOOQ's parsing statement, or (when the user lets unparseable statements through) on
 * a statement of the physical connection.
 *
 * <p>jOOQ's parsing statement only translates the SQL of {@code execute...} and {@code addBatch} (jOOQ's
 * {@code ParsingStatement}, 3.19: {@code translate(connection.configuration, sql)} in those methods alone), and runs it
 * on one statement of the physical connection, made when it was ({@code parsed}, {@link RefusingConnection}'s);
 * every other call it passes to that statement, or refuses ({@code getGeneratedKeys}, {@code getWarnings},
 * {@code closeOnCompletion}, ... throw {@code SQLFeatureNotSupportedException}). So only the SQL goes through
 * jOOQ's statement, and every other call goes straight to {@code parsed}: settings ({@code setFetchSize},
 * {@code setQueryTimeout}, ...) to both statements, results, counts and generated keys from the one that ran last.
 * Refusals reach the caller as SQLExceptions ({@link JdbcRefusals}).
 *
 * <p>Not thread-safe, as JDBC statements are not.
 */
final class SqlTextStatement implements InvocationHandler {

    private final Statement parsing;
    private final Statement parsed;
    private final Statement physical;
    private final ParseVerdicts verdicts;
    private final SqlTextEvents events;
    private final Connection connection;
    private Statement current;
    private Statement batch;

    private SqlTextStatement(Statement parsing, Statement parsed, Statement physical, ParseVerdicts verdicts, SqlTextEvents events,
            Connection connection) {
        this.parsing = parsing;
        this.parsed = parsed;
        this.physical = physical;
        this.verdicts = verdicts;
        this.events = events;
        this.connection = connection;
        this.current = parsed;
    }

    /**
     * A statement over {@code parsing}, jOOQ's parsing statement, which runs the SQL it translates on
     * {@code parsed}, and {@code physical}, where unparseable SQL runs when it is let through; {@code events} tells the
     * policy's listeners.
     */
    static Statement wrap(Statement parsing, Statement parsed, Statement physical, ParseVerdicts verdicts, SqlTextEvents events,
            Connection connection) {
        return (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] { Statement.class },
            new SqlTextStatement(parsing, parsed, physical, verdicts, events, connection));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (args != null && args.length > 0 && args[0] instanceof String sql && (name.startsWith("execute") || name.equals("addBatch")))
            return run(method, args, sql);
        return switch (name) {
            case "executeBatch", "executeLargeBatch" -> {
                current = batch == physical ? physical : parsed;
                batch = null;
                yield SqlTextConnection.call(method, current, args);
            }
            case "clearBatch", "close", "cancel" -> {
                if (name.equals("clearBatch"))
                    batch = null;
                SqlTextConnection.call(method, physical, args);
                yield SqlTextConnection.call(method, parsed, args);
            }
            // the filtering connection, never the physical one, so that statements made from it are filtered too
            case "getConnection" -> connection;
            case "isWrapperFor" -> ((Class<?>) args[0]).isInstance(proxy) || (Boolean) SqlTextConnection.call(method, current, args);
            case "unwrap" -> ((Class<?>) args[0]).isInstance(proxy) ? proxy : SqlTextConnection.call(method, current, args);
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> "SoftDelete SQL-text statement";
            default -> {
                boolean setting = name.startsWith("set") || name.equals("closeOnCompletion");
                if (setting)
                    SqlTextConnection.call(method, physical, args);
                yield SqlTextConnection.call(method, setting ? parsed : current, args);
            }
        };
    }

    // SQL that jOOQ parses runs through jOOQ's parsing statement, on parsed; the rest on physical.
    private Object run(Method method, Object[] args, String sql) throws Throwable {
        Statement target;
        boolean batch = method.getName().equals("addBatch");
        try {
            target = verdicts.parse(sql) ? parsing : physical;
        } catch (SoftDeleteException e) {
            throw events.refused(e);
        }
        if (batch) {
            // refused before the batch takes its side, so that a refused statement leaves the batch as it was
            if (target == parsing)
                events.refuseInABatch(sql);
            try {
                this.batch = sameBatch(target == parsing ? parsed : physical, sql);
            } catch (SoftDeleteException e) {
                throw events.refused(e);
            }
        }
        current = target == parsing ? parsed : physical;
        SqlTextEvents.Execution execution = () -> {
            try {
                return SqlTextConnection.call(method, target, args);
            } catch (RuntimeException e) {
                throw events.failed(e, sql);
            }
        };
        return batch || target != parsing ? execution.run() : events.execute(sql, physical.getConnection(), () -> parsed, execution);
    }

    private Statement sameBatch(Statement target, String sql) {
        if (batch != null && batch != target)
            throw new SoftDeleteException("cannot add \"" + ParseVerdicts.start(sql) + "\" to this batch: the batch mixes"
                + " statements that jOOQ parses (and filters) with statements passed through unfiltered. Run them in"
                + " separate batches");
        return target;
    }
}
