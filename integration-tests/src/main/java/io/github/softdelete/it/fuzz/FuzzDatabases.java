package io.github.softdelete.it.fuzz;

import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.LIKES;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.CATEGORIES;
import static io.github.softdelete.it.db.Tables.USERS;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteEvent;
import io.github.softdelete.SoftDeletePolicy;
import io.github.softdelete.it.db.SoftDeletes;
import io.github.softdelete.it.harness.MariaDbServer;
import io.github.softdelete.it.harness.PostgresServer;
import io.github.softdelete.it.harness.TestDatabase;

/**
 * The three databases of a fuzz run, each holding {@link RandomDataset} differently, each on one
 * connection that stays open for the run:
 * <ul>
 *   <li><b>full</b>: every row, live and deleted. Queried through the listener (the side under test)
 *       and without it (the oracle for {@link Mode#INCLUDE_DELETED}).</li>
 *   <li><b>live</b>: the oracle for {@link Mode#LIVE} and for statements: the deleted rows physically
 *       removed.</li>
 *   <li><b>deleted</b>: the oracle for {@link Mode#ONLY_DELETED}: the live rows of soft-deletable tables
 *       physically removed.</li>
 * </ul>
 * Rows are removed with foreign-key enforcement suspended ({@link Engine#enforceForeignKeys}: on PostgreSQL
 * {@code session_replication_role = replica}, which needs a superuser, as the embedded and container servers
 * give; on MariaDB {@code foreign_key_checks = 0}), so nothing cascades: tables that
 * are not soft-deletable keep all their rows, and live rows that reference deleted ones keep their
 * references, exactly as the listener sees them. Outside that setup the keys are enforced, so a DELETE
 * on the live oracle applies the database's own ON DELETE rules.
 *
 * <p>The listener side installs the generated policy {@link SoftDeletes#POLICY}, whose ON DELETE rules
 * the code generator read from the catalog. The three databases are on PostgreSQL or all three on MariaDB,
 * whose contexts carry their database's {@link TestDatabase#settings()} (schema {@code public} of the
 * generated classes rendered as the database).
 *
 * <p>Not thread-safe: one run at a time.
 */
public final class FuzzDatabases implements AutoCloseable {

    private static final List<Table<?>> SOFT_DELETABLE = List.of(LIKES, COMMENTS, POSTS, CATEGORIES, USERS);

    private final List<TestDatabase> databases = new ArrayList<>();
    /**
     * MariaDB's optimizer switches that a mismatching case runs again with on the oracles alone: an answer that changes
     * to the side under test's when one is off was the server's wrong answer ({@code StatementOracle}, {@code ReadOracle}).
     */
    static final List<String> ORACLE_SWITCHES = List.of("derived_merge=off", "table_elimination=off");

    private final List<Connection> connections = new ArrayList<>();
    private final RandomDataset dataset;
    private final Engine engine;
    final DSLContext fullPlain;
    final DSLContext softDeleting;
    final DSLContext includeDeleted;
    final DSLContext onlyDeleted;
    final DSLContext liveOracle;
    final DSLContext deletedOracle;
    /** Contexts without the listener over SoftDelete.dataSource(...): queries go there as SQL text. */
    private final Map<Mode, DSLContext> sqlText = new EnumMap<>(Mode.class);

    /** Why the server is gone, where the harness can tell (a mariadbd it started that crashed). */
    private final Supplier<Optional<String>> serverLost;
    /** What the listener under test told, where it has one ({@link #createListening}); else null. */
    final List<SoftDeleteEvent> heard;

