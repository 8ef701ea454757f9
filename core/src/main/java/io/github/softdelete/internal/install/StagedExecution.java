package io.github.softdelete.internal.install;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import io.github.softdelete.SoftDeleteEvent;
import io.github.softdelete.SoftDeleteException;

import io.github.softdelete.internal.cascade.ChangeTally;
import io.github.softdelete.internal.cascade.StagedCascadeDelete;
import io.github.softdelete.internal.cascade.StagedRestore;
import io.github.softdelete.internal.cascade.StagedStep;
import io.github.softdelete.internal.cascade.StagedTransaction;
import io.github.softdelete.internal.jooq.Engine;
import io.github.softdelete.internal.policy.Actors;
import io.github.softdelete.internal.policy.CascadePlan;
import io.github.softdelete.internal.policy.ContextFlags;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.sql.SessionStamp;
import io.github.softdelete.internal.sqltext.JdbcRefusals;

/**
 * The statements that an operation takes on MariaDB besides the one that runs it, on the same connection, around
 * it: before a statement that stamps ({@link SessionStamp}), the stamp; around the anchor of a cascading delete
 * ({@link StagedCascadeDelete}) or of a restore ({@link StagedRestore}), its transaction, the stamp and the key tables
 * before, and every step after, with the refusals its checks find. On PostgreSQL, and for every other statement,
 * there is nothing to do.
 *
 * <p>Both ways a statement reaches the database use it: jOOQ's execution ({@link StagedStatements}, an
 * ExecuteListener) and SQL text through {@code SoftDelete.dataSource} (its JDBC statements). The statements go to the
 * connection directly, not through jOOQ: a nested execution would replace the thread-local context of the caller's
 * ({@link SettlingListener} says more).
 *
 * <p>Not thread-safe, as JDBC connections are not.
 */
public final class StagedExecution {

    private enum Operation { DELETE, RESTORE }

    /** A refusal found by a step, with the SQLSTATE under which JDBC code sees it ({@link JdbcRefusals}). */
    public static final class Refused extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient StatementRefusals.Refusal refusal;

        Refused(SoftDeleteException exception, String sqlState) {
            super(exception.getMessage(), exception, false, false);
            this.refusal = new StatementRefusals.Refusal(exception, sqlState);
        }

        /** The refusal, for jOOQ's path. */
        public SoftDeleteException exception() {
            return refusal.exception();
        }

