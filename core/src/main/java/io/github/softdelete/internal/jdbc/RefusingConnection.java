package io.github.softdelete.internal.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.BatchUpdateException;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

import org.jooq.Configuration;

import io.github.softdelete.SoftDeleteException;

import io.github.softdelete.internal.cascade.CascadeDeleteEvent;
import io.github.softdelete.internal.cascade.CascadeSettlement;
import io.github.softdelete.internal.cascade.SettledExecution;
import io.github.softdelete.internal.install.StagedExecution;
import io.github.softdelete.internal.install.StatementRefusals;
import io.github.softdelete.internal.policy.PolicyTable;
import io.github.softdelete.internal.sqltext.JdbcRefusals;
import io.github.softdelete.internal.write.OneStatementDelete;

/**
 * The physical connection as {@link SqlTextDataSource} hands it to jOOQ's parsing connection: its
 * statements turn the failures of the library's in-statement checks into the same refusals that
 * {@link StatementRefusals} raises on jOOQ's own path, where jOOQ's ExecuteListeners run. On the parsing
 * path they do not, so without this JDBC code would see PostgreSQL's bare 22P02 error.
 *
 * <p>It sits below jOOQ's parsing connection, so it sees the SQL that jOOQ rendered (with the
 * library's marks, and placeholders for bind values) and recognises a refusal exactly as
 * {@link StatementRefusals} does: the SQLSTATE, and a mark for one of the registry's keys both in that
 * SQL and in the server's message, never the message's wording.
 *
 * <p>A refusal surfaces as an {@link java.sql.SQLIntegrityConstraintViolationException} with the library's
 * message, the SQLSTATE of its kind ({@link JdbcRefusals}), and the {@link SoftDeleteException} as its cause
 * (whose cause is the server's error): JDBC callers can catch it as an SQLException and find the
 * SoftDeleteException in the cause chain, and Spring's exception translation makes it a
 * {@code DataIntegrityViolationException} with the library's message.
 *
 * <p>One more duty, for the statements of {@link SqlTextConnection}, which jOOQ's parsing statements stand
 * between: it remembers the statement it made last ({@link #latest}), so that a statement of the DataSource
 * finds the physical statement that ran for it (its generated keys, its warnings).
 *
 * <p>Not thread-safe, as JDBC connections and statements are not.
 */
final class RefusingConnection implements InvocationHandler {

    private final Connection physical;
    private final StatementRefusals refusals;
    private final CascadeSettlement settlement;
    private final Configuration configuration;
    private Statement latest;

    private RefusingConnection(Connection physical, StatementRefusals refusals, CascadeSettlement settlement, Configuration configuration) {
        this.physical = physical;
        this.refusals = refusals;
        this.settlement = settlement;
        this.configuration = configuration;
    }

