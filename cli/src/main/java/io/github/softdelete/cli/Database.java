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
 * One connection to the database, opened from the options, and plain jOOQ on it.
 *
 * <p>A URL or login that reaches no database is told apart from other failures by SQLSTATE, never by
 * the message's words (servers speak many languages): class 08 (connection), 28 (authorization) and
 * 3D (no such database) mean the arguments are wrong, exit code 2.
 */
final class Database implements AutoCloseable {

    private final Connection connection;
    private final DSLContext plain;

    private Database(Connection connection) {
        this.connection = connection;
        this.plain = DSL.using(connection, SQLDialect.POSTGRES,
            new Settings().withExecuteLogging(false).withRenderSchema(true));
    }

    static Database open(ConnectionOptions options) {
        if (!options.jdbcUrl.startsWith("jdbc:postgresql:"))
            throw new UsageException("--jdbc-url must be a PostgreSQL JDBC URL such as"
                + " jdbc:postgresql://localhost:5432/app; it was " + options.jdbcUrl);
        // The driver's own parser says whether it can use the URL: on connect it reports an unparseable URL
        // with SQLSTATE 99999, which also stands for any unexpected error, so it cannot be told apart there.
        if (Driver.parseURL(options.jdbcUrl, null) == null)
            throw new UsageException("--jdbc-url " + options.jdbcUrl + " is not a URL the PostgreSQL driver can read (a port"
                + " from 1 to 65535, properties as ?name=value); use the form jdbc:postgresql://host:port/database");
        Properties properties = new Properties();
        if (options.user != null)
            properties.setProperty("user", options.user);
        if (options.password != null && !options.password.isEmpty())
            properties.setProperty("password", options.password);
        try {
            return new Database(DriverManager.getConnection(options.jdbcUrl, properties));
        } catch (SQLException e) {
            String state = e.getSQLState();
            if (state == null || state.startsWith("08") || state.startsWith("28") || state.startsWith("3D"))
                throw new UnusableDatabaseException("cannot connect with --jdbc-url " + options.jdbcUrl
                    + (state == null ? "" : " (SQLSTATE " + state + ")") + ": " + e.getMessage()
                    + "; check the URL, --user and --password", e);
            throw new IllegalStateException("connecting to " + options.jdbcUrl + " failed (SQLSTATE " + state + "): "
                + e.getMessage(), e);
        }
    }

    /** jOOQ on this connection, without any listener. */
    DSLContext plain() {
        return plain;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // The work is done or failed already; a failed close changes nothing for the user.
        }
    }
}
