package io.github.softdelete.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.postgresql.Driver;

/**
 * One connection to the database, opened from the options, and plain jOOQ on it, in the dialect the URL names:
 * {@code jdbc:postgresql:} is PostgreSQL's, {@code jdbc:mariadb:} MariaDB's.
 *
 * <p>A URL or login that reaches no database is told apart from other failures by SQLSTATE (and MariaDB's error
 * code for an unknown database, whose SQLSTATE 42000 also stands for a syntax error), never by the message's words
 * (servers speak many languages): class 08 (connection), 28 (authorization) and 3D (no such database) mean the
 * arguments are wrong, exit code 2.
 */
final class Database implements AutoCloseable {

    private static final String POSTGRES_SCHEME = "jdbc:postgresql:";
    private static final String MARIADB_SCHEME = "jdbc:mariadb:";
    // MariaDB's ER_BAD_DB_ERROR: the URL names a database that does not exist.
    private static final int UNKNOWN_DATABASE = 1049;

    private final Connection connection;
    private final DSLContext plain;
    private final String schema;

    private Database(Connection connection, SQLDialect dialect, String schema) {
        this.connection = connection;
        // MariaDB: an OffsetDateTime (a purge's cutoff) bound as an object, which the driver converts to the
        // connection's time zone; jOOQ's default binds it as text with an offset, which strict mode refuses (1292).
        this.plain = DSL.using(connection, dialect, new Settings().withExecuteLogging(false).withRenderSchema(true)
            .withBindOffsetDateTimeType(dialect == SQLDialect.MARIADB));
        this.schema = schema;
    }

    static Database open(ConnectionOptions options) {
        SQLDialect dialect = dialect(options.jdbcUrl);
        Properties properties = new Properties();
        if (options.user != null)
            properties.setProperty("user", options.user);
        String password = options.password != null ? options.password
            : dialect == SQLDialect.POSTGRES ? System.getenv("PGPASSWORD") : null;
        if (password != null && !password.isEmpty())
            properties.setProperty("password", password);
        if (dialect == SQLDialect.MARIADB)
            serverTimeZone(options.jdbcUrl, properties);
        Connection connection;
        try {
            connection = DriverManager.getConnection(options.jdbcUrl, properties);
        } catch (SQLException e) {
            String state = e.getSQLState();
            if (state == null || state.startsWith("08") || state.startsWith("28") || state.startsWith("3D")
                || dialect == SQLDialect.MARIADB && e.getErrorCode() == UNKNOWN_DATABASE)
                throw new UnusableDatabaseException("cannot connect with --jdbc-url " + options.jdbcUrl
                    + (state == null ? "" : " (SQLSTATE " + state + ")") + ": " + e.getMessage()
                    + "; check the URL, --user and --password", e);
            throw new IllegalStateException("connecting to " + options.jdbcUrl + " failed (SQLSTATE " + state + "): "
                + e.getMessage(), e);
        }
        try {
            return new Database(connection, dialect, options.schema != null ? options.schema : defaultSchema(connection, dialect));
        } catch (RuntimeException e) {
            close(connection);
            throw e;
        }
    }

    // The driver's own parser says whether it can use the URL. PostgreSQL's reports an unparseable URL on connect
    // with SQLSTATE 99999, which also stands for any unexpected error, so it cannot be told apart there.
    private static SQLDialect dialect(String url) {
        if (url.startsWith(POSTGRES_SCHEME)) {
            if (Driver.parseURL(url, null) == null)
                throw new UsageException("--jdbc-url " + url + " is not a URL the PostgreSQL driver can read (a port"
                    + " from 1 to 65535, properties as ?name=value); use the form jdbc:postgresql://host:port/database");
            return SQLDialect.POSTGRES;
        }
        if (url.startsWith(MARIADB_SCHEME)) {
            try {
                if (org.mariadb.jdbc.Configuration.parse(url) != null)
                    return SQLDialect.MARIADB;
            } catch (SQLException e) {
                // Reported below, with the form to use.
            }
            throw new UsageException("--jdbc-url " + url + " is not a URL the MariaDB driver can read; use the form"
                + " jdbc:mariadb://host:port/database");
        }
        throw new UsageException("--jdbc-url must be a PostgreSQL or MariaDB JDBC URL such as"
            + " jdbc:postgresql://localhost:5432/app or jdbc:mariadb://localhost:3306/app; it was " + url);
    }

    // Markers are written by the server's clock (NOW(6)) in the session's time zone, which is the server's unless
    // the application sets another. Unless the URL says otherwise, instants the tool binds (a purge's cutoff) and
    // reads are converted in the server's time zone, so that they compare with those markers as instants.
    private static void serverTimeZone(String url, Properties properties) {
        if (!url.contains("connectionTimeZone="))
            properties.setProperty("connectionTimeZone", "SERVER");
        if (!url.contains("preserveInstants="))
            properties.setProperty("preserveInstants", "true");
    }

    // PostgreSQL: public, where tables go unless told otherwise. MariaDB: a schema is a database, the URL's.
    private static String defaultSchema(Connection connection, SQLDialect dialect) {
        if (dialect == SQLDialect.POSTGRES)
            return "public";
        try {
            String database = connection.getCatalog();
            if (database == null || database.isEmpty())
                throw new UsageException("--jdbc-url names no database, and on MariaDB the tables to work on are a"
                    + " database's: add it to the URL, as in jdbc:mariadb://localhost:3306/app, or pass --schema app");
            return database;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the connection's database failed: " + e.getMessage(), e);
        }
    }

    /** jOOQ on this connection, without any listener. */
    DSLContext plain() {
        return plain;
    }

    /** The schema to work on: {@code --schema}, else {@code public} on PostgreSQL and the URL's database on MariaDB. */
    String schema() {
        return schema;
    }

    @Override
    public void close() {
        close(connection);
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // The work is done or failed already; a failed close changes nothing for the user.
        }
    }
}
