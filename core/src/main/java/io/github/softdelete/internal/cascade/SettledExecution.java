package io.github.softdelete.internal.cascade;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

import org.jooq.Configuration;

/**
 * One execution of statements that leave entries to settle ({@link CascadeSettlement}), on one connection: the
 * statements and their settlement form one transaction.
 *
 * <p>Inside the caller's transaction they already do. A connection in auto-commit mode would commit the delete
 * before its settlement ran, and a settlement that refuses (a RESTRICT key) could no longer undo it; so the
 * execution turns auto-commit off before the statement runs, and commits and turns it back on once the settlement
 * is done, or rolls back. The statement's fetch size is set to 0 meanwhile, so that the PostgreSQL driver, which
 * reads results through a cursor only outside auto-commit, reads them whole, as it did in auto-commit mode: the
 * commit would close the cursor before the caller reads a DELETE ... RETURNING.
 *
 * <p>Not thread-safe, as JDBC connections are not.
 */
public final class SettledExecution {

    private final Connection connection;
    private final Statement statement;
    private final boolean ownTransaction;
    private final int fetchSize;
    private final Set<Integer> tables;

    private SettledExecution(Connection connection, Statement statement, boolean ownTransaction, int fetchSize, Set<Integer> tables) {
        this.connection = connection;
        this.statement = statement;
        this.ownTransaction = ownTransaction;
        this.fetchSize = fetchSize;
        this.tables = tables;
    }

    /**
     * Before the statement runs: opens a transaction when the connection is in auto-commit mode. {@code tables}
     * are the policy indexes of the tables whose deletes leave entries ({@link CascadeSettlement#entryTables}).
     */
    public static SettledExecution begin(Connection connection, Statement statement, Set<Integer> tables) throws SQLException {
        if (!connection.getAutoCommit())
            return new SettledExecution(connection, statement, false, 0, tables);
        int fetchSize = statement == null ? 0 : statement.getFetchSize();
        if (fetchSize != 0)
            statement.setFetchSize(0);
        connection.setAutoCommit(false);
        return new SettledExecution(connection, statement, true, fetchSize, tables);
    }

    /**
     * After the statement ran: settles, and returns what was stamped (where the policy has listeners) for them to hear
     * before {@link #commit()}.
     */
    public CascadeSettlement.Figures settle(CascadeSettlement settlement, Configuration configuration) throws CascadeSettlement.Failure {
        return settlement.settle(connection, configuration, tables);
    }

    /** The policy indexes of the tables whose deletes left entries. */
    public Set<Integer> tables() {
        return tables;
    }

    /** Whether this execution opened the transaction (the connection was in auto-commit mode). */
    public boolean ownTransaction() {
        return ownTransaction;
    }

    /** After the statement and what follows it ran (its listeners told): commits the transaction this execution opened. */
    public void commit() throws SQLException {
        if (ownTransaction) {
            connection.commit();
            restore();
        }
    }

    /** After a failure: rolls back the transaction this execution opened; in the caller's, nothing to do. */
    public void abandon() {
        if (!ownTransaction)
            return;
        try {
            connection.rollback();
        } catch (SQLException e) {
            // the failure that brought us here is what the caller needs to see
        } finally {
            try {
                restore();
            } catch (SQLException e) {
                // as above
            }
        }
    }

    private void restore() throws SQLException {
        connection.setAutoCommit(true);
        if (fetchSize != 0)
            statement.setFetchSize(fetchSize);
    }
}