        /** The refusal as JDBC code sees it. */
        public SQLException asSqlException() {
            return JdbcRefusals.ofCheck(refusal.exception(), refusal.sqlState());
        }
    }

    private final TableRegistry registry;
    private final Operation operation;
    private final StagedTransaction transaction;
    private final CascadePlan plan;
    private final Configuration configuration;

    private StagedExecution(TableRegistry registry, Operation operation, StagedTransaction transaction, CascadePlan plan,
                            Configuration configuration) {
        this.registry = registry;
        this.operation = operation;
        this.transaction = transaction;
        this.plan = plan;
        this.configuration = configuration;
    }

    /**
     * Before {@code sql} (or the statements of {@code batch}) runs on {@code connection}: what MariaDB needs first.
     * Returns the execution to finish after the statement, or null when there is none.
     *
     * @throws SoftDeleteException when an anchor stands in a batch of several statements
     */
    public static StagedExecution begin(TableRegistry registry, Configuration configuration, Connection connection, String sql,
                                        String[] batch) throws SQLException {
        if (Engine.of(configuration) != Engine.MARIADB)
            return null;
        int deleted = anchoredRoot(sql, batch, Operation.DELETE);
        int restored = anchoredRoot(sql, batch, Operation.RESTORE);
        if (deleted >= 0)
            return begin(registry, configuration, connection, Operation.DELETE, registry.plan(registry.tables().get(deleted)));
        if (restored >= 0)
            return begin(registry, configuration, connection, Operation.RESTORE, registry.plan(registry.tables().get(restored)));
        if (stamps(sql, batch))
            run(connection, List.of(SessionStamp.NEXT));
        return null;
    }

    private static StagedExecution begin(TableRegistry registry, Configuration configuration, Connection connection, Operation operation,
                                         CascadePlan plan) throws SQLException {
        StagedTransaction transaction = StagedTransaction.begin(connection);
        DSLContext plain = plain(configuration);
        try {
            run(connection, operation == Operation.DELETE
                ? StagedCascadeDelete.before(plain, registry, plan)
                : StagedRestore.before(plain, registry, plan));
        } catch (SQLException | RuntimeException e) {
            transaction.rollback();
            throw e;
        }
        return new StagedExecution(registry, operation, transaction, plan, configuration);
    }

    /**
     * After the statement ran: every step, then the commit of the operation's transaction (or the release of its
     * savepoint). On any failure the operation is rolled back before the exception leaves.
     *
     * @throws Refused      when a check refuses the operation
     * @throws SQLException when a step fails
     */
    public void finish(Connection connection) throws SQLException {
        try {
            DSLContext plain = plain(configuration);
            Object actor = operation == Operation.DELETE ? registry.actor(ContextFlags.of(configuration)) : null;
            List<StagedStep> steps = operation == Operation.DELETE
                ? StagedCascadeDelete.after(plain, registry, plan, actor)
                : StagedRestore.after(plain, registry, plan);
            // Writes whose results decide nothing go out together, in order, as one JDBC batch: one round trip up to the
            // next step whose result decides something. Their counts are kept for the listeners.
            ChangeTally changes = new ChangeTally(registry.hasListeners());
            long counted = 0;
            List<StagedStep> writes = new ArrayList<>();
            for (StagedStep step : steps) {
                if (step.check() == StagedStep.Check.NONE) {
                    writes.add(step);
                    continue;
                }
                runWrites(connection, writes, changes);
                writes.clear();
                counted = runStep(connection, step, counted, changes);
            }
            runWrites(connection, writes, changes);
            if (changes.counting() && changes.changedRows())
                registry.tell(configuration, event(connection, changes, actor));
            transaction.commit();
        } catch (SQLException | RuntimeException e) {
            transaction.rollback();
            throw e;
        }
    }

    // The operation as its listeners hear it, before it commits. A delete's stamp is the connection's, read back in UTC
    // (MariaDB's DATETIME holds the session's local time): one round trip more, only when there are listeners.
    private SoftDeleteEvent event(Connection connection, ChangeTally changes, Object actor) throws SQLException {
        if (operation == Operation.RESTORE)
            return changes.event(SoftDeleteEvent.Operation.RESTORE, plan.root(), null, null);
        Instant stamp;
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(SessionStamp.IN_UTC)) {
            rows.next();
            stamp = rows.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC);
        }
        boolean recordsActor = plan.nodes().stream().anyMatch(node -> node.table().deletedBy() != null);
        return changes.event(SoftDeleteEvent.Operation.SOFT_DELETE, plan.root(), stamp, recordsActor ? actor : null);
    }

    /** After the statement failed: the operation is rolled back. */
    public void abandon() {
        transaction.rollback();
    }

    /** What the operation is, for messages: "the cascading soft delete from "users"". */
    public String describe() {
        return (operation == Operation.DELETE ? "the cascading soft delete from " : "the restore of ") + plan.root().quotedName();
    }

    // Runs one step; returns the count the next UPDATE_ALL_COUNTED step compares with.
    private long runStep(Connection connection, StagedStep step, long counted, ChangeTally changes) throws SQLException {
        switch (step.check()) {
            case NONE -> runWrites(connection, List.of(step), changes);
            case COUNT -> {
                return firstValue(connection, step.sql());
            }
            case UPDATE_ALL_COUNTED -> {
                long updated;
                try (Statement statement = connection.createStatement()) {
                    updated = statement.executeUpdate(step.sql());
                }
                if (updated != counted)
                    throw new Refused(Refusals.changedDuringRestore(step.table(), counted, updated), JdbcRefusals.INTEGRITY_CONSTRAINT_VIOLATION);
                changes.restored(step.table(), updated);
            }
            case REPEAT_WHILE_ADDED -> {
                try (Statement statement = connection.createStatement()) {
                    while (statement.executeUpdate(step.sql()) > 0) {
                        int then = statement.executeUpdate(step.then());
                        if (step.stamps() != null)
                            changes.stamped(step.stamps(), then);
                    }
                }
            }
            default -> {
                if (firstValue(connection, step.sql()) != 0)
                    throw refusal(step);
            }
        }
        return counted;
    }

    private Refused refusal(StagedStep step) {
        return switch (step.check()) {
            case REFUSE_WHEN_FOUND_RESTRICT -> new Refused(Refusals.delete(step.relation(), null), JdbcRefusals.FOREIGN_KEY_VIOLATION);
            case REFUSE_WHEN_FOUND_NO_ACTOR -> new Refused(Actors.missing(step.table(), null), JdbcRefusals.INTEGRITY_CONSTRAINT_VIOLATION);
            case REFUSE_WHEN_FOUND_DELETED_PARENT -> new Refused(Refusals.restore(step.relation(), null), JdbcRefusals.FOREIGN_KEY_VIOLATION);
            case REFUSE_WHEN_FOUND_UNSTAMPED -> new Refused(Refusals.unstamped(registry, step.relation(), null),
                JdbcRefusals.INTEGRITY_CONSTRAINT_VIOLATION);
            default -> throw new IllegalStateException("not a check: " + step.check());
        };
    }

    // The first column of the first row as a number, 0 when there is no row or it is NULL (StagedStep.Check).
    private static long firstValue(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    // One round trip for several statements: the driver sends a Statement's batch together.
    private static void run(Connection connection, List<String> statements) throws SQLException {
        if (statements.isEmpty())
            return;
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

    // As run(...), for steps: the count of each write that stamps goes to its table, for the listeners. Connector/J
    // answers a Statement's batch with each statement's own count (CascadeEventsOnMariaDbTest).
    private static void runWrites(Connection connection, List<StagedStep> writes, ChangeTally changes) throws SQLException {
        if (writes.isEmpty())
            return;
        try (Statement statement = connection.createStatement()) {
            if (writes.size() == 1) {
                count(writes.get(0), statement.executeUpdate(writes.get(0).sql()), changes);
                return;
            }
            for (StagedStep write : writes)
                statement.addBatch(write.sql());
            int[] counts = statement.executeBatch();
            for (int i = 0; i < writes.size(); i++)
                count(writes.get(i), counts[i], changes);
        }
    }

    private static void count(StagedStep write, int count, ChangeTally changes) {
        if (write.stamps() == null || !changes.counting())
            return;
        if (count < 0)
            throw new IllegalStateException("softdelete: the JDBC driver gave no row count (" + count + ") for a statement of a"
                + " cascading soft delete from " + write.stamps().quotedName() + ", so its listeners cannot be told what it"
                + " changed. Nothing was changed. Use MariaDB Connector/J 3, which gives each statement's count");
        changes.stamped(write.stamps(), count);
    }

    // The anchor of an operation: the statement that runs, or the one statement of a batch with several sets of bind
    // values. A batch of several statements cannot hold the operation's own statements between its own.
    private static int anchoredRoot(String sql, String[] batch, Operation operation) {
        int root = anchoredRoot(sql, operation);
        if (root >= 0 || batch == null || batch.length < 2)
            return root;
        for (String one : batch)
            if (anchoredRoot(one, operation) >= 0)
                throw new SoftDeleteException("cannot run a cascading soft delete or a restore in a batch of several statements on"
                    + " MariaDB: it takes statements of its own between the batch's, which a JDBC batch cannot hold. Nothing was"
                    + " executed. Run it on its own, or as a batch of that one statement with several sets of bind values");
        return -1;
    }

    private static int anchoredRoot(String sql, Operation operation) {
        return operation == Operation.DELETE ? StagedCascadeDelete.anchoredRoot(sql) : StagedRestore.anchoredRoot(sql);
    }

    private static boolean stamps(String sql, String[] batch) {
        if (SessionStamp.usedBy(sql))
            return true;
        if (batch != null)
            for (String one : batch)
                if (SessionStamp.usedBy(one))
                    return true;
        return false;
    }

    // The library's own statements are rendered without listeners, under the caller's dialect and settings (its
    // schema mapping, quoting and keyword case).
    private static DSLContext plain(Configuration configuration) {
        return DSL.using(configuration.dialect(), configuration.settings());
    }
}
