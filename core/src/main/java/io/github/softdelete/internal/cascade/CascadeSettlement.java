package io.github.softdelete.internal.cascade;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import io.github.softdelete.internal.policy.ContextFlags;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.sql.ParentLocks;

/**
 * What follows a cascading soft delete in its transaction at READ COMMITTED: the deletion of the children that
 * concurrent writers added while it ran ({@link LateChildren}), so that no live row is left under a row it
 * deleted.
 *
 * <p>After the statements that left entries ({@link SettlementEntry}), on the same connection, the late-children
 * statement of each table the entries came from, repeated until a round deletes nothing: a child added under a
 * row that a round deleted was committed before that round ended (the round locked the row), so the next round
 * sees it. Then the entries are cleared. Each statement opens with the gate ({@link #GATE}): were there writers?
 * It is open only at READ COMMITTED (at REPEATABLE READ and SERIALIZABLE a later statement sees no more than the
 * delete did, and PostgreSQL reports the conflicts instead: {@link ParentLocks}), and only when a transaction
 * other than this one finished since the first delete's snapshot: one that was running then, or one that started
 * after it. A child the delete missed was committed by such a transaction, since every other one was visible to
 * the delete. Read-only transactions take no transaction ID and do not count. Behind a closed gate the statement
 * reads no row.
 *
 * <p>Usually one extra round trip: the statement of the one table deleted from, which finds nothing late and
 * clears the entries itself; a second round when it stamped rows, and a last statement that clears the entries
 * when the deletes were of several tables. The statements have no bind values; their text is rendered once per
 * table and configuration and kept ({@link #MAX_VARIANTS} per table), and they are sent as prepared statements,
 * which the PostgreSQL driver keeps per connection. Refusals (a RESTRICT key, a missing actor) come back as the
 * statement's SQLException, to be translated by the caller like any of the library's refusals
 * ({@code StatementRefusals}).
 *
 * <p>Thread-safe: the kept texts are immutable arrays, replaced under the instance's lock.
 */
public final class CascadeSettlement {

    /** Rounds after which the settlement gives up, refusing with a retryable SQLSTATE, rather than loop on. */
    static final int MAX_ROUNDS = 50;

    /** Texts kept per table and clearing mode: configurations of different settings or flags. */
    static final int MAX_VARIANTS = 4;

    /**
     * The gate, one boolean {@code open}: at READ COMMITTED, a transaction other than this one finished since the
     * snapshot {@code softdelete.since}: one that was running then (in its xip, no longer in the current one's),
     * or one whose ID came after it ([since.xmax, now.xmax) minus the IDs still running and this transaction's
     * own). Plain SQL of the library's, without bind values, casts in the {@code CAST} form and no braces, as
     * jOOQ's plain SQL templates want it.
     */
    static final String GATE = "select current_setting('transaction_isolation') = 'read committed' and n > 0 and since is not null and ("
        + "exists (select 1 from pg_snapshot_xip(since) a where a is distinct from own and not (a = any (array(select pg_snapshot_xip(now_)))))"
        + " or (cast(cast(pg_snapshot_xmax(now_) as text) as numeric) - cast(cast(pg_snapshot_xmax(since) as text) as numeric))"
        + " - (select count(*) from pg_snapshot_xip(now_) b where b >= pg_snapshot_xmax(since))"
        + " - case when own >= pg_snapshot_xmax(since) and own < pg_snapshot_xmax(now_) then 1 else 0 end > 0) as open"
        + " from (select cast(coalesce(nullif(current_setting('softdelete.n', true), ''), '0') as int) as n,"
        + " cast(nullif(current_setting('softdelete.since', true), '') as pg_snapshot) as since,"
        + " pg_current_snapshot() as now_, pg_current_xact_id_if_assigned() as own) as softdelete_state";

    static final String CLEAR = "select set_config('softdelete.n', '0', true), set_config('softdelete.since', '', true)";

    private final TableRegistry registry;
    private volatile Kept[] kept = new Kept[0];

    // The text of one table's statement, rendered under a dialect, settings (a copy, typed Object as in RenderKey)
    // and flags (the actor aside: the statement copies each entry's).
    private record Kept(int table, boolean clears, SQLDialect dialect, Object settings, ContextFlags flags, String sql) {

        boolean matches(int table, boolean clears, Configuration configuration, ContextFlags flags) {
            return this.table == table && this.clears == clears && dialect == configuration.dialect()
                && this.flags.equals(flags) && settings.equals(configuration.settings());
        }
    }

    public CascadeSettlement(TableRegistry registry) {
        this.registry = registry;
    }

    /** The policy indexes of the tables whose deletes in this SQL (or batch, when not null) leave entries; empty for none. */
    public static Set<Integer> entryTables(String sql, String[] batch) {
        Set<Integer> tables = new TreeSet<>();
        SettlementEntry.tables(sql, tables);
        if (batch != null)
            for (String one : batch)
                SettlementEntry.tables(one, tables);
        return tables;
    }

