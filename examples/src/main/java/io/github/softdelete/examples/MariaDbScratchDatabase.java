package io.github.softdelete.examples;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.jooq.SQLDialect;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * {@link ScratchDatabase} on MariaDB: a database the demo creates on the server of a {@code jdbc:mariadb:} URL and
 * drops when it ends. It is created in {@code utf8mb4} with the case-sensitive {@code utf8mb4_bin} collation, so
 * that unique keys and comparisons behave as on PostgreSQL, and the demo's connections run in UTC. The URL's own
 * database, if it names one, is used only to connect.
 */
final class MariaDbScratchDatabase implements DemoDatabase {

    static final String SCHEME = "jdbc:mariadb:";

    // A mode (replication:, sequential:, ...) and the hosts, then the database, then the parameters.
    private static final Pattern URL = Pattern.compile("(jdbc:mariadb:[a-z:]*//[^/?]*)(?:/([^?]*))?(\\?.*)?");
    // MariaDB's ER_DBACCESS_DENIED_ERROR: the user may not create the database.
    private static final int ACCESS_DENIED = 1044;
    // The demo's connections read and write timestamps in UTC, whatever the server's time zone.
    private static final String SESSION = "connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true&preserveInstants=true";

    private final MariaDbDataSource admin;
    private final MariaDbDataSource scratch;
    private final String name;
    private final String url;

    private MariaDbScratchDatabase(MariaDbDataSource admin, MariaDbDataSource scratch, String name, String url) {
        this.admin = admin;
        this.scratch = scratch;
        this.name = name;
        this.url = url;
    }

    /**
     * Connects to {@code url} and creates a database named {@code softdelete_demo_<random>} on its server.
     *
     * @throws UnusableDatabaseException when the URL is malformed, the server cannot be reached or refuses the
     *                                   login, or the user may not create databases
     */
    static MariaDbScratchDatabase create(String url, String user, String password) throws UnusableDatabaseException {
        String shown = Arguments.withoutParameters(url);
        Matcher parts = URL.matcher(url);
        if (!parts.matches())
            throw new UnusableDatabaseException("--jdbc-url " + shown + " is not a MariaDB JDBC URL the demo understands;"
                    + " pass one like jdbc:mariadb://localhost:3306/", null);
        String name = "softdelete_demo_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        MariaDbDataSource admin = dataSource(url, user, password, shown);
        try (Connection connection = connect(admin, shown); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        } catch (SQLException e) {
            if (e.getErrorCode() == ACCESS_DENIED)
                throw new UnusableDatabaseException(userOf(user) + " may not create databases on " + shown + ", and the demo"
                        + " runs in a scratch database that it creates and drops. Grant it with GRANT ALL PRIVILEGES ON"
                        + " `softdelete\\_demo\\_%`.* TO " + (user == null ? "<user>" : user) + ", or pass another --user", e);
            throw new UnusableDatabaseException("creating the scratch database " + name + " on " + shown + " failed: "
                    + ScratchDatabase.sentence(e) + " Check the server, or leave out --jdbc-url to run on embedded"
                    + " PostgreSQL", e);
        }
        String parameters = parts.group(3) == null ? "?" + SESSION : parts.group(3) + "&" + SESSION;
        return new MariaDbScratchDatabase(admin, dataSource(parts.group(1) + "/" + name + parameters, user, password, shown),
                name, shown);
    }

    @Override
    public DataSource dataSource() {
        return scratch;
    }

    @Override
    public SQLDialect dialect() {
        return SQLDialect.MARIADB;
    }

    @Override
    public String description() {
        return "your server at " + url + ", in the scratch database " + name + " (dropped at the end)";
    }

    @Override
    public void close() {
        try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("dropping the demo's scratch database " + name + " on " + url + " failed: "
                    + ScratchDatabase.sentence(e) + " Drop it by hand", e);
        }
    }

    private static MariaDbDataSource dataSource(String url, String user, String password, String shown)
            throws UnusableDatabaseException {
        try {
            MariaDbDataSource dataSource = new MariaDbDataSource(url);
            if (user != null)
                dataSource.setUser(user);
            if (password != null)
                dataSource.setPassword(password);
            return dataSource;
        } catch (SQLException e) {
            throw new UnusableDatabaseException("--jdbc-url " + shown + " is not a JDBC URL the MariaDB driver"
                    + " understands; pass one like jdbc:mariadb://localhost:3306/", e);
        }
    }

    private static Connection connect(MariaDbDataSource dataSource, String shown) throws UnusableDatabaseException {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new UnusableDatabaseException("cannot connect to " + shown + " as " + userOf(dataSource.getUser()) + ": "
                    + ScratchDatabase.sentence(e) + " Check --jdbc-url, --user and --password, or leave them out to run on"
                    + " embedded PostgreSQL", e);
        }
    }

    private static String userOf(String user) {
        return user == null ? "the URL's user" : "user \"" + user + "\"";
    }
}