    private FuzzDatabases(Function<String, TestDatabase> newDatabase, Supplier<Optional<String>> serverLost, RandomDataset dataset,
                          SoftDeletePolicy policy, boolean listening) {
        this.dataset = dataset;
        this.serverLost = serverLost;
        this.heard = listening ? new ArrayList<>() : null;
        TestDatabase fullDatabase = open(newDatabase, "fuzz_full");
        TestDatabase liveDatabase = open(newDatabase, "fuzz_live");
        TestDatabase deletedDatabase = open(newDatabase, "fuzz_deleted");
        engine = Engine.of(fullDatabase);
        fullPlain = plain(fullDatabase, connections.get(0));
        Configuration configuration = new DefaultConfiguration().set(connections.get(0)).set(engine.dialect()).set(fullDatabase.settings());
        softDeleting = DSL.using(listening ? SoftDelete.install(configuration, policy, heard::add) : SoftDelete.install(configuration, policy));
        includeDeleted = SoftDelete.includeDeleted(softDeleting);
        onlyDeleted = SoftDelete.onlyDeleted(softDeleting);
        liveOracle = plain(liveDatabase, connections.get(1));
        deletedOracle = plain(deletedDatabase, connections.get(2));
        for (Mode mode : Mode.values())
            sqlText.put(mode, DSL.using(new DefaultConfiguration().set(SoftDelete.dataSource(underTest(mode).configuration()))
                .set(engine.dialect()).set(fullDatabase.settings())));
        dataset.insert(fullPlain);
        dataset.insert(liveOracle);
        dataset.insert(deletedOracle);
        removeWithoutCascading(liveOracle, true);
        removeWithoutCascading(deletedOracle, false);
        for (DSLContext ctx : List.of(fullPlain, liveOracle, deletedOracle))
            engine.analyze(ctx);
    }

    /**
     * Creates the three databases on {@code server} and loads {@code dataset} into them.
     *
     * @throws IllegalStateException when the server cannot create databases, or its role may not set
     *                               {@code session_replication_role} (it must be a superuser)
     */
    public static FuzzDatabases create(PostgresServer server, RandomDataset dataset) {
        return new FuzzDatabases(server::createMigratedDatabase, Optional::empty, dataset, SoftDeletes.POLICY, false);
    }

    /**
     * Creates the three databases on a MariaDB {@code server} (migrated from {@code db/mariadb}) and loads
     * {@code dataset} into them.
     *
     * @throws IllegalStateException when the server cannot create databases
     */
    public static FuzzDatabases create(MariaDbServer server, RandomDataset dataset) {
        return new FuzzDatabases(server::createMigratedDatabase, server::lost, dataset, SoftDeletes.POLICY, false);
    }

    /** Like {@link #create(PostgresServer, RandomDataset)}, with another policy under test (to prove the oracle notices). */
    static FuzzDatabases create(PostgresServer server, RandomDataset dataset, SoftDeletePolicy policy) {
        return new FuzzDatabases(server::createMigratedDatabase, Optional::empty, dataset, policy, false);
    }

    /** Like {@link #create(MariaDbServer, RandomDataset)}, with another policy under test (to prove the oracle notices). */
    static FuzzDatabases create(MariaDbServer server, RandomDataset dataset, SoftDeletePolicy policy) {
        return new FuzzDatabases(server::createMigratedDatabase, server::lost, dataset, policy, false);
    }

    /**
     * As {@link #create(PostgresServer, RandomDataset)}, with a listener installed on the side under test that keeps
     * what it hears in {@link #heard}: the statement oracle then checks each event against the live rows each table
     * lost (issue 26).
     */
    public static FuzzDatabases createListening(PostgresServer server, RandomDataset dataset) {
        return new FuzzDatabases(server::createMigratedDatabase, Optional::empty, dataset, SoftDeletes.POLICY, true);
    }

    /** As {@link #createListening(PostgresServer, RandomDataset)}, on MariaDB. */
    public static FuzzDatabases createListening(MariaDbServer server, RandomDataset dataset) {
        return new FuzzDatabases(server::createMigratedDatabase, server::lost, dataset, SoftDeletes.POLICY, true);
    }

    /** The database the three databases are on. */
    public Engine engine() {
        return engine;
    }

    /** The dataset the databases hold. */
    public RandomDataset dataset() {
        return dataset;
    }

    /** The context under test for a read mode: the full data, through the listener. */
    DSLContext underTest(Mode mode) {
        return switch (mode) {
            case LIVE -> softDeleting;
            case INCLUDE_DELETED -> includeDeleted;
            case ONLY_DELETED -> onlyDeleted;
        };
    }

    /**
     * The context under test for a read mode on the SQL-text path: no listener; its statements are
     * rendered as SQL and sent through {@code SoftDelete.dataSource(...)}, which parses and rewrites them.
     */
    DSLContext sqlTextUnderTest(Mode mode) {
        return sqlText.get(mode);
    }

    /** The oracle for a read mode. */
    DSLContext oracle(Mode mode) {
        return switch (mode) {
            case LIVE -> liveOracle;
            case INCLUDE_DELETED -> fullPlain;
            case ONLY_DELETED -> deletedOracle;
        };
    }

