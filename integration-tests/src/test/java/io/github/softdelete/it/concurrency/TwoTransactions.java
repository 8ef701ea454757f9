package io.github.softdelete.it.concurrency;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.TransactionContext;
import org.jooq.TransactionProvider;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteListener;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.it.fixture.SoftDeleteDatabase;
import io.github.softdelete.it.harness.TestDatabase;

/**
 * Two transactions on two connections, interleaved in one order that the test states, never by timing:
 * <ol>
 *   <li>the first runs its step and stays open;</li>
 *   <li>the second runs its step on another thread, until it either ends or waits for a lock the first holds
 *       (the server says so: on PostgreSQL {@code pg_blocking_pids} of its backend is not empty, on MariaDB InnoDB's
 *       status shows its transaction in {@code LOCK WAIT}; see {@link #awaitEndOrBlock});</li>
 *   <li>the first commits (or rolls back, when its step failed);</li>
 *   <li>the second finishes and commits (or rolls back, when its step failed).</li>
 * </ol>
 * A commit that fails (SERIALIZABLE may refuse one) counts as its step's failure.
 * With {@link #secondSnapshotFirst()}, the second transaction takes its snapshot (a {@code SELECT 1} on PostgreSQL,
 * {@code START TRANSACTION WITH CONSISTENT SNAPSHOT} on MariaDB, where InnoDB takes none until a table is read) before
 * the first runs its step, so that at REPEATABLE READ and SERIALIZABLE its plain reads cannot see what the first commits.
 *
 * <p>Each connection has the library installed for the reference schema's policy, at the given isolation level, in
 * the database's dialect ({@link #softDeleting}).
 */
final class TwoTransactions {

    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final String MARIADB = "MariaDB";
    private static final Pattern THREAD_ID = Pattern.compile("\\bthread id (\\d+),");

    /** A step of one transaction. */
    interface Step {
        Object run(DSLContext ctx, Connection connection) throws Exception;
    }

    /** What a step did: its result, or the error that ended it. */
    record Result(Object value, Throwable error) {

        boolean succeeded() {
            return error == null;
        }

        boolean refused() {
            return error instanceof SoftDeleteException || causeIsRefusal(error);
        }

        /** The SQLSTATE of a retryable failure (serialization failure or deadlock), or null. */
        String retryableState() {
            for (Throwable t = error; t != null; t = t.getCause())
                if (t instanceof SQLException sql && ("40001".equals(sql.getSQLState()) || "40P01".equals(sql.getSQLState())))
                    return sql.getSQLState();
            return null;
        }

        boolean lost() {
            return refused() || retryableState() != null;
        }

        private static boolean causeIsRefusal(Throwable error) {
            for (Throwable t = error; t != null; t = t.getCause())
                if (t instanceof SoftDeleteException)
                    return true;
            return false;
        }

        @Override
        public String toString() {
            return error == null ? "ok " + value : error.getClass().getSimpleName() + " [" + retryableState() + "] " + error.getMessage();
        }
    }

    /** What happened: each step's result, and whether the second waited for the first. */
    record Outcome(Result first, Result second, boolean secondWaited) {

        @Override
        public String toString() {
            return "first: " + first + "; second: " + second + (secondWaited ? " (after waiting for the first)" : "");
        }
    }

    private final TestDatabase database;
    private final int isolation;
    private boolean secondSnapshotFirst;

    TwoTransactions(TestDatabase database, int isolation) {
        this.database = database;
        this.isolation = isolation;
    }

    /** The second transaction takes its snapshot before the first runs its step. */
    TwoTransactions secondSnapshotFirst() {
        this.secondSnapshotFirst = true;
        return this;
    }

