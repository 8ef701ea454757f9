package io.github.softdelete.it.harness;

import java.sql.SQLException;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** A MariaDB server the developer runs, named by {@code SOFTDELETE_MARIADB_URL} and friends. */
final class MariaDbEnvironmentSource implements ServerSource<MariaDbServer> {

    static final String URL = "SOFTDELETE_MARIADB_URL";
    static final String USER = "SOFTDELETE_MARIADB_USER";
    static final String PASSWORD = "SOFTDELETE_MARIADB_PASSWORD";

    private final UnaryOperator<String> environment;

    MariaDbEnvironmentSource(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    @Override
    public String name() {
        return "your own MariaDB server (" + URL + ")";
    }

    @Override
    public String howToProvide() {
        return "Set " + URL + " (e.g. jdbc:mariadb://localhost:3306/), " + USER + " and " + PASSWORD
                + " to a MariaDB 10.11+ server where that user may create and drop databases named softdelete_*.";
    }

    @Override
    public MariaDbServer start() throws SourceUnavailableException {
        String url = environment.apply(URL);
        if (url == null || url.isBlank()) {
            throw new SourceUnavailableException(URL + " is not set.");
        }
        JdbcUrl jdbcUrl;
        try {
            jdbcUrl = JdbcUrl.parseMariaDb(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(URL + " is set, but " + e.getMessage() + ". Fix it, or unset " + URL
                    + " to let the harness start MariaDB itself.", e);
        }
        String user = environment.apply(USER);
        String password = environment.apply(PASSWORD);
        MariaDbServer server = new MariaDbServer(name(), jdbcUrl, user, password, () -> { }, Optional::empty);
        // The developer chose this server, so a broken one is an error, not a reason to fall back.
        try {
            server.connect(jdbcUrl.database()).close();
            return server;
        } catch (SQLException e) {
            throw new IllegalStateException(URL + " is " + jdbcUrl + ", but connecting to it as "
                    + (user == null ? "the URL's user" : "\"" + user + "\"") + " failed: " + e.getMessage()
                    + ". Fix " + URL + ", " + USER + " and " + PASSWORD + ", or unset " + URL
                    + " to let the harness start MariaDB itself.", e);
        }
    }
}
