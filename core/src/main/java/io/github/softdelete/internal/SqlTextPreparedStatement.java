package io.github.softdelete.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;

/**
 * A {@link PreparedStatement} (or {@code CallableStatement}) of {@link SqlTextConnection} whose SQL jOOQ
 * parses: jOOQ's parsing statement, whose unchecked exceptions (the library's refusals while jOOQ renders,
 * jOOQ's own failures) become SQLExceptions ({@link JdbcRefusals}).
 *
 * <p>Not thread-safe, as JDBC statements are not.
 */
final class SqlTextPreparedStatement implements InvocationHandler {

    private final PreparedStatement parsing;
    private final String sql;

    private SqlTextPreparedStatement(PreparedStatement parsing, String sql) {
        this.parsing = parsing;
        this.sql = sql;
    }

    /** {@code parsing}, jOOQ's parsing statement for {@code sql}, as a statement of {@code type}. */
    static PreparedStatement wrap(Class<? extends PreparedStatement> type, PreparedStatement parsing, String sql) {
        return (PreparedStatement) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
            new SqlTextPreparedStatement(parsing, sql));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> "SoftDelete SQL-text statement: " + ParseVerdicts.start(sql);
            default -> {
                try {
                    yield SqlTextConnection.call(method, parsing, args);
                } catch (RuntimeException e) {
                    throw JdbcRefusals.of(e, sql);
                }
            }
        };
    }
}
