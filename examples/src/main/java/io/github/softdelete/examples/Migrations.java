package io.github.softdelete.examples;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import org.jooq.SQLDialect;

import io.github.softdelete.it.harness.MariaDbServer;
import io.github.softdelete.it.harness.PostgresServer;

/**
 * Migrates a database to the reference schema, with the Flyway migrations of the integration tests: PostgreSQL's, or
 * their MariaDB mirror.
 */
final class Migrations {

    private Migrations() {
    }

    static void apply(DataSource dataSource, SQLDialect dialect) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations(dialect == SQLDialect.MARIADB ? MariaDbServer.MIGRATIONS : PostgresServer.MIGRATIONS)
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }
}
