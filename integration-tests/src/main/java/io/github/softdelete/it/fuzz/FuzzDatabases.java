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

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeletePolicy;
import io.github.softdelete.it.db.SoftDeletes;
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
 * Rows are removed with foreign-key enforcement suspended ({@code session_replication_role = replica},
 * which needs a superuser, as the embedded and container servers give), so nothing cascades: tables that
 * are not soft-deletable keep all their rows, and live rows that reference deleted ones keep their
 * references, exactly as the listener sees them. Outside that setup the keys are enforced, so a DELETE
 * on the live oracle applies the database's own ON DELETE rules.
 *
 * <p>The listener side installs the generated policy {@link SoftDeletes#POLICY}, whose ON DELETE rules
 * the code generator read from the catalog.
 *
 * <p>Not thread-safe: one run at a time.
 */
public final class FuzzDatabases implements AutoCloseable {

    private static final List<Table<?>> SOFT_DELETABLE = List.of(LIKES, COMMENTS, POSTS, CATEGORIES, USERS);

    private final List<TestDatabase> databases = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();
    private final RandomDataset dataset;
    final DSLContext fullPlain;
    final DSLContext softDeleting;
    final DSLContext includeDeleted;
    final DSLContext onlyDeleted;
    final DSLContext liveOracle;
    final DSLContext deletedOracle;
    /** Contexts without the listener over SoftDelete.dataSource(...): queries go there as SQL text. */
    private final Map<Mode, DSLContext> sqlText = new EnumMap<>(Mode.class);

    private FuzzDatabases(PostgresServer server, RandomDataset dataset, SoftDeletePolicy policy) {
        this.dataset = dataset;
        Connection full = open(server, "fuzz_full");
        Connection live = open(server, "fuzz_live");
        Connection deleted = open(server, "fuzz_deleted");
        fullPlain = DSL.using(full, SQLDialect.POSTGRES);
        softDeleting = DSL.using(SoftDelete.install(new DefaultConfiguration().set(full).set(SQLDialect.POSTGRES), policy));
        includeDeleted = SoftDelete.includeDeleted(softDeleting);
        onlyDeleted = SoftDelete.onlyDeleted(softDeleting);
        liveOracle = DSL.using(live, SQLDialect.POSTGRES);
        deletedOracle = DSL.using(deleted, SQLDialect.POSTGRES);
        for (Mode mode : Mode.values())
            sqlText.put(mode, DSL.using(SoftDelete.dataSource(underTest(mode).configuration()), SQLDialect.POSTGRES));
        dataset.insert(fullPlain);
        dataset.insert(liveOracle);
        dataset.insert(deletedOracle);
        removeWithoutCascading(liveOracle, true);
        removeWithoutCascading(deletedOracle, false);
        for (DSLContext ctx : List.of(fullPlain, liveOracle, deletedOracle))
            ctx.execute("analyze");
    }

    /**
     * Creates the three databases on {@code server} and loads {@code dataset} into them.
     *
     * @throws IllegalStateException when the server cannot create databases, or its role may not set
     *                               {@code session_replication_role} (it must be a superuser)
     */
    public static FuzzDatabases create(PostgresServer server, RandomDataset dataset) {
        return new FuzzDatabases(server, dataset, SoftDeletes.POLICY);
    }

    /** Like {@link #create(PostgresServer, RandomDataset)}, with another policy under test (to prove the oracle notices). */
    static FuzzDatabases create(PostgresServer server, RandomDataset dataset, SoftDeletePolicy policy) {
        return new FuzzDatabases(server, dataset, policy);
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

    private static void removeWithoutCascading(DSLContext ctx, boolean deletedRows) {
        try {
            ctx.execute("set session_replication_role = replica");
        } catch (DataAccessException e) {
            throw new IllegalStateException("the fuzz oracle removes rows with foreign keys suspended, which needs"
                + " a superuser role; run against the embedded or container server, or give the role of"
                + " SOFTDELETE_JDBC_USER superuser rights (" + e.getMessage() + ")", e);
        }
        for (Table<?> table : SOFT_DELETABLE) {
            var marker = table.field("deleted_at");
            ctx.deleteFrom(table).where(deletedRows ? marker.isNotNull() : marker.isNull()).execute();
        }
        ctx.execute("set session_replication_role = origin");
    }

    private Connection open(PostgresServer server, String label) {
        TestDatabase database = server.createMigratedDatabase(label);
        databases.add(database);
        try {
            Connection connection = database.dataSource().getConnection();
            connections.add(connection);
            try (var statement = connection.createStatement()) {
                // A generated query that runs away fails on both sides alike, instead of hanging the run.
                statement.execute("set statement_timeout = '20s'");
            }
            return connection;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + database + ": " + e.getMessage(), e);
        }
    }

    /** Closes the connections and drops the databases. */
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