    /**
     * {@code physical} with its statements translating refusals and settling cascading soft deletes
     * ({@link CascadeSettlement}, whose statements {@code configuration} renders). {@code refusals} and
     * {@code settlement} may be null: nothing is translated or settled then.
     */
    static Connection wrap(Connection physical, StatementRefusals refusals, CascadeSettlement settlement, Configuration configuration) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] { Connection.class },
            new RefusingConnection(physical, refusals, settlement, configuration));
    }

    /** The statement that {@code connection}, made by {@link #wrap}, made last, or null. */
    static Statement latest(Connection connection) {
        return ((RefusingConnection) Proxy.getInvocationHandler(connection)).latest;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        return switch (method.getName()) {
            case "prepareStatement" -> statement(PreparedStatement.class,
                (Statement) SqlTextConnection.call(method, physical, args), (String) args[0], proxy);
            case "prepareCall" -> statement(CallableStatement.class,
                (Statement) SqlTextConnection.call(method, physical, args), (String) args[0], proxy);
            case "createStatement" -> statement(Statement.class, (Statement) SqlTextConnection.call(method, physical, args), null, proxy);
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> physical.toString();
            default -> SqlTextConnection.call(method, physical, args);
        };
    }

    private Statement statement(Class<? extends Statement> type, Statement statement, String sql, Object connection) {
        latest = (Statement) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
            new Refusing(statement, sql, connection));
        return latest;
    }

    /** A statement whose failures are checked against the SQL it ran: the prepared SQL, or the SQL of the call or batch. */
    private final class Refusing implements InvocationHandler {

        private final Statement statement;
        private final String prepared;
        private final Object connection;
        private final StringBuilder batch = new StringBuilder();

        Refusing(Statement statement, String prepared, Object connection) {
            this.statement = statement;
            this.prepared = prepared;
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            String sql = prepared;
            if (args != null && args.length > 0 && args[0] instanceof String text && (name.startsWith("execute") || name.equals("addBatch"))) {
                sql = text;
                if (name.equals("addBatch"))
                    batch.append(text).append('\n');
            } else if (name.equals("executeBatch") || name.equals("executeLargeBatch")) {
                sql = prepared != null ? prepared : batch.toString();
                batch.setLength(0);
            } else if (name.equals("clearBatch")) {
                batch.setLength(0);
            } else if (name.equals("getConnection")) {
                return connection;
            } else if (name.equals("equals")) {
                return proxy == args[0];
            } else if (name.equals("hashCode")) {
                return System.identityHashCode(proxy);
            }
            boolean executes = name.startsWith("execute");
            Set<Integer> tables = executes && settlement != null ? CascadeSettlement.entryTables(sql, null) : Set.of();
            if (!tables.isEmpty() && listening() && name.contains("Batch"))
                throw JdbcRefusals.ofStatement(OneStatementDelete.inABatch("soft-delete", root(tables)));
            SettledExecution settled = tables.isEmpty() ? null : SettledExecution.begin(physical, statement, tables);
            // MariaDB: the stamp, and the other statements of a cascading delete or restore (StagedExecution)
            StagedExecution staged = executes && refusals != null
                ? StagedExecution.begin(refusals.registry(), configuration, physical, sql, null) : null;
            Object result;
            try {
                result = SqlTextConnection.call(method, statement, args);
            } catch (SQLException e) {
                if (settled != null)
                    settled.abandon();
                if (staged != null)
                    staged.abandon();
                throw translated(e, sql);
            }
            if (settled != null)
                settle(settled, sql, result, statement);
            if (staged != null)
                finish(staged);
            return result;
        }
    }

    // The settlement of a cascading soft delete this statement ran; its refusals translated as the statement's. With
    // listeners, they are told before it commits.
    private void settle(SettledExecution settled, String sql, Object result, Statement statement) throws SQLException {
        try {
            CascadeSettlement.Figures figures = settled.settle(settlement, configuration);
            if (listening())
                tell(settled, figures, result, statement);
            settled.commit();
        } catch (SoftDeleteException e) {
            settled.abandon();
            refusals.registry().refused(e);
            throw JdbcRefusals.ofStatement(e);
        } catch (RuntimeException e) {
            settled.abandon();
            throw e;
        } catch (CascadeSettlement.Failure failure) {
            settled.abandon();
            throw translated(failure.error(), failure.sql() != null ? failure.sql() : sql);
        } catch (SQLException e) {
            settled.abandon();
            throw e;
        }
    }

    // The outer UPDATE's rows: the statement's count. A DELETE ... RETURNING gives rows that JDBC code reads after the
    // statement is back in its hands, too late to tell before the commit: refused, and rolled back.
    private void tell(SettledExecution settled, CascadeSettlement.Figures figures, Object result, Statement statement) throws SQLException {
        PolicyTable root = CascadeDeleteEvent.root(refusals.registry(), settled);
        long rows;
        if (result instanceof Number count)
            rows = count.longValue();
        else if (Boolean.FALSE.equals(result))
            rows = statement.getLargeUpdateCount();
        else
            throw new SoftDeleteException("cannot soft-delete from " + root.quotedName() + " with DELETE ... RETURNING as SQL"
                + " text while the policy has listeners: its rows are read after the statement returns, too late to tell the"
                + " listeners before the transaction commits. Nothing was changed. Run it through jOOQ's DSL inside a"
                + " transaction, or without RETURNING");
        CascadeDeleteEvent.tell(refusals.registry(), configuration, root, figures, Math.max(rows, 0));
    }

    private boolean listening() {
        return refusals != null && refusals.registry().hasListeners();
    }

    private PolicyTable root(Set<Integer> tables) {
        return refusals.registry().tables().get(tables.iterator().next());
    }

    // The rest of an operation on MariaDB; its refusals as the JDBC refusals of the statement.
    private void finish(StagedExecution staged) throws SQLException {
        try {
            staged.finish(physical);
        } catch (StagedExecution.Refused refused) {
            throw refused.asSqlException();
        }
    }

    // A batch reports the statement's error as its next exception; the batch's own message may say less.
    private SQLException translated(SQLException error, String sql) {
        if (sql == null)
            return error;
        for (SQLException e = error; e != null; e = e.getNextException()) {
            StatementRefusals.Refusal refusal = refusals == null ? null : refusals.classify(e, sql);
            if (refusal != null) {
                refusals.registry().refused(refusal.exception());
                SQLException translated = JdbcRefusals.ofCheck(refusal.exception(), refusal.sqlState());
                if (error instanceof BatchUpdateException)
                    translated.setNextException(error);
                return translated;
            }
        }
        return error;
    }
}
