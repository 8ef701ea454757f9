package io.github.softdelete.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.LongAdder;

import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.jooq.impl.DefaultTransactionListenerProvider;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.it.db.SoftDeletes;
import io.github.softdelete.it.harness.PostgresServers;
import io.github.softdelete.it.harness.TestDatabase;

/**
 * One JDBC connection to a benchmark's dataset, and the two jOOQ contexts on it: plain jOOQ, and jOOQ
 * with the soft-delete listener installed for the reference schema. A benchmark thread keeps one for
 * the whole run, so the figures hold queries, not connection set-up.
 *
 * <p>The database comes from the system properties that {@link Benchmarks} passes to JMH's forks;
 * without them (a benchmark started from an IDE), the fork creates and seeds its own, once per JVM.
 * The password, if any, is read from {@code SOFTDELETE_JDBC_PASSWORD}, never from the command line.
 *
 * <p>Not thread-safe, like the JDBC connection it holds.
 */
final class BenchmarkConnection implements AutoCloseable {

    private static final Map<Dataset, TestDatabase> OWN_DATABASES = new EnumMap<>(Dataset.class);

    private final Connection connection;
    private final DSLContext plain;
    private final DSLContext softDeleting;
    private final DSLContext softDeletingWithListener;

    /** The rows every counting listener heard: read by nobody, kept so that the listener's work is not optimised away. */
    static final LongAdder HEARD = new LongAdder();

    private BenchmarkConnection(Connection connection, RoundTrips roundTrips) {
        this.connection = connection;
        this.plain = DSL.using(configuration(connection, roundTrips));
        this.softDeleting = DSL.using(SoftDelete.install(configuration(connection, roundTrips), SoftDeletes.POLICY));
        this.softDeletingWithListener = DSL.using(SoftDelete.install(configuration(connection, roundTrips), SoftDeletes.POLICY,
            event -> event.tables().forEach(change -> HEARD.add(change.rows()))));
    }

    /** Connects to {@code dataset}, as given by {@link Benchmarks} or else a database of its own. */
    static BenchmarkConnection open(Dataset dataset) throws SQLException {
        String url = System.getProperty(dataset.urlProperty());
        if (url == null)
            return open(ownDatabase(dataset), null);
        Properties properties = new Properties();
        String user = System.getProperty(dataset.userProperty());
        String password = System.getenv("SOFTDELETE_JDBC_PASSWORD");
        if (user != null)
            properties.setProperty("user", user);
        if (password != null)
            properties.setProperty("password", password);
        return new BenchmarkConnection(DriverManager.getConnection(url, properties), null);
    }

    /**
     * Connects to a database of the harness, for the report's own checks and for tests.
     *
     * @param roundTrips counts the statements and commits of both contexts, or null
     */
    static BenchmarkConnection open(TestDatabase database, RoundTrips roundTrips) throws SQLException {
        return new BenchmarkConnection(database.dataSource().getConnection(), roundTrips);
    }

    /** Wraps a connection the caller opened (through {@link LatencyProxy}, say); closing this closes it. */
    static BenchmarkConnection of(Connection connection, RoundTrips roundTrips) {
        return new BenchmarkConnection(connection, roundTrips);
    }

    /** Plain jOOQ: no listener, so every {@code deleted_at IS NULL} is written by hand. */
    DSLContext plain() {
        return plain;
    }

    /** jOOQ with the soft-delete listener and the reference schema's policy ({@link SoftDeletes#POLICY}). */
    DSLContext softDeleting() {
        return softDeleting;
    }

    /** As {@link #softDeleting()}, with a listener that counts the rows each operation changed (issue 26). */
    DSLContext softDeletingWithListener() {
        return softDeletingWithListener;
    }

    /** The JDBC connection, for set-up statements that jOOQ need not render. */
    Connection jdbc() {
        return connection;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    private static Configuration configuration(Connection connection, RoundTrips roundTrips) {
        Configuration configuration = new DefaultConfiguration().set(connection).set(SQLDialect.POSTGRES);
        // Set before SoftDelete.install, which keeps them: set(ExecuteListenerProvider...) replaces all.
        if (roundTrips != null)
            configuration.set(new DefaultExecuteListenerProvider(roundTrips))
                .set(new DefaultTransactionListenerProvider(roundTrips));
        return configuration;
    }

    private static synchronized TestDatabase ownDatabase(Dataset dataset) throws SQLException {
        TestDatabase database = OWN_DATABASES.get(dataset);
        if (database == null) {
            database = PostgresServers.shared().createMigratedDatabase("bench_" + dataset.name());
            try (Connection connection = database.dataSource().getConnection()) {
                dataset.seed(connection);
            }
            OWN_DATABASES.put(dataset, database);
        }
        return database;
    }
}
