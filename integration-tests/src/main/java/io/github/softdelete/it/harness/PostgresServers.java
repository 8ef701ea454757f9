package io.github.softdelete.it.harness;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one PostgreSQL server of this JVM, found on first use and stopped when the JVM exits.
 *
 * <p>Sources are tried in this order, and the first that works is used:
 * <ol>
 *   <li>{@code SOFTDELETE_JDBC_URL}, {@code SOFTDELETE_JDBC_USER}, {@code SOFTDELETE_JDBC_PASSWORD}:
 *       your own server. If set, it must work: the harness does not fall back from a server you
 *       chose.</li>
 *   <li>A PostgreSQL 17 container, when Testcontainers finds a Docker engine.</li>
 *   <li>Embedded PostgreSQL 17, run from binaries that come with the Maven dependencies.</li>
 * </ol>
 *
 * <p>Thread-safe.
 */
public final class PostgresServers {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresServers.class);

    private static PostgresServer shared; // guarded by PostgresServers.class
    private static IllegalStateException failure; // guarded by PostgresServers.class

    private PostgresServers() {
    }

    /**
     * The server of this JVM, started or connected to on the first call.
     *
     * @throws IllegalStateException when no source works; the message says what each source
     *         needs. Later calls fail the same way at once instead of trying again.
     */
    public static synchronized PostgresServer shared() {
        if (failure != null) {
            throw new IllegalStateException(failure.getMessage(), failure);
        }
        if (shared == null) {
            try {
                shared = start(List.of(new EnvironmentSource(System::getenv), new DockerSource(), new EmbeddedSource()));
            } catch (IllegalStateException e) {
                failure = e;
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "softdelete-postgres-shutdown"));
        }
        return shared;
    }

    static PostgresServer start(List<? extends ServerSource<PostgresServer>> sources) {
        PostgresServer server = ServerSource.startFirst("PostgreSQL", sources);
        LOG.info("PostgreSQL for tests: {} at {}, version {}", server.source(), server.adminUrl(), server.version());
        return server;
    }

    /**
     * A server the caller names, beside the shared one: for tests that need a particular server (one
     * whose messages are not in English, say). Close it when done; it drops the databases it created.
     *
     * @param url      a JDBC URL of the server's maintenance database
     * @param user     the role, or null when the URL names it
     * @param password the role's password, or null
     * @throws IllegalStateException when connecting fails
     */
    public static PostgresServer connect(String url, String user, String password) {
        try {
            return new EnvironmentSource(name -> name.equals(EnvironmentSource.URL) ? url
                : name.equals(EnvironmentSource.USER) ? user
                : name.equals(EnvironmentSource.PASSWORD) ? password : null).start();
        } catch (SourceUnavailableException e) {
            throw new IllegalStateException("no server at " + url + ": " + e.getMessage(), e);
        }
    }
}
