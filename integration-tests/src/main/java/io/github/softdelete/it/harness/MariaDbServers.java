package io.github.softdelete.it.harness;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one MariaDB server of this JVM, found on first use and stopped when the JVM exits.
 *
 * <p>Sources are tried in this order, and the first that works is used:
 * <ol>
 *   <li>{@code SOFTDELETE_MARIADB_URL}, {@code SOFTDELETE_MARIADB_USER},
 *       {@code SOFTDELETE_MARIADB_PASSWORD}: your own server. If set, it must work: the harness does
 *       not fall back from a server you chose.</li>
 *   <li>The {@code mariadbd} installed on this machine (Debian's {@code mariadb-server}, found in PATH
 *       or /usr/sbin), started by the harness on a free port with a temporary data directory, and
 *       stopped and deleted when the JVM exits.</li>
 * </ol>
 * Otherwise it fails, saying how to provide one. Unlike PostgreSQL, there is no server that comes
 * with the Maven dependencies.
 *
 * <p>Thread-safe.
 */
public final class MariaDbServers {

    private static final Logger LOG = LoggerFactory.getLogger(MariaDbServers.class);

    private static MariaDbServer shared; // guarded by MariaDbServers.class
    private static IllegalStateException failure; // guarded by MariaDbServers.class

    private MariaDbServers() {
    }

    /**
     * The MariaDB server of this JVM, started or connected to on the first call.
     *
     * @throws IllegalStateException when no source works; the message says what each source
     *         needs. Later calls fail the same way at once instead of trying again.
     */
    public static synchronized MariaDbServer shared() {
        if (failure != null) {
            throw new IllegalStateException(failure.getMessage(), failure);
        }
        if (shared == null) {
            try {
                shared = start(List.of(new MariaDbEnvironmentSource(System::getenv), InstalledMariaDbSource.onThisMachine()));
            } catch (IllegalStateException e) {
                failure = e;
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "softdelete-mariadb-shutdown"));
        }
        return shared;
    }

    static MariaDbServer start(List<? extends ServerSource<MariaDbServer>> sources) {
        MariaDbServer server = ServerSource.startFirst("MariaDB", sources);
        LOG.info("MariaDB for tests: {} at {}, version {}", server.source(), server.adminUrl(), server.version());
        return server;
    }
}
