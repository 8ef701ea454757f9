package io.github.softdelete.it.harness;

import java.util.ArrayList;
import java.util.List;

/**
 * One way to get a database server for the tests. {@link PostgresServers} and {@link MariaDbServers}
 * each try theirs in order.
 *
 * @param <S> the kind of server it gives, {@link PostgresServer} or {@link MariaDbServer}
 */
interface ServerSource<S> {

    /** Names the source in the one log line and in the message when no source works. */
    String name();

    /** Tells a person how to make this source work, for the message when no source works. */
    String howToProvide();

    /**
     * Connects to or starts a server.
     *
     * @throws SourceUnavailableException when this source does not apply here, so the next one
     *         should be tried
     * @throws IllegalStateException when this source was chosen explicitly but is broken; no
     *         other source is tried then, since falling back would hide the mistake
     */
    S start() throws SourceUnavailableException;

    /**
     * The server of the first source that gives one.
     *
     * @param engine  names the kind of server in the message, e.g. "PostgreSQL"
     * @param sources the sources, in the order to try them
     * @throws IllegalStateException when no source works, naming each, why, and what it needs
     */
    static <S> S startFirst(String engine, List<? extends ServerSource<? extends S>> sources) {
        List<String> reasons = new ArrayList<>();
        List<Throwable> causes = new ArrayList<>();
        for (ServerSource<? extends S> source : sources) {
            try {
                return source.start();
            } catch (SourceUnavailableException e) {
                reasons.add((reasons.size() + 1) + ". " + source.name() + ": " + e.getMessage() + "\n   "
                        + source.howToProvide());
                if (e.getCause() != null) {
                    causes.add(e.getCause());
                }
            }
        }
        IllegalStateException e = new IllegalStateException("No " + engine + " server for the tests. Tried, in order:\n"
                + String.join("\n", reasons));
        causes.forEach(e::addSuppressed);
        throw e;
    }
}
