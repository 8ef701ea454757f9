package io.github.softdelete.internal.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.jooq.Configuration;
import org.jooq.ConnectionProvider;
import org.jooq.Field;
import org.jooq.conf.ParamType;
import org.jooq.conf.SettingsTools;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.CacheType;
import org.jooq.impl.DSL;

import io.github.softdelete.PlainSql;

import io.github.softdelete.internal.cascade.CascadeSettlement;
import io.github.softdelete.internal.install.StatementRefusals;
import io.github.softdelete.internal.jooq.MarkerBindValues;
import io.github.softdelete.internal.sqltext.JdbcRefusals;
import io.github.softdelete.internal.sqltext.ParseVerdicts;
import io.github.softdelete.internal.sqltext.PlainSqlParsing;

/**
 * A DataSource for JDBC code: each statement is parsed by jOOQ and rendered with the configuration's
 * listeners, built on jOOQ's open-source {@code DSLContext.parsingConnection()}.
 *
 * <p>How a connection is made: the configuration's {@link ConnectionProvider} gives the physical
 * connection; jOOQ's parsing connection is created over it (one configuration for all connections,
 * whose provider hands over the connection just acquired), so that jOOQ's translation cache, which
 * lives in that configuration, is shared by every connection of this DataSource. Statements that jOOQ
 * cannot parse are refused or sent unchanged, as {@link ParseVerdicts} decides. jOOQ runs no
 * ExecuteListeners on that path, so the connection handed to it translates the library's refusals
 * itself ({@link RefusingConnection}), and every refusal reaches JDBC code as an SQLException
 * ({@link JdbcRefusals}). Where jOOQ's parsing statements leave out parts of the JDBC contract, the
 * connection's statements fill them in ({@link SqlTextPreparedStatement}, {@link SqlTextStatement}).
 *
 * <p>A second parsing connection, with jOOQ's translation cache off, renders the statements whose rendering
 * depends on their bind values ({@link MarkerBindValues}) for each execution.
 *
 * <p>Parser settings: unquoted identifiers are folded to lower case, as PostgreSQL does, so that
 * {@code FROM Users} finds the policy's {@code users} (a name case set in the configuration's settings
 * wins); calls of functions jOOQ does not know are kept as they are ({@code Settings.parseUnknownFunctions = IGNORE}).
 *
 * <p>Thread-safe, as the DataSource contract requires; its connections are not, as JDBC connections are not.
 */
public final class SqlTextDataSource implements DataSource {

    private static final ThreadLocal<Connection> ACQUIRED = new ThreadLocal<>();
    private static final int DEFAULT_CACHE_SIZE = 8192;

    private final ConnectionProvider target;
    private final Configuration parsing;
    private final Configuration renderingEachTime;
    private final ParseVerdicts verdicts;
    private final SqlTextEvents events;
    private final StatementRefusals refusals;
    private final CascadeSettlement settlement;
    private final boolean inlined;

    public SqlTextDataSource(Configuration configuration, PlainSql plainSql) {
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(plainSql, "plainSql");
        this.target = configuration.connectionProvider();
        this.refusals = StatementRefusals.on(configuration);
        this.settlement = refusals == null ? null : new CascadeSettlement(refusals.registry());
        this.parsing = PlainSqlParsing.parserConfiguration(configuration)
            .derive(new HandOver());
        // derive() copies the data map, caches included: a translation cache that jOOQ built for the
        // user's own parsing connection on this configuration holds renderings with other parser settings.
        // jOOQ keeps each cache in the data map under its public enum CacheType (jOOQ's Cache.get:
        // configuration.data(type, ...); the parsing connection's is CACHE_PARSING_CONNECTION, [#8334]);
        // they refill on demand.
        parsing.data().keySet().removeIf(key -> key instanceof CacheType);
        this.renderingEachTime = parsing.deriveSettings(s -> s.withCacheParsingConnection(false));
        this.inlined = SettingsTools.getParamType(parsing.settings()) == ParamType.INLINED;
        Integer size = parsing.settings().getCacheParsingConnectionLRUCacheSize();
        Set<String> ownedColumns = refusals == null ? Set.of() : refusals.registry().tables().stream()
            .flatMap(table -> table.ownedColumns().stream()).map(Field::getName).collect(Collectors.toUnmodifiableSet());
        this.verdicts = new ParseVerdicts(parsing, plainSql, refusals == null ? name -> false : refusals.registry()::namesTable,
            ownedColumns, refusals == null ? null : refusals.registry(), size == null || size <= 0 ? DEFAULT_CACHE_SIZE : size);
        this.events = new SqlTextEvents(refusals, parsing, verdicts);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection physical = acquire();
        Connection issuing = RefusingConnection.wrap(physical, refusals, settlement, parsing);
        Connection parsingConnection;
        Connection eachTime;
        ACQUIRED.set(issuing);
        try {
            parsingConnection = DSL.using(parsing).parsingConnection();
            eachTime = DSL.using(renderingEachTime).parsingConnection();
        } catch (RuntimeException e) {
            target.release(physical);
            throw e;
        } finally {
            ACQUIRED.remove();
        }
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] { Connection.class },
            new SqlTextConnection(physical, issuing, parsingConnection, eachTime, verdicts, events, inlined, () -> target.release(physical)));
    }

    private Connection acquire() throws SQLException {
        try {
            Connection physical = target.acquire();
            if (physical == null)
                throw new SQLException("the configuration's ConnectionProvider returned no connection; configure the"
                    + " configuration given to SoftDelete.dataSource(...) with a DataSource or a ConnectionProvider");
            return physical;
        } catch (DataAccessException e) {
            throw e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getMessage(), e);
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("this DataSource takes its connections from the jOOQ configuration's"
            + " ConnectionProvider, which has no user or password; call getConnection()");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no java.util.logging logger");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this))
            return type.cast(this);
        throw new SQLException("not a wrapper for " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    /** Hands jOOQ's parsing connection the physical connection just acquired on this thread. */
    private static final class HandOver implements ConnectionProvider {

        @Override
        public Connection acquire() {
            return ACQUIRED.get();
        }

        @Override
        public void release(Connection connection) {
            // the physical connection is released by SqlTextConnection.close, to the configuration's provider
        }
    }
}