    /** Runs {@code work} with the full and the live database each in a transaction, and rolls both back. */
    <T> T rolledBack(java.util.function.Supplier<T> work) {
        try {
            for (Connection c : connections.subList(0, 2))
                c.setAutoCommit(false);
            try {
                return work.get();
            } finally {
                for (Connection c : connections.subList(0, 2)) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot roll back a fuzzed statement: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work} with MariaDB's table elimination off on every connection of the run, and on again after. Why:
     * MariaDB 10.11 answers {@code x IN (SELECT ... LEFT JOIN (a derived table with a RIGHT JOIN) ... UNION ALL ...)}
     * wrongly with it on (docs/mariadb-facts.md, seed 6489071272224382116, case 5183), for the library's side and a
     * user's own SELECT alike; a case that matches with it off found a server bug, not a library one.
     */
    <T> T withoutTableElimination(java.util.function.Supplier<T> work) {
        try {
            for (Connection connection : connections)
                setOptimizerSwitch(connection, "table_elimination=off");
            return work.get();
        } finally {
            // back to the server's default on every connection, whichever of them the SET above reached
            for (Connection connection : connections)
                setOptimizerSwitch(connection, "default");
        }
    }

    /**
     * Runs {@code work} with {@code optimizerSwitch} (such as {@code derived_merge=off}) on the oracles' connections
     * alone, and MariaDB's default again after: the side under test runs as it always does.
     */
    <T> T onTheOracles(String optimizerSwitch, java.util.function.Supplier<T> work) {
        List<Connection> oracles = connections.subList(1, 3);
        try {
            for (Connection connection : oracles)
                setOptimizerSwitch(connection, optimizerSwitch);
            return work.get();
        } finally {
            for (Connection connection : oracles)
                setOptimizerSwitch(connection, "default");
        }
    }

    private static void setOptimizerSwitch(Connection connection, String value) {
        try (java.sql.Statement statement = connection.createStatement()) {
            statement.execute("set session optimizer_switch = " + ("default".equals(value) ? "default" : "'" + value + "'"));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set MariaDB's optimizer_switch to " + value + ": " + e.getMessage(), e);
        }
    }

    private void removeWithoutCascading(DSLContext ctx, boolean deletedRows) {
        engine.enforceForeignKeys(ctx, false);
        for (Table<?> table : SOFT_DELETABLE) {
            var marker = table.field("deleted_at");
            ctx.deleteFrom(table).where(deletedRows ? marker.isNotNull() : marker.isNull()).execute();
        }
        engine.enforceForeignKeys(ctx, true);
    }

    private TestDatabase open(Function<String, TestDatabase> newDatabase, String label) {
        TestDatabase database = newDatabase.apply(label);
        databases.add(database);
        try {
            Connection connection = database.dataSource().getConnection();
            connections.add(connection);
            // A generated query that runs away fails on both sides alike, instead of hanging the run.
            Engine.of(database).limitStatementTime(connection);
            return database;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + database + ": " + e.getMessage(), e);
        }
    }

    // Plain jOOQ on one connection, with the database's settings (on MariaDB, public rendered as the database).
    private DSLContext plain(TestDatabase database, Connection connection) {
        return DSL.using(new DefaultConfiguration().set(connection).set(engine.dialect()).set(database.settings()));
    }

    /** Closes the connections and drops the databases. */
    /**
     * Why the run cannot go on, if a connection of the run is broken: which one, and where the harness can tell, why the
     * server is gone (a crash report that names the query). Every later case would fail alike on both sides and prove
     * nothing, so a run stops at the case after which this is first present.
     */
    Optional<String> lostConnection() {
        List<String> broken = new ArrayList<>();
        for (int i = 0; i < connections.size(); i++) {
            try {
                if (!connections.get(i).isValid(5))
                    broken.add(databases.get(i).name());
            } catch (SQLException e) {
                broken.add(databases.get(i).name() + " (" + e.getMessage() + ")");
            }
        }
        if (broken.isEmpty())
            return Optional.empty();
        return Optional.of("the connections to " + String.join(", ", broken) + " are broken"
            + serverLost.get().map(why -> ". " + why).orElse(""));
    }

    @Override
    public void close() {
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (SQLException e) {
                // dropping the database below ends it anyway
            }
        }
        for (TestDatabase database : databases)
            database.close();
    }
}