    /**
     * Settles the entries that deletes of {@code tables} (policy indexes) left in the transaction of
     * {@code connection}. {@code configuration} renders the late-children statements as the deletes were rendered
     * (with the library's listener and the same settings).
     *
     * @return what the delete and its settlement stamped, where the policy has listeners (else no figures)
     * @throws Failure when a statement fails: the error, and the SQL that raised it, for the caller to translate
     */
    Figures settle(Connection connection, Configuration configuration, Set<Integer> tables) throws Failure {
        boolean alone = tables.size() == 1;
        List<String> statements = new ArrayList<>();
        for (int table : tables)
            if (table < registry.tables().size()) // a literal of the user's that looks like a mark: SettlementEntry.tables
                statements.add(statement(table, alone, configuration));
        Figures figures = new Figures();
        for (int round = 1; ; round++) {
            long deleted = 0;
            for (String statement : statements) {
                String[] row = row(connection, statement);
                deleted += Long.parseLong(row[0]);
                figures.add(row);
            }
            if (deleted == 0)
                break;
            if (round == MAX_ROUNDS)
                throw new Failure(new SQLException("softdelete: a cascading soft delete kept finding rows that concurrent"
                    + " transactions added under the rows it deleted, after " + MAX_ROUNDS + " rounds; the transaction"
                    + " must be rolled back and retried", "40001"), null);
        }
        if (!alone)
            row(connection, CLEAR);
        return figures;
    }

    /**
     * What one cascading soft delete stamped, besides its outer UPDATE's rows (the statement's own count): its steps'
     * rows and the late rows of its settlement, per table of the policy, and its stamp. Only where the policy has
     * listeners, for one delete per settlement (the listeners refuse JDBC batches of them); else empty. Not thread-safe.
     */
    public static final class Figures {

        private final Map<Integer, Long> stamped = new TreeMap<>();
        private Instant stamp;

        Figures() {
        }

        // The listeners' columns of a row of the settlement (LateChildren.statement): late rows per table every round,
        // and the entry's counts and stamp, the same every round.
        void add(String[] row) {
            if (row.length < 5)
                return;
            addCounts(row[2]);
            if (stamp == null && row[4] != null) {
                addCounts(row[3]);
                stamp = OffsetDateTime.parse(row[4]).toInstant();
            }
        }

        // "index:count,index:count[,]"
        void addCounts(String counts) {
            if (counts == null)
                return;
            for (String one : counts.split(",")) {
                int colon = one.indexOf(':');
                if (colon > 0)
                    stamped.merge(Integer.parseInt(one.substring(0, colon)), Long.parseLong(one.substring(colon + 1)), Long::sum);
            }
        }

        /** The rows stamped per policy index, the outer UPDATE's aside. */
        public Map<Integer, Long> stamped() {
            return Collections.unmodifiableMap(stamped);
        }

        /** The delete's stamp, when the settlement read it. */
        public Optional<Instant> stamp() {
            return Optional.ofNullable(stamp);
        }
    }

    // The kept text of the table's statement under this configuration, rendered when there is none.
    private String statement(int table, boolean clears, Configuration configuration) {
        ContextFlags flags = withoutActor(ContextFlags.of(configuration));
        for (Kept one : kept)
            if (one.matches(table, clears, configuration, flags))
                return one.sql();
        // The statement holds the gate, plain SQL of the library's own: the flag sends it as written, never parsed.
        DSLContext dsl = flags.withPlainSql().applyTo(DSL.using(configuration));
        String sql = dsl.renderInlined(LateChildren.statement(dsl, registry, registry.plan(registry.tables().get(table)), clears));
        keep(new Kept(table, clears, configuration.dialect(), configuration.settings().clone(), flags, sql));
        return sql;
    }

    private synchronized void keep(Kept text) {
        int variants = 0;
        for (Kept one : kept)
            if (one.table() == text.table() && one.clears() == text.clears())
                variants++;
        if (variants >= MAX_VARIANTS)
            return;
        Kept[] more = Arrays.copyOf(kept, kept.length + 1);
        more[kept.length] = text;
        kept = more;
    }

    private static ContextFlags withoutActor(ContextFlags flags) {
        return flags.actor() == null ? flags
            : new ContextFlags(flags.readMode(), flags.hardDelete(), flags.markerWrites(), flags.deletedParents(), flags.plainSql(), null);
    }

    // The columns of the statement's one row, as text.
    private static String[] row(Connection connection, String sql) throws Failure {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet result = statement.executeQuery()) {
            if (!result.next())
                return new String[] { "0" };
            String[] row = new String[result.getMetaData().getColumnCount()];
            for (int i = 0; i < row.length; i++)
                row[i] = result.getString(i + 1);
            return row;
        } catch (SQLException e) {
            throw new Failure(e, sql);
        }
    }

    /** A statement of the settlement failed: the error, and the SQL that raised it (null for the library's own). */
    public static final class Failure extends Exception {

        private static final long serialVersionUID = 1L;

        private final transient String sql;

        Failure(SQLException error, String sql) {
            super(error);
            this.sql = sql;
        }

        public SQLException error() {
            return (SQLException) getCause();
        }

        public String sql() {
            return sql;
        }
    }
}
