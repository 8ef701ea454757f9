package io.github.softdelete.it.harness;

import javax.sql.DataSource;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database holding the migrated reference schema, dropped on {@link #close()}.
 *
 * <p>{@link #dsl()} is plain jOOQ with no listener installed: use it to arrange and inspect rows.
 * Build the context under test from {@link #newConfiguration()}, so listeners installed there stay
 * out of {@link #dsl()}.
 *
 * <p>Thread-safe. The {@link #dataSource()} opens a new connection each time (no pool), so nothing
 * outlives a test unless the test keeps it.
 */
public final class TestDatabase implements AutoCloseable {

    private final PostgresServer server;
    private final String name;
    private final PGSimpleDataSource dataSource;
    private final DSLContext dsl;

    TestDatabase(PostgresServer server, String name) {
        this.server = server;
        this.name = name;
        this.dataSource = new PGSimpleDataSource();
        dataSource.setURL(server.jdbcUrl(name));
        if (server.user() != null) {
            dataSource.setUser(server.user());
        }
        if (server.password() != null) {
            dataSource.setPassword(server.password());
        }
        this.dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
    }

    /** The database's name, unique on its server. */
    public String name() {
        return name;
    }

    /** A JDBC URL for this database; may carry parameters but never the password. */
    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    /** The role to connect as, or {@code null} when the URL names it. */
    public String user() {
        return server.user();
    }

    /** The role's password, or {@code null} when none is needed. */
    public String password() {
        return server.password();
    }

    /** Opens a new connection per {@code getConnection()}. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Plain jOOQ on this database, {@link SQLDialect#POSTGRES}, no listeners. */
    public DSLContext dsl() {
        return dsl;
    }

    /** A new, unshared configuration on this database, ready for listeners to be installed. */
    public Configuration newConfiguration() {
        return new DefaultConfiguration().set(dataSource).set(SQLDialect.POSTGRES);
    }

    /**
     * Drops the database, ending any connections still open to it. Calling it again does nothing.
     *
     * @throws IllegalStateException when the server refuses to drop it
     */
    @Override
    public void close() {
        server.dropDatabase(name);
    }

    @Override
    public String toString() {
        return name + " on " + server.source();
    }
}
