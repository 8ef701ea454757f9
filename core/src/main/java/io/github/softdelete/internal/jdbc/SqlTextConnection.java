package io.github.softdelete.internal.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;

import io.github.softdelete.SoftDeleteException;

import io.github.softdelete.internal.jooq.JooqVersion;
import io.github.softdelete.internal.sqltext.ParseVerdicts;

/**
 * A connection of {@link SqlTextDataSource}: statements whose SQL jOOQ parses are prepared on jOOQ's
 * parsing connection ({@link SqlTextPreparedStatement}, {@link SqlTextStatement}), the others (when the user
 * lets them through) on the physical connection; every other call (transactions, metadata, settings) goes to
 * the physical connection, which the parsing connection wraps anyway.
 *
 * <p>A dynamic proxy rather than a class with the sixty methods of {@link Connection}: only the
 * statement factories, {@code close} and the wrapper methods differ from the physical connection.
 * {@code unwrap(Connection.class)} answers this connection, not the physical one, so that code that unwraps
 * to the interface it already holds does not step around the filter; a driver's own interface
 * ({@code PGConnection}) is unwrapped from the physical connection.
 *
 * <p>Not thread-safe, as JDBC connections are not.
 */
final class SqlTextConnection implements InvocationHandler {

    /** Releases the physical connection to the provider it came from. */
    interface Release {
        void run() throws Exception;
    }

    private final Connection physical;
    private final Connection issuing;
    private final Connection parsing;
    private final Connection eachTime;
    private final ParseVerdicts verdicts;
    private final SqlTextEvents events;
    private final boolean inlined;
    private final Release release;
    private boolean closed;

    /**
     * A connection over {@code physical}, the driver's; {@code parsing} is jOOQ's parsing connection over
     * {@code issuing}, the {@link RefusingConnection} over {@code physical}, and {@code eachTime} one that renders
     * each execution anew; {@code events} tells the policy's listeners; {@code inlined} tells that the configuration
     * inlines bind values.
     */
    SqlTextConnection(Connection physical, Connection issuing, Connection parsing, Connection eachTime, ParseVerdicts verdicts,
            SqlTextEvents events, boolean inlined, Release release) {
        this.physical = physical;
        this.issuing = issuing;
        this.parsing = parsing;
        this.eachTime = eachTime;
        this.verdicts = verdicts;
        this.events = events;
        this.inlined = inlined;
        this.release = release;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        return switch (method.getName()) {
            case "prepareStatement", "prepareCall" -> prepare(method, args, (Connection) proxy);
            case "createStatement" -> {
                Statement before = RefusingConnection.latest(issuing);
                Statement jooqs = (Statement) call(method, parsing, args);
                // jOOQ's parsing statement made the statement it runs its SQL on just now, on issuing (jOOQ's
                // ParsingConnection.createStatement: new ParsingStatement(this, getDelegate().createStatement()), 3.19)
                Statement parsed = RefusingConnection.latest(issuing);
                if (parsed == before)
                    throw new IllegalStateException("jOOQ " + JooqVersion.running() + "'s parsing connection made no"
                        + " statement of its connection in createStatement, which softdelete relies on; use a jOOQ version"
                        + " this softdelete version supports");
                yield SqlTextStatement.wrap(jooqs, parsed, (Statement) call(method, physical, args), verdicts, events, (Connection) proxy);
            }
            case "close" -> {
                if (!closed) {
                    closed = true;
                    release.run();
                }
                yield null;
            }
            case "isClosed" -> closed || physical.isClosed();
            case "isWrapperFor" -> ((Class<?>) args[0]).isInstance(proxy) || physical.isWrapperFor((Class<?>) args[0]);
            case "unwrap" -> ((Class<?>) args[0]).isInstance(proxy) ? proxy : call(method, physical, args);
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> "SoftDelete SQL-text connection over " + physical;
            default -> call(method, physical, args);
        };
    }

    private Object prepare(Method method, Object[] args, Connection proxy) throws Throwable {
        String sql = (String) args[0];
        ParseVerdicts.Route route;
        try {
            route = verdicts.route(sql);
        } catch (SoftDeleteException e) {
            throw events.refused(e);
        }
        // the driver's statement for the SQL as written: it checks the arguments now, as the driver does, and
        // answers for the statement until jOOQ has made one (it prepares on the client alone, and never runs)
        PreparedStatement described = (PreparedStatement) call(method, physical, args);
        if (route == ParseVerdicts.Route.UNCHANGED)
            return described;
        try {
            PreparedStatement jooqs = (PreparedStatement) call(method,
                route == ParseVerdicts.Route.PARSED_EACH_EXECUTION ? eachTime : parsing, args);
            Class<? extends PreparedStatement> type = method.getName().equals("prepareCall") ? CallableStatement.class : PreparedStatement.class;
            return SqlTextPreparedStatement.wrap(type, jooqs, sql, described, issuing, proxy, events, inlined);
        } catch (Throwable e) {
            described.close();
            throw e;
        }
    }

    static Object call(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