    Outcome run(Step first, Step second) throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (Connection a = open(); Connection b = open(); Connection monitor = database.dataSource().getConnection()) {
            int secondPid = pid(b);
            if (secondSnapshotFirst)
                try (Statement s = b.createStatement()) {
                    s.execute(mariaDb(b) ? "start transaction with consistent snapshot" : "select 1");
                }
            Result firstResult = step(database, first, a);
            Future<Result> secondResult = thread.submit(() -> step(database, second, b));
            boolean waited = awaitEndOrBlock(secondResult, monitor, secondPid);
            Result firstDone = end(a, firstResult);
            Result secondDone = end(b, secondResult.get(LIMIT.toSeconds(), TimeUnit.SECONDS));
            return new Outcome(firstDone, secondDone, waited);
        } finally {
            thread.shutdownNow();
        }
    }

    private Connection open() throws SQLException {
        Connection connection = database.dataSource().getConnection();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(isolation);
        return connection;
    }

    private static Result step(TestDatabase database, Step step, Connection connection) {
        DSLContext ctx = DSL.using(install(configuration(database, connection).set(new OpenTransaction(connection))));
        try {
            return new Result(step.run(ctx, connection), null);
        } catch (Exception e) {
            return new Result(null, e);
        }
    }

    /** The library on {@code connection}, for the reference schema's policy, in the database's dialect and settings. */
    static DSLContext softDeleting(TestDatabase database, Connection connection) {
        return DSL.using(install(configuration(database, connection)));
    }

    /**
     * The listener the library's contexts are installed with, or null for none: set by the suites that run the
     * interleavings again with listeners ({@link ConcurrentWritersWithListenersTest}), whose counted statements take
     * their locks in another order of steps. Test classes run one after another in this JVM.
     */
    static volatile SoftDeleteListener listener;

    private static Configuration install(Configuration configuration) {
        SoftDeleteListener heard = listener;
        return heard == null ? SoftDelete.install(configuration, SoftDeleteDatabase.POLICY)
            : SoftDelete.install(configuration, SoftDeleteDatabase.POLICY, heard);
    }

    // On MariaDB the settings map the generated schema to the database and bind OffsetDateTime as such (TestDatabase).
    private static Configuration configuration(TestDatabase database, Connection connection) {
        return new DefaultConfiguration().set(connection).set(database.dialect()).set(database.settings());
    }

    /**
     * The transaction the harness opened and ends: a jOOQ transaction inside a step (restoreWithParents runs in
     * one) joins it, as it would join a transaction that Spring manages, instead of committing it; a nested one
     * is a savepoint.
     */
    private static final class OpenTransaction implements TransactionProvider {

        private final Connection connection;
        private final Deque<Savepoint> savepoints = new ArrayDeque<>();
        private int depth;

        OpenTransaction(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void begin(TransactionContext ctx) {
            if (depth++ > 0)
                savepoints.push(call(() -> connection.setSavepoint()));
        }

        @Override
        public void commit(TransactionContext ctx) {
            if (--depth > 0)
                call(() -> {
                    connection.releaseSavepoint(savepoints.pop());
                    return null;
                });
        }

        @Override
        public void rollback(TransactionContext ctx) {
            if (--depth > 0)
                call(() -> {
                    connection.rollback(savepoints.pop());
                    return null;
                });
        }

        private interface Call<T> {
            T run() throws SQLException;
        }

        private static <T> T call(Call<T> call) {
            try {
                return call.run();
            } catch (SQLException e) {
                throw new DataAccessException(e.getMessage(), e);
            }
        }
    }

    // Commits a step that succeeded, rolls back one that failed; a commit that fails (SERIALIZABLE may refuse
    // it) is the step's result.
    private static Result end(Connection connection, Result result) throws SQLException {
        if (!result.succeeded()) {
            connection.rollback();
            return result;
        }
        try {
            connection.commit();
            return result;
        } catch (SQLException e) {
            connection.rollback();
            return new Result(null, e);
        }
    }

    /**
     * Waits until the step ended (false), or the server reports the connection {@code id} ({@link #pid}) blocked by
     * another transaction (true); no sleeps.
     *
     * <p>MariaDB: {@code SHOW ENGINE INNODB STATUS} lists the connection's transaction (by its {@code CONNECTION_ID()},
     * "MariaDB thread id") with {@code LOCK WAIT}, which InnoDB prints while the transaction waits for a row or table
     * lock, as {@code pg_blocking_pids} does on PostgreSQL. The status is built when it is asked for. Two other ways
     * fail:
     * <ul>
     *   <li>{@code information_schema.INNODB_TRX} ({@code trx_state = 'LOCK WAIT'}, also {@code INNODB_LOCK_WAITS}) is
     *       a cache that InnoDB refreshes only when it was last read more than 100 ms before: polled every 20 ms, it
     *       never refreshes, and a wait that began after the first poll is never seen (checked on 10.11: 0 of 60 polls
     *       20 ms apart saw a wait that lasted the whole time; 10 of 12 polls 150 ms apart did);</li>
     *   <li>{@code PROCESSLIST.STATE} shows the stage the statement waits in ({@code Statistics}, {@code Updating}),
     *       as it does for a running one.</li>
     * </ul>
     */
    static boolean awaitEndOrBlock(Future<?> step, Connection monitor, int id) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                step.get(20, TimeUnit.MILLISECONDS);
                return false;
            } catch (TimeoutException stillRunning) {
                if (blocked(monitor, id))
                    return true;
            } catch (ExecutionException ended) {
                return false;
            }
        }
        throw new AssertionError("the step neither ended nor waited for a lock within " + LIMIT);
    }

    private static boolean blocked(Connection monitor, int id) throws SQLException {
        if (mariaDb(monitor))
            return waitingOnMariaDb(monitor, id);
        try (Statement s = monitor.createStatement();
             ResultSet r = s.executeQuery("select cardinality(pg_blocking_pids(" + id + ")) > 0")) {
            r.next();
            return r.getBoolean(1);
        }
    }

    // Each transaction's entry starts with "---TRANSACTION "; a waiting one has a line "LOCK WAIT <n> lock struct(s)"
    // before "MariaDB thread id <id>, ...".
    private static boolean waitingOnMariaDb(Connection monitor, int id) throws SQLException {
        String status;
        try (Statement s = monitor.createStatement(); ResultSet r = s.executeQuery("show engine innodb status")) {
            r.next();
            status = r.getString("Status");
        }
        for (String transaction : status.split("\n---TRANSACTION ")) {
            Matcher thread = THREAD_ID.matcher(transaction);
            if (thread.find() && Integer.parseInt(thread.group(1)) == id)
                return transaction.contains("\nLOCK WAIT ");
        }
        return false;
    }

    /**
     * The server's ID of the connection, for awaitEndOrBlock: PostgreSQL's backend process ID, MariaDB's
     * {@code CONNECTION_ID()}. Commits, so that the step starts the transaction.
     */
    static int pid(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery(mariaDb(connection) ? "select connection_id()" : "select pg_backend_pid()")) {
            r.next();
            int pid = r.getInt(1);
            connection.commit(); // the ID only: the step starts the transaction
            return pid;
        }
    }

    private static boolean mariaDb(Connection connection) throws SQLException {
        return MARIADB.equals(connection.getMetaData().getDatabaseProductName());
    }
}
