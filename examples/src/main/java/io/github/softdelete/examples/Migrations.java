package io.github.softdelete.examples;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import io.github.softdelete.it.harness.PostgresServer;

/** Migrates a database to the reference schema, with the Flyway migrations of the integration tests. */
final class Migrations {

    private Migrations() {
    }

    static void apply(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations(PostgresServer.MIGRATIONS)
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }
}
