package io.github.softdelete.internal.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

import io.github.softdelete.internal.sqltext.JdbcRefusals;
import io.github.softdelete.internal.sqltext.ParseVerdicts;

/**
 * A {@link PreparedStatement} (or {@code CallableStatement}) of {@link SqlTextConnection} whose SQL jOOQ
 * parses: jOOQ's parsing statement, with the parts of the JDBC contract that it leaves out filled in.
 *
 * <p>jOOQ's parsing statement collects the bind values, and only when the statement runs renders it and
 * prepares a statement of the physical connection ({@code ran} here; a new one per execution). Until then it
 * has no statement to answer from, and it leaves out what JDBC code needs:
 * <ul>
 *   <li>{@code getGeneratedKeys}, {@code getWarnings}, {@code closeOnCompletion}, ... throw
 *       {@code SQLFeatureNotSupportedException}, and the getters of settings and results fail before the first
 *       execution. They are answered by the physical statement that ran last, which {@link RefusingConnection}
 *       saw being made during the call into jOOQ; before that, by {@code described}, the driver's statement for
 *       the SQL as written, prepared with the same arguments and never run, which answers as a fresh statement
 *       of the driver does (and which checks those arguments as the driver does, when the statement is
 *       prepared). The PostgreSQL driver implements generated keys by appending {@code RETURNING} to the SQL
 *       it is given, jOOQ's rendering, so the keys are those of the rows the rewritten statement wrote.</li>
 *   <li>Setters jOOQ has no bind value for ({@code setArray}, the Calendar variants, ...): see {@link DriverBoundValue}.</li>
 *   <li>{@code getParameterMetaData}: the parameters are the caller's, of the SQL as written, so {@code described}
 *       answers, as the server infers their types (values bound so far do not change the answer, as they do on
 *       the driver's own statement).</li>
 *   <li>Each execution's physical statement replaced the one before without closing it; it is closed here,
 *       as re-executing a JDBC statement closes its previous results.</li>
 *   <li>{@code isClosed} answered true until the first execution; {@code getConnection} returned jOOQ's parsing
 *       connection, whose statements the DataSource does not see; {@code clearBatch} failed before the first
 *       execution; {@code executeUpdate(String, ...)}, which the driver's prepared statements run like a plain
 *       statement, failed with a NullPointerException.</li>
 *   <li>Unchecked exceptions (the library's refusals while jOOQ renders, jOOQ's own failures) become
 *       SQLExceptions ({@link JdbcRefusals}).</li>
 * </ul>
 *
 * <p>Not thread-safe, as JDBC statements are not.
 */
final class SqlTextPreparedStatement implements InvocationHandler {

    // What PostgreSQL's prepared statement refuses to run with SQL of its own; the other execute methods that take
    // SQL run it as a plain statement would.
    private static final Set<String> PREPARED_ONLY = Set.of("executeQuery", "executeUpdate", "execute", "addBatch");

    private final PreparedStatement parsing;
    private final String sql;
    private final PreparedStatement described;
    private final Connection issuing;
    private final Connection connection;
    private final SqlTextEvents events;
    private final boolean inlined;
    private Statement ran;
    private boolean closeOnCompletion;
    private boolean closed;
    private boolean batched;

    private SqlTextPreparedStatement(PreparedStatement parsing, String sql, PreparedStatement described, Connection issuing,
            Connection connection, SqlTextEvents events, boolean inlined) {
        this.parsing = parsing;
        this.sql = sql;
        this.described = described;
        this.issuing = issuing;
        this.connection = connection;
        this.events = events;
        this.inlined = inlined;
    }

