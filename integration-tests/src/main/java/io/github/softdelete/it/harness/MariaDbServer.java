package io.github.softdelete.it.harness;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;

/**
 * A running MariaDB server that hands out freshly migrated databases.
 *
 * <p>MariaDB has no template databases, so every {@link #createMigratedDatabase(String)} runs the
 * Flyway migrations of {@link #MIGRATIONS} (about a quarter of a second). Databases are named
 * {@code softdelete_<label>_<random>}, in {@code utf8mb4} with the case-sensitive {@code utf8mb4_bin}
 * collation whatever the server's default, and are dropped on {@link TestDatabase#close()} or, at the
 * latest, when this server is closed.
 *
 * <p>Every connection the harness makes carries {@link #SESSION_PARAMETERS}: the session runs in UTC
 * with a case-sensitive collation, and the driver converts {@code OffsetDateTime} values to UTC (see
 * {@link TestDatabase#settings()}).
 *
 * <p>Thread-safe.
 */
public final class MariaDbServer implements AutoCloseable {

    /** Flyway location of the reference schema's migrations for MariaDB. */
    public static final String MIGRATIONS = "classpath:db/mariadb";

    /**
     * MariaDB Connector/J parameters on every harness connection:
     * <ul>
     *   <li>the session's time zone is UTC (forceConnectionTimeZoneToSession), so {@code NOW(6)} gives
     *       UTC, and {@code OffsetDateTime} values bound by jOOQ are written in UTC too
     *       (preserveInstants); without the latter the driver writes them in the JVM's default zone;
     *   <li>the connection's collation is utf8mb4_bin, as the databases': the driver's default,
     *       utf8mb4_general_ci, would make {@code 'Bob' = 'bob'} true wherever no column decides the
     *       collation (two literals or parameters), unlike PostgreSQL.
     * </ul>
     */
    static final String SESSION_PARAMETERS = "connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true"
            + "&preserveInstants=true&connectionCollation=utf8mb4_bin";

    private static final String CHARSET = "CHARACTER SET utf8mb4 COLLATE utf8mb4_bin";

    private final String source;
    private final JdbcUrl adminUrl;
    private final String user;
    private final String password;
    private final AutoCloseable stop;
    private final Supplier<Optional<String>> lost;
    private final Set<String> databases = ConcurrentHashMap.newKeySet();

    /**
     * @param lost why the server is gone if it ended on its own (see {@link #lost()}); empty while it runs, and
     *             always for a server the harness did not start
     */
    MariaDbServer(String source, JdbcUrl adminUrl, String user, String password, AutoCloseable stop,
            Supplier<Optional<String>> lost) {
        this.source = source;
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.stop = stop;
        this.lost = lost;
    }

    /**
     * Why a server the harness started is gone, if it ended on its own (a crash): its exit and the end of its error
     * log, which names the query it was running. Empty while it runs, and for a server of {@code SOFTDELETE_MARIADB_URL}.
     */
    public Optional<String> lost() {
        return lost.get();
    }

    /** Where this server came from, e.g. "mariadbd installed on this machine (/usr/sbin/mariadbd)". */
    public String source() {
        return source;
    }

    /**
     * Creates a database holding the migrated reference schema and no rows.
     *
     * @param label a readable part of the database's name, such as the test class's name
     * @throws IllegalStateException when the server refuses, for example for lack of privileges
     */
    public TestDatabase createMigratedDatabase(String label) {
        String name = uniqueName(label);
        executeAdmin("CREATE DATABASE " + quote(name) + " " + CHARSET);
        databases.add(name);
        try {
            Flyway.configure()
                    .dataSource(jdbcUrl(name), user, password)
                    .locations(MIGRATIONS)
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            dropDatabase(name);
            throw e;
        }
        return new TestDatabase(this, name);
    }

    /** Same as {@link #createMigratedDatabase(String)} with a generic label. */
    public TestDatabase createMigratedDatabase() {
        return createMigratedDatabase("db");
    }

    /**
     * Drops every database this server created and stops the server if the harness started it.
     * Leave {@link MariaDbServers#shared()} alone: a shutdown hook closes it when the JVM exits.
     */
    @Override
    public synchronized void close() {
        for (String database : databases) {
            try {
                dropDatabase(database);
            } catch (IllegalStateException e) {
                // Leave it: stopping the server matters more, and the name says who made it.
            }
        }
        try {
            stop.close();
        } catch (Exception e) {
            throw new IllegalStateException("stopping " + source + " failed: " + e.getMessage(), e);
        }
    }

    JdbcUrl adminUrl() {
        return adminUrl;
    }

    String version() {
        try (Connection connection = connect(adminUrl.database()); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT VERSION()")) {
            result.next();
            return result.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the version of " + adminUrl + " failed: " + e.getMessage(), e);
        }
    }

    String jdbcUrl(String database) {
        return adminUrl.withDatabase(database, SESSION_PARAMETERS);
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(jdbcUrl(database), properties);
    }

    void dropDatabase(String name) {
        if (databases.remove(name)) {
            // MariaDB has no DROP DATABASE ... WITH (FORCE): end the connections a test left open on it
            // (an unclosed pool, a transaction left open), whose metadata locks would block the drop.
            // Connections elsewhere that touched its tables can still hold one: wait for them 10 s at most.
            try (Connection connection = connect(adminUrl.database()); Statement statement = connection.createStatement()) {
                for (long id : connectionsOn(connection, name)) {
                    try {
                        statement.execute("KILL CONNECTION " + id);
                    } catch (SQLException e) {
                        // Gone already, or another user's: the drop's lock wait says what is left.
                    }
                }
                statement.execute("SET SESSION lock_wait_timeout = 10");
                statement.execute("DROP DATABASE IF EXISTS " + quote(name));
            } catch (SQLException e) {
                throw new IllegalStateException("DROP DATABASE " + name + " on " + adminUrl + " (" + source
                        + ") failed: " + e.getMessage() + lostSuffix(), e);
            }
        }
    }

    private static List<Long> connectionsOn(Connection connection, String database) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()")) {
            statement.setString(1, database);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    ids.add(result.getLong(1));
                }
            }
        }
        return ids;
    }

    private void executeAdmin(String sql) {
        try (Connection connection = connect(adminUrl.database()); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            if (e.getErrorCode() == 1044) { // ER_DBACCESS_DENIED_ERROR
                String account = user == null ? "<user>" : "'" + user + "'@'%'";
                throw new IllegalStateException("User " + (user == null ? "of the URL" : "\"" + user + "\"")
                        + " may not create databases on " + adminUrl + " (" + source + "), but the harness creates"
                        + " one per test class. Have an administrator run GRANT ALL PRIVILEGES ON `softdelete\\_%`.* TO "
                        + account + "; or set " + MariaDbEnvironmentSource.USER + " to a user that may.", e);
            }
            throw new IllegalStateException(sql + " on " + adminUrl + " (" + source + ") failed: " + e.getMessage() + lostSuffix(), e);
        }
    }

    private String lostSuffix() {
        return lost().map(why -> "\n" + why).orElse("");
    }

    private static String uniqueName(String label) {
        String clean = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        // MariaDB allows 64 characters in a database name; truncating the label keeps the suffix unique.
        int room = 64 - "softdelete__".length() - suffix.length();
        return "softdelete_" + clean.substring(0, Math.min(clean.length(), room)) + "_" + suffix;
    }

    private static String quote(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }
}
