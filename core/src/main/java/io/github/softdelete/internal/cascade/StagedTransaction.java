package io.github.softdelete.internal.cascade;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * The transaction of an operation that takes several statements (a cascading soft delete on MariaDB,
 * {@link StagedCascadeDelete}): all of them or none.
 *
 * <p>Inside the caller's transaction, a savepoint: a refusal rolls back to it, and the caller's earlier work in
 * the transaction stays, as it would after a failed statement on MariaDB (which, unlike PostgreSQL, does not abort
 * the transaction on an error). A connection in auto-commit mode would commit each statement on its own, so the
 * library turns auto-commit off, and commits and turns it back on when the operation ends, or rolls back.
 *
 * <p>Not thread-safe, as JDBC connections are not.
 */
public final class StagedTransaction {

    private final Connection connection;
    private final Savepoint savepoint;

    private StagedTransaction(Connection connection, Savepoint savepoint) {
        this.connection = connection;
        this.savepoint = savepoint;
    }

    /** Before the first statement: a savepoint in the caller's transaction, or a transaction of the library's. */
    public static StagedTransaction begin(Connection connection) throws SQLException {
        if (!connection.getAutoCommit())
            return new StagedTransaction(connection, connection.setSavepoint());
        connection.setAutoCommit(false);
        return new StagedTransaction(connection, null);
    }

    /** After the last statement: releases the savepoint, or commits the library's transaction. */
    public void commit() throws SQLException {
        if (savepoint != null) {
            connection.releaseSavepoint(savepoint);
            return;
        }
        try {
            connection.commit();
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** After a failure: undoes every statement of the operation. Errors here are dropped for the one that brought us. */
    public void rollback() {
        try {
            if (savepoint != null)
                connection.rollback(savepoint);
            else
                connection.rollback();
        } catch (SQLException e) {
            // the failure that brought us here is what the caller needs to see
        } finally {
            if (savepoint == null) {
                try {
                    connection.setAutoCommit(true);
                } catch (SQLException e) {
                    // as above
                }
            }
        }
    }
}
