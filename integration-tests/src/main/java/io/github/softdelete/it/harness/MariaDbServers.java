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
 * with the Maven dependencies. A server the harness started that crashed is replaced by a new one on
 * the next call, after its crash report is logged.
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
        if (shared != null && shared.lost().isPresent()) {
            // A crash fails the test that caused it (its connections break, and the fuzzers report the query); the
            // test classes after it get a new server instead of failing on connection refused, and the crash report
            // stays in the log.
            LOG.error("The MariaDB server of the tests is gone; starting a new one. {}", shared.lost().get());
            MariaDbServer gone = shared;
            shared = null;
            gone.close();
        }
        if (shared == null) {
            try {
                shared = start(List.of(new MariaDbEnvironmentSource(System::getenv), InstalledMariaDbSource.onThisMachine()));
            } catch (IllegalStateException e) {
                failure = e;
                throw e;
            }
            MariaDbServer started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "softdelete-mariadb-shutdown"));
        }
        return shared;
    }

    /**
     * A new server of the caller's own, from the {@code mariadbd} installed on this machine, for a test that stops or
     * breaks it. The caller closes it.
     *
     * @throws IllegalStateException when no mariadbd is installed, or it does not start
     */
    public static MariaDbServer startOwn() {
        InstalledMariaDbSource source = InstalledMariaDbSource.onThisMachine();
        try {
            return source.start();
        } catch (SourceUnavailableException e) {
            throw new IllegalStateException(source.name() + ": " + e.getMessage() + " " + source.howToProvide(), e);
        }
    }

    static MariaDbServer start(List<? extends ServerSource<MariaDbServer>> sources) {
        MariaDbServer server = ServerSource.startFirst("MariaDB", sources);
        LOG.info("MariaDB for tests: {} at {}, version {}", server.source(), server.adminUrl(), server.version());
        return server;
    }
}