    /**
     * {@code parsing}, jOOQ's parsing statement for {@code sql}, as a statement of {@code type}. {@code described}
     * is the driver's statement for {@code sql}, prepared with the same arguments, {@code issuing} the connection
     * jOOQ prepares its physical statements on ({@link RefusingConnection}), {@code connection} the DataSource's
     * connection the statement belongs to; {@code events} tells the policy's listeners; {@code inlined} tells that the
     * configuration inlines bind values.
     */
    static PreparedStatement wrap(Class<? extends PreparedStatement> type, PreparedStatement parsing, String sql,
            PreparedStatement described, Connection issuing, Connection connection, SqlTextEvents events, boolean inlined) {
        return (PreparedStatement) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
            new SqlTextPreparedStatement(parsing, sql, described, issuing, connection, events, inlined));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "close":
                close();
                return null;
            case "isClosed":
                return isClosed();
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "toString":
                return "SoftDelete SQL-text statement: " + ParseVerdicts.start(sql);
            default:
                if (isClosed())
                    throw new SQLException("this statement of SoftDelete.dataSource(...) is closed; prepare it again", "55000");
                return open(proxy, method, args);
        }
    }

    private Object open(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (args != null && args.length > 0 && args[0] instanceof String && (name.startsWith("execute") || name.equals("addBatch")))
            return withSql(method, args);
        switch (name) {
            case "getConnection":
                return connection;
            case "getParameterMetaData":
                return described.getParameterMetaData();
            case "closeOnCompletion":
                closeOnCompletion = true;
                current().closeOnCompletion();
                return null;
            case "isCloseOnCompletion":
                return closeOnCompletion;
            case "isWrapperFor":
                return ((Class<?>) args[0]).isInstance(proxy) || ran != null && ran.isWrapperFor((Class<?>) args[0]);
            case "unwrap":
                if (((Class<?>) args[0]).isInstance(proxy))
                    return proxy;
                if (ran == null)
                    throw new SQLException("this statement of SoftDelete.dataSource(...) has no driver statement to unwrap"
                        + " to " + ((Class<?>) args[0]).getName() + " before it runs; execute it first");
                return ran.unwrap((Class<?>) args[0]);
            case "addBatch":
                events.refuseInABatch(sql);
                batched = true;
                return delegated(method, args);
            case "execute", "executeUpdate", "executeLargeUpdate", "executeQuery":
                return events.execute(sql, described.getConnection(), this::current, () -> delegated(method, args));
            case "executeBatch", "executeLargeBatch":
                batched = false;
                return delegated(method, args);
            case "clearBatch":
                clearBatch();
                return null;
            case "cancel":
                current().cancel();
                return null;
            default:
                if (DriverBoundValue.needed(method))
                    return driverBound(method, args);
                if (method.getDeclaringClass() == Statement.class)
                    return statementMethod(method, args);
                return delegated(method, args);
        }
    }

    // Settings go to the statements to come (jOOQ's flags), the one that ran, and described, which checks them as
    // the driver does; the other methods of Statement (results, counts, keys, warnings, settings) read the current one.
    private Object statementMethod(Method method, Object[] args) throws Throwable {
        if (!method.getName().startsWith("set"))
            return SqlTextConnection.call(method, current(), args);
        SqlTextConnection.call(method, described, args);
        if (ran != null)
            SqlTextConnection.call(method, ran, args);
        return delegated(method, args);
    }

    private Object driverBound(Method method, Object[] args) throws SQLException {
        if (inlined)
            throw new SQLException("cannot bind a value with " + method.getName() + " on a statement of"
                + " SoftDelete.dataSource(...) whose configuration inlines bind values (Settings.statementType"
                + " STATIC_STATEMENT or paramType INLINED): jOOQ would write the value into the SQL text, and it"
                + " cannot write this one. Use a configuration that binds values, or bind it with setObject or"
                + " setString", "0A000");
        DriverBoundValue.set(parsing, method, args);
        return null;
    }

    // PostgreSQL's prepared statement refuses its four methods that run SQL of their own, and runs the others as
    // a plain statement would: here, a statement of the DataSource's connection, so that the SQL is filtered too.
    private Object withSql(Method method, Object[] args) throws Throwable {
        if (args.length == 1 && PREPARED_ONLY.contains(method.getName()))
            throw new SQLException("cannot " + method.getName() + "(String) on a PreparedStatement: it runs the SQL it was"
                + " prepared with. Call " + method.getName() + "() without SQL, or use a Statement", "42809");
        Statement statement = connection.createStatement();
        ran(statement);
        return SqlTextConnection.call(method, statement, args);
    }

    // A call into jOOQ, which may prepare and run a physical statement: the one it made becomes this one's.
    private Object delegated(Method method, Object[] args) throws Throwable {
        Statement before = RefusingConnection.latest(issuing);
        try {
            return SqlTextConnection.call(method, parsing, args);
        } catch (RuntimeException e) {
            throw events.failed(e, sql);
        } finally {
            Statement made = RefusingConnection.latest(issuing);
            if (made != before)
                ran(made);
        }
    }

    private void ran(Statement made) throws SQLException {
        Statement superseded = ran;
        ran = made;
        if (closeOnCompletion)
            made.closeOnCompletion();
        // jOOQ keeps no reference to the statement it replaced (it closes only one it made for getMetaData:
        // jOOQ's ParsingStatement.prepareAndBind closes lastOrDummy, [#12481], 3.19)
        if (superseded != null)
            superseded.close();
    }

    // jOOQ's clearBatch asks its physical statement first, and fails when there is none yet: then it gets one,
    // the statement it would run the batch on. (jOOQ's ParsingStatement.clearBatch calls statement(), which
    // throws "Statement is closed or not yet prepared." before the first prepare; 3.19.)
    private void clearBatch() throws Throwable {
        if (!batched)
            return;
        if (ran == null)
            delegated(PreparedStatement.class.getMethod("getMetaData"), null);
        delegated(Statement.class.getMethod("clearBatch"), null);
        batched = false;
    }

    private Statement current() {
        return ran != null ? ran : described;
    }

    private boolean isClosed() throws SQLException {
        return closed || current().isClosed();
    }

    private void close() throws SQLException {
        if (closed)
            return;
        closed = true;
        try {
            parsing.close();
        } finally {
            try {
                described.close();
            } finally {
                if (ran != null)
                    ran.close();
            }
        }
    }
}
