package io.github.softdelete.examples;

import javax.sql.DataSource;

import org.jooq.SQLDialect;

/**
 * The empty database the demo runs in, migrated to the reference schema; it goes away on
 * {@link #close()}.
 *
 * <p>The demo chooses it itself and ignores the {@code SOFTDELETE_JDBC_*} variables that the test
 * harness reads: the demo runs on embedded PostgreSQL unless {@code --jdbc-url} says otherwise, so a
 * variable left set for the tests never redirects it silently.
 */
interface DemoDatabase extends AutoCloseable {

    /**
     * The database that {@code arguments} ask for: a scratch database on {@code --jdbc-url} (PostgreSQL's or
     * MariaDB's, as the URL says), else embedded PostgreSQL. Either way it holds the migrated reference schema
     * (MariaDB's mirror of it on MariaDB) and no rows.
     *
     * @throws UnusableDatabaseException when {@code --jdbc-url} cannot be connected to or used
     * @throws IllegalStateException     when embedded PostgreSQL does not start
     */
    static DemoDatabase open(Arguments arguments) throws UnusableDatabaseException {
        DemoDatabase database = arguments.jdbcUrl() == null
                ? EmbeddedDatabase.start()
                : arguments.jdbcUrl().startsWith(MariaDbScratchDatabase.SCHEME)
                ? MariaDbScratchDatabase.create(arguments.jdbcUrl(), arguments.user(), arguments.password())
                : ScratchDatabase.create(arguments.jdbcUrl(), arguments.user(), arguments.password());
        try {
            Migrations.apply(database.dataSource(), database.dialect());
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Connections to the database; a new one each time, no pool. */
    DataSource dataSource();

    /** {@link SQLDialect#POSTGRES}, unless the database is MariaDB's. */
    default SQLDialect dialect() {
        return SQLDialect.POSTGRES;
    }

    /** Where the database is, for the demo's first lines, e.g. "embedded PostgreSQL 17.6". */
    String description();

    /** Stops or drops the database. */
    @Override
    void close();
}
