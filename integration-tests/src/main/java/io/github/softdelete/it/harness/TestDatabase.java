package io.github.softdelete.it.harness;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database holding the migrated reference schema, dropped on {@link #close()}: on PostgreSQL or
 * on MariaDB, as {@link #dialect()} says.
 *
 * <p>{@link #dsl()} is plain jOOQ with no listener installed: use it to arrange and inspect rows.
 * Build the context under test from {@link #newConfiguration()}, so listeners installed there stay
 * out of {@link #dsl()}. Both work with the jOOQ classes generated from the PostgreSQL schema
 * ({@code io.github.softdelete.it.db}, schema {@code public}); on MariaDB through {@link #settings()}.
 *
 * <p>Thread-safe. The {@link #dataSource()} opens a new connection each time (no pool), so nothing
 * outlives a test unless the test keeps it.
 */
public final class TestDatabase implements AutoCloseable {

    /** The schema of the generated classes, which {@link #settings()} maps to the database on MariaDB. */
    private static final String GENERATED_SCHEMA = "public";

    private final String name;
    private final SQLDialect dialect;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final DataSource dataSource;
    private final String source;
    private final Runnable drop;
    private final DSLContext dsl;

    TestDatabase(PostgresServer server, String name) {
        this(name, SQLDialect.POSTGRES, server.jdbcUrl(name), server.user(), server.password(),
                postgresDataSource(server.jdbcUrl(name), server.user(), server.password()), server.source(),
                () -> server.dropDatabase(name));
    }

    TestDatabase(MariaDbServer server, String name) {
        this(name, SQLDialect.MARIADB, server.jdbcUrl(name), server.user(), server.password(),
                mariaDbDataSource(server.jdbcUrl(name), server.user(), server.password()), server.source(),
                () -> server.dropDatabase(name));
    }

    private TestDatabase(String name, SQLDialect dialect, String jdbcUrl, String user, String password,
            DataSource dataSource, String source, Runnable drop) {
        this.name = name;
        this.dialect = dialect;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.dataSource = dataSource;
        this.source = source;
        this.drop = drop;
        // PostgreSQL as before MariaDB came: no settings of its own.
        this.dsl = dialect == SQLDialect.POSTGRES ? DSL.using(dataSource, dialect) : DSL.using(newConfiguration());
    }

    /** The database's name, unique on its server. On MariaDB it is also the schema of its tables. */
    public String name() {
        return name;
    }

    /** {@link SQLDialect#POSTGRES} or {@link SQLDialect#MARIADB}: for test code shared by both. */
    public SQLDialect dialect() {
        return dialect;
    }

    /**
     * A JDBC URL for this database; may carry parameters but never the password. On MariaDB it carries
     * the time zone parameters that {@link #settings()} relies on.
     */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The role to connect as, or {@code null} when the URL names it. */
    public String user() {
        return user;
    }

    /** The role's password, or {@code null} when none is needed. */
    public String password() {
        return password;
    }

    /** Opens a new connection per {@code getConnection()}. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Plain jOOQ on this database, in its {@link #dialect()}, with its {@link #settings()}, no listeners. */
    public DSLContext dsl() {
        return dsl;
    }

    /** A new, unshared configuration on this database, ready for listeners to be installed. */
    public Configuration newConfiguration() {
        Configuration configuration = new DefaultConfiguration().set(dataSource).set(dialect);
        return dialect == SQLDialect.POSTGRES ? configuration : configuration.set(settings());
    }

    /**
     * New jOOQ settings that the generated classes need on this database, for contexts built from
     * {@link #jdbcUrl()} or {@link #dataSource()}. Default settings on PostgreSQL. On MariaDB:
     * <ul>
     *   <li>the generated schema {@code public} renders as this database, where the tables are;
     *   <li>{@code OffsetDateTime} values (the generated type of {@code timestamptz}) are bound as
     *       such ({@link Settings#withBindOffsetDateTimeType(Boolean)}). jOOQ's default binds them as
     *       text with an offset, {@code '2026-01-01 12:00:00+00:00'}, which MariaDB rejects in strict
     *       mode (1292 "Incorrect datetime value"). Bound as objects, the driver converts them to its
     *       connection time zone, which {@link #jdbcUrl()} sets to UTC, as it sets the session's, so a
     *       {@code DATETIME(6)} column holds UTC whether jOOQ or {@code NOW(6)} wrote it.
     * </ul>
     */
    public Settings settings() {
        if (dialect == SQLDialect.POSTGRES) {
            return new Settings();
        }
        return new Settings()
                .withRenderMapping(new RenderMapping().withSchemata(
                        new MappedSchema().withInput(GENERATED_SCHEMA).withOutput(name)))
                .withBindOffsetDateTimeType(true);
    }

    /**
     * Drops the database, ending any connections still open to it. Calling it again does nothing.
     *
     * @throws IllegalStateException when the server refuses to drop it
     */
    @Override
    public void close() {
        drop.run();
    }

    @Override
    public String toString() {
        return name + " on " + source;
    }

    private static DataSource postgresDataSource(String url, String user, String password) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        if (user != null) {
            dataSource.setUser(user);
        }
        if (password != null) {
            dataSource.setPassword(password);
        }
        return dataSource;
    }

    private static DataSource mariaDbDataSource(String url, String user, String password) {
        try {
            MariaDbDataSource dataSource = new MariaDbDataSource(url);
            if (user != null) {
                dataSource.setUser(user);
            }
            if (password != null) {
                dataSource.setPassword(password);
            }
            return dataSource;
        } catch (SQLException e) {
            throw new IllegalArgumentException("The MariaDB driver refuses the URL " + JdbcUrl.parseMariaDb(url)
                    + ": " + e.getMessage(), e);
        }
    }
}
