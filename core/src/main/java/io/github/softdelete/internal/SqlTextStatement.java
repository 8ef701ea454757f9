package io.github.softdelete.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;

import io.github.softdelete.SoftDeleteException;

/**
 * A plain {@link Statement} of {@link SqlTextConnection}, whose SQL arrives with each call: each SQL
 * string runs on jOOQ's parsing statement, or (when the user lets unparseable statements through) on
 * a statement of the physical connection. Settings ({@code setFetchSize}, {@code setQueryTimeout}, ...)
 * go to both; results and counts come from the one that ran last. Refusals reach the caller as SQLExceptions
 * ({@link JdbcRefusals}).
 *
 * <p>Not thread-safe, as JDBC statements are not.
 */
final class SqlTextStatement implements InvocationHandler {

    private final Statement parsing;
    private final Statement physical;
    private final ParseVerdicts verdicts;
    private final Connection connection;
    private Statement current;
    private Statement batch;

    private SqlTextStatement(Statement parsing, Statement physical, ParseVerdicts verdicts, Connection connection) {
        this.parsing = parsing;
        this.physical = physical;
        this.verdicts = verdicts;
        this.connection = connection;
        this.current = parsing;
    }

    static Statement wrap(Statement parsing, Statement physical, ParseVerdicts verdicts, Connection connection) {
        return (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] { Statement.class },
            new SqlTextStatement(parsing, physical, verdicts, connection));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (args != null && args.length > 0 && args[0] instanceof String sql && (name.startsWith("execute") || name.equals("addBatch")))
            return run(method, args, sql);
        return switch (name) {
            case "executeBatch", "executeLargeBatch" -> {
                current = batch == null ? parsing : batch;
                batch = null;
                yield SqlTextConnection.call(method, current, args);
            }
            case "clearBatch" -> {
                batch = null;
                SqlTextConnection.call(method, physical, args);
                yield SqlTextConnection.call(method, parsing, args);
            }
            case "close", "cancel" -> {
                SqlTextConnection.call(method, physical, args);
                yield SqlTextConnection.call(method, parsing, args);
            }
            // the filtering connection, never the physical one, so that statements made from it are filtered too
            case "getConnection" -> connection;
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> "SoftDelete SQL-text statement";
            default -> {
                if (name.startsWith("set"))
                    SqlTextConnection.call(method, physical, args);
                yield SqlTextConnection.call(method, name.startsWith("set") ? parsing : current, args);
            }
        };
    }

    // SQL that jOOQ parses runs on its parsing statement, the rest on physical; refusals become SQLExceptions.
    private Object run(Method method, Object[] args, String sql) throws Throwable {
        Statement target;
        try {
            target = verdicts.parse(sql) ? parsing : physical;
            if (method.getName().equals("addBatch"))
                batch = sameBatch(target, sql);
        } catch (SoftDeleteException e) {
            throw JdbcRefusals.ofStatement(e);
        }
        current = target;
        try {
            return SqlTextConnection.call(method, target, args);
        } catch (RuntimeException e) {
            throw JdbcRefusals.of(e, sql);
        }
    }

    private Statement sameBatch(Statement target, String sql) {
        if (batch != null && batch != target)
            throw new SoftDeleteException("cannot add \"" + ParseVerdicts.start(sql) + "\" to this batch: the batch mixes"
                + " statements that jOOQ parses (and filters) with statements passed through unfiltered. Run them in"
                + " separate batches");
        return target;
    }
}
