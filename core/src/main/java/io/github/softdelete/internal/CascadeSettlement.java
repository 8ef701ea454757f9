package io.github.softdelete.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * What follows a cascading soft delete in its transaction at READ COMMITTED: the deletion of the children that
 * concurrent writers added while it ran ({@link LateChildren}), so that no live row is left under a row it
 * deleted.
 *
 * <p>After the statements that left entries ({@link SettlementEntry}), on the same connection:
 * <ol>
 *   <li>The gate, one small statement: were there writers? It is open only at READ COMMITTED (at REPEATABLE
 *       READ and SERIALIZABLE a later statement sees no more than the delete did, and PostgreSQL reports the
 *       conflicts instead: {@link ParentLocks}), and only when a transaction other than this one finished since
 *       the first delete's snapshot: one that was running then, or one that started after it. A child the
 *       delete missed was committed by such a transaction, since every other one was visible to the delete.
 *       Read-only transactions take no transaction ID and do not count. A closed gate clears the entries.</li>
 *   <li>When open, the late-children statement of each table the entries came from, repeated until a round
 *       deletes nothing: a child added under a row that a round deleted was committed before that round ended
 *       (the round locked the row), so the next round sees it. Then the entries are cleared.</li>
 * </ol>
 * Usually one extra round trip (the gate); the rounds run only when other transactions wrote meanwhile. The
 * statements have no bind values and are sent as prepared statements, which the PostgreSQL driver keeps per
 * connection. Refusals (a RESTRICT key, a missing actor) come back as the statement's SQLException, to be
 * translated by the caller like any of the library's refusals ({@link StatementRefusals}).
 *
 * <p>Immutable and thread-safe.
 */
public final class CascadeSettlement {

    /** Rounds after which the settlement gives up, refusing with a retryable SQLSTATE, rather than loop on. */
    static final int MAX_ROUNDS = 50;

    // Open when, at READ COMMITTED, a transaction other than this one finished since the snapshot `since`: one
    // that was running then (in its xip, no longer in the current one's), or one whose ID came after it
    // ([since.xmax, now.xmax) minus the IDs still running and this transaction's own). Returns the policy
    // indexes of the entries' tables when open; clears the entries when closed.
    static final String GATE = "with softdelete_state as ("
        + "select coalesce(nullif(current_setting('softdelete.n', true), ''), '0')::int as n,"
        + " nullif(current_setting('softdelete.since', true), '')::pg_snapshot as since,"
        + " pg_current_snapshot() as now_, pg_current_xact_id_if_assigned() as own),"
        + " softdelete_gate as (select n, current_setting('transaction_isolation') = 'read committed' and n > 0 and since is not null and ("
        + "exists (select 1 from pg_snapshot_xip(since) a where a is distinct from own and not (a = any (array(select pg_snapshot_xip(now_)))))"
        + " or (pg_snapshot_xmax(now_)::text::numeric - pg_snapshot_xmax(since)::text::numeric)"
        + " - (select count(*) from pg_snapshot_xip(now_) b where b >= pg_snapshot_xmax(since))"
        + " - case when own >= pg_snapshot_xmax(since) and own < pg_snapshot_xmax(now_) then 1 else 0 end > 0) as open"
        + " from softdelete_state)"
        + " select case when open then (select string_agg(distinct current_setting('softdelete.e' || i)::json->>'t', ',')"
        + " from generate_series(1, n) i) end as tables,"
        + " case when not open then set_config('softdelete.n', '0', true) || set_config('softdelete.since', '', true) end as cleared"
        + " from softdelete_gate";

    static final String CLEAR = "select set_config('softdelete.n', '0', true), set_config('softdelete.since', '', true)";

    private final TableRegistry registry;

    CascadeSettlement(TableRegistry registry) {
        this.registry = registry;
    }

    /** Whether a statement with this SQL leaves entries to settle: a cascading soft delete. */
    static boolean leavesEntries(String sql) {
        return sql != null && sql.contains(SettlementEntry.NAME);
    }

    /** Whether any of the statements of a batch (or the one statement, when {@code batch} is null) leaves entries. */
    static boolean leavesEntries(String sql, String[] batch) {
        if (leavesEntries(sql))
            return true;
        if (batch != null)
            for (String one : batch)
                if (leavesEntries(one))
                    return true;
        return false;
    }

    /**
     * Settles the entries the transaction of {@code connection} holds. {@code configuration} renders the
     * late-children statements as the deletes were rendered (with the library's listener and the same settings).
     *
     * @throws Failure when a statement fails: the error, and the SQL that raised it, for the caller to translate
     */
    void settle(Connection connection, Configuration configuration) throws Failure {
        String tables = query(connection, GATE);
        if (tables == null)
            return; // closed, and cleared
        DSLContext dsl = DSL.using(configuration);
        List<String> statements = new ArrayList<>();
        for (PolicyTable root : roots(tables))
            statements.add(dsl.renderInlined(LateChildren.statement(dsl, registry, registry.plan(root))));
        for (int round = 1; ; round++) {
            long deleted = 0;
            for (String statement : statements)
                deleted += Long.parseLong(query(connection, statement));
            if (deleted == 0)
                break;
            if (round == MAX_ROUNDS)
                throw new Failure(new SQLException("softdelete: a cascading soft delete kept finding rows that concurrent"
                    + " transactions added under the rows it deleted, after " + MAX_ROUNDS + " rounds; the transaction"
                    + " must be rolled back and retried", "40001"), null);
        }
        query(connection, CLEAR);
    }

    private Set<PolicyTable> roots(String indexes) {
        Set<PolicyTable> roots = new LinkedHashSet<>();
        for (String index : indexes.split(","))
            roots.add(registry.tables().get(Integer.parseInt(index.trim())));
        return roots;
    }

    // The first column of the statement's one row.
    private static String query(Connection connection, String sql) throws Failure {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet result = statement.executeQuery()) {
            return result.next() ? result.getString(1) : null;
        } catch (SQLException e) {
            throw new Failure(e, sql);
        }
    }

    /** A statement of the settlement failed: the error, and the SQL that raised it (null for the library's own). */
    static final class Failure extends Exception {

        private static final long serialVersionUID = 1L;

        private final transient String sql;

        Failure(SQLException error, String sql) {
            super(error);
            this.sql = sql;
        }

        SQLException error() {
            return (SQLException) getCause();
        }

        String sql() {
            return sql;
        }
    }
}
