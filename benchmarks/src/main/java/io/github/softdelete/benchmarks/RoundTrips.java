package io.github.softdelete.benchmarks;

import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.TransactionContext;
import org.jooq.TransactionListener;

/**
 * Counts the round trips of jOOQ work to the server: one per statement jOOQ executes
 * ({@link ExecuteListener#executeStart}) and one per commit or rollback of a jOOQ transaction.
 * PostgreSQL's JDBC driver sends {@code BEGIN} together with a transaction's first statement, and
 * {@code setAutoCommit} sends nothing by itself, so these are all the messages that wait for an answer.
 *
 * <p>Not thread-safe: one counter per connection.
 */
final class RoundTrips implements ExecuteListener, TransactionListener {

    private static final long serialVersionUID = 1L;

    private int statements;
    private int transactionEnds;

    @Override
    public void executeStart(ExecuteContext ctx) {
        statements++;
    }

    @Override
    public void commitStart(TransactionContext ctx) {
        transactionEnds++;
    }

    @Override
    public void rollbackStart(TransactionContext ctx) {
        transactionEnds++;
    }

    /** Statements plus commits and rollbacks since the last {@link #reset()}. */
    int count() {
        return statements + transactionEnds;
    }

    /** The statements alone, for the report's detail. */
    int statements() {
        return statements;
    }

    void reset() {
        statements = 0;
        transactionEnds = 0;
    }
}
