package io.github.softdelete.it.harness;

import java.sql.SQLException;
import java.util.function.UnaryOperator;

/** A server the developer runs, named by {@code SOFTDELETE_JDBC_URL} and friends. */
final class EnvironmentSource implements ServerSource<PostgresServer> {

    static final String URL = "SOFTDELETE_JDBC_URL";
    static final String USER = "SOFTDELETE_JDBC_USER";
    static final String PASSWORD = "SOFTDELETE_JDBC_PASSWORD";

    private final UnaryOperator<String> environment;

    EnvironmentSource(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    @Override
    public String name() {
        return "your own server (" + URL + ")";
    }

    @Override
    public String howToProvide() {
        return "Set " + URL + " (e.g. jdbc:postgresql://localhost:5432/postgres), " + USER + " and " + PASSWORD
                + " to a PostgreSQL 13+ server where that role has CREATEDB.";
    }

    @Override
    public PostgresServer start() throws SourceUnavailableException {
        String url = environment.apply(URL);
        if (url == null || url.isBlank()) {
            throw new SourceUnavailableException(URL + " is not set.");
        }
        JdbcUrl jdbcUrl = JdbcUrl.parse(url.trim());
        String user = environment.apply(USER);
        String password = environment.apply(PASSWORD);
        PostgresServer server = new PostgresServer(name(), jdbcUrl, user, password, () -> { });
        // The developer chose this server, so a broken one is an error, not a reason to fall back.
        try {
            server.connect(jdbcUrl.database()).close();
            return server;
        } catch (SQLException e) {
            throw new IllegalStateException(URL + " is " + jdbcUrl + ", but connecting to it as "
                    + (user == null ? "the URL's user" : "\"" + user + "\"") + " failed: " + e.getMessage()
                    + ". Fix " + URL + ", " + USER + " and " + PASSWORD + ", or unset " + URL
                    + " to let the harness start PostgreSQL itself.", e);
        }
    }
}
