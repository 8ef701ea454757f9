package io.github.softdelete.it.harness;

/** One way to get a PostgreSQL server for the tests. {@link PostgresServers} tries them in order. */
interface ServerSource {

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
    PostgresServer start() throws SourceUnavailableException;
}
