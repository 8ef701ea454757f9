package io.github.softdelete.examples;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database the demo creates on the PostgreSQL server of {@code --jdbc-url} (MariaDB's: {@link MariaDbScratchDatabase})
 * and drops when it ends, so that it
 * starts from an empty schema and never writes to a database that holds someone's data. The URL's own
 * database is used only to connect and to run {@code CREATE DATABASE} and {@code DROP DATABASE}.
 */
final class ScratchDatabase implements DemoDatabase {

    // PostgreSQL's SQLSTATE for a role without CREATEDB.
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final int TIMEOUT_SECONDS = 10;

    private final PGSimpleDataSource admin;
    private final PGSimpleDataSource scratch;
    private final String url;

    private ScratchDatabase(PGSimpleDataSource admin, PGSimpleDataSource scratch, String url) {
        this.admin = admin;
        this.scratch = scratch;
        this.url = url;
    }

    /**
     * Connects to {@code url} and creates a database named {@code softdelete_demo_<random>} beside it.
     *
     * @throws UnusableDatabaseException when the URL is malformed, the server cannot be reached or
     *                                   refuses the login, or the role may not create databases
     */
    static ScratchDatabase create(String url, String user, String password) throws UnusableDatabaseException {
        String shown = Arguments.withoutParameters(url);
        PGSimpleDataSource admin = dataSource(url, user, password, shown);
        String name = "softdelete_demo_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        try (Connection connection = connect(admin, shown); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            if (INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                throw new UnusableDatabaseException(roleOf(admin) + " may not create databases on " + shown
                        + ", and the demo runs in a scratch database that it creates and drops. Grant it with"
                        + " ALTER ROLE " + (admin.getUser() == null ? "<role>" : admin.getUser())
                        + " CREATEDB, or pass another --user", e);
            }
            throw new UnusableDatabaseException("creating the scratch database " + name + " on " + shown
                    + " failed: " + sentence(e) + " Check the server, or leave out --jdbc-url to run on embedded"
                    + " PostgreSQL", e);
        }
        PGSimpleDataSource scratch = dataSource(url, user, password, shown);
        scratch.setDatabaseName(name);
        return new ScratchDatabase(admin, scratch, shown);
    }

    @Override
    public DataSource dataSource() {
        return scratch;
    }

    @Override
    public String description() {
        return "your server at " + url + ", in the scratch database " + scratch.getDatabaseName()
                + " (dropped at the end)";
    }

    @Override
    public void close() {
        try {
            execute(admin, "DROP DATABASE IF EXISTS " + scratch.getDatabaseName());
        } catch (SQLException e) {
            throw new IllegalStateException("dropping the demo's scratch database " + scratch.getDatabaseName()
                    + " on " + url + " failed: " + sentence(e) + " Drop it by hand", e);
        }
    }

    private static PGSimpleDataSource dataSource(String url, String user, String password, String shown)
            throws UnusableDatabaseException {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        try {
            dataSource.setURL(url);
        } catch (IllegalArgumentException e) {
            throw new UnusableDatabaseException("--jdbc-url " + shown + " is not a JDBC URL the PostgreSQL driver"
                    + " understands; pass one like jdbc:postgresql://localhost:5432/postgres", e);
        }
        if (user != null) {
            dataSource.setUser(user);
        }
        if (password != null) {
            dataSource.setPassword(password);
        }
        // An unreachable host should fail in seconds, not after the operating system's TCP timeout.
        dataSource.setConnectTimeout(TIMEOUT_SECONDS);
        dataSource.setLoginTimeout(TIMEOUT_SECONDS);
        return dataSource;
    }

    private static Connection connect(PGSimpleDataSource dataSource, String shown) throws UnusableDatabaseException {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new UnusableDatabaseException("cannot connect to " + shown + " as " + roleOf(dataSource) + ": "
                    + sentence(e) + " Check --jdbc-url, --user and --password, or leave them out to run on"
                    + " embedded PostgreSQL", e);
        }
    }

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String roleOf(PGSimpleDataSource dataSource) {
        return dataSource.getUser() == null ? "the driver's default role" : "role \"" + dataSource.getUser() + "\"";
    }

    /** The driver's message on one line, ending with a period, to be followed by what to do. */
    static String sentence(SQLException e) {
        String message = e.getMessage() == null ? "no message" : e.getMessage().replaceAll("\\s+", " ").trim();
        return message.endsWith(".") ? message : message + ".";
    }
}
