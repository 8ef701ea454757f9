package io.github.softdelete.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;

import io.github.softdelete.SoftDeleteException;

/**
 * A connection of {@link SqlTextDataSource}: statements whose SQL jOOQ parses are prepared on jOOQ's
 * parsing connection ({@link SqlTextPreparedStatement}, {@link SqlTextStatement}), the others (when the user lets them through) on the physical connection; every
 * other call (transactions, metadata, settings) goes to the physical connection, which the parsing
 * connection wraps anyway.
 *
 * <p>A dynamic proxy rather than a class with the sixty methods of {@link Connection}: only the
 * statement factories and {@code close} differ from the physical connection.
 *
 * <p>Not thread-safe, as JDBC connections are not.
 */
final class SqlTextConnection implements InvocationHandler {

    /** Releases the physical connection to the provider it came from. */
    interface Release {
        void run() throws Exception;
    }

    private final Connection physical;
    private final Connection parsing;
    private final ParseVerdicts verdicts;
    private final Release release;
    private boolean closed;

    SqlTextConnection(Connection physical, Connection parsing, ParseVerdicts verdicts, Release release) {
        this.physical = physical;
        this.parsing = parsing;
        this.verdicts = verdicts;
        this.release = release;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        return switch (method.getName()) {
            case "prepareStatement", "prepareCall" -> prepare(method, args);
            case "createStatement" -> SqlTextStatement.wrap(
                (Statement) call(method, parsing, args), (Statement) call(method, physical, args), verdicts, (Connection) proxy);
            case "close" -> {
                if (!closed) {
                    closed = true;
                    release.run();
                }
                yield null;
            }
            case "isClosed" -> closed || physical.isClosed();
            case "unwrap", "isWrapperFor" -> call(method, physical, args);
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> "SoftDelete SQL-text connection over " + physical;
            default -> call(method, physical, args);
        };
    }

    private Object prepare(Method method, Object[] args) throws Throwable {
        String sql = (String) args[0];
        boolean parsed;
        try {
            parsed = verdicts.parse(sql);
        } catch (SoftDeleteException e) {
            throw JdbcRefusals.ofStatement(e);
        }
        if (!parsed)
            return call(method, physical, args);
        Class<? extends PreparedStatement> type = method.getName().equals("prepareCall") ? CallableStatement.class : PreparedStatement.class;
        return SqlTextPreparedStatement.wrap(type, (PreparedStatement) call(method, parsing, args), sql);
    }

    static Object call(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
