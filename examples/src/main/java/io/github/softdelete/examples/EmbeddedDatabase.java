package io.github.softdelete.examples;

import java.io.IOException;
import java.nio.file.Path;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL 17 started from the binaries that Maven puts on the classpath (io.zonky.test), in a new
 * data directory that is deleted when it stops. The demo runs in its {@code postgres} database, which
 * nobody else uses.
 */
final class EmbeddedDatabase implements DemoDatabase {

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts a server on a free port.
     *
     * @throws IllegalStateException when it does not start; the message says what it needs
     */
    static EmbeddedDatabase start() {
        try {
            return new EmbeddedDatabase(EmbeddedPostgres.builder().start());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("embedded PostgreSQL did not start: " + e.getMessage() + ". It unpacks"
                    + " binaries into " + Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg")
                    + ", which must be writable and allow executables (as root it runs them through `unshare -U`,"
                    + " which needs user namespaces); or pass --jdbc-url to use your own server", e);
        }
    }

    @Override
    public DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    @Override
    public String description() {
        return "embedded PostgreSQL (io.zonky.test) on port " + postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new IllegalStateException("stopping embedded PostgreSQL failed: " + e.getMessage(), e);
        }
    }
}
