package io.github.softdelete.it.sqltext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DatabaseMetaData;
import java.sql.JDBCType;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.sql.Wrapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.stream.Stream;

import javax.sql.DataSource;
import javax.sql.rowset.serial.SerialBlob;
import javax.sql.rowset.serial.SerialClob;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.it.fixture.ReferenceData;
import io.github.softdelete.it.fixture.SoftDeleteDatabase;
import io.github.softdelete.it.harness.PostgresTest;
import io.github.softdelete.it.harness.TestDatabase;

/**
 * The JDBC contract of {@link SoftDelete#dataSource}'s connections, walked by reflection: every method of
 * {@link Connection}, {@link Statement} and {@link PreparedStatement} is called on a connection of the
 * DataSource and on one of PostgreSQL's driver alone, with the same arguments, and followed by what shows its
 * effect: the statement a factory made runs, with its generated keys; a setter's value is read back; a
 * statement runs a query after the call, which shows settings such as {@code setMaxRows} and a closed
 * statement. Where the driver supports a method (it throws no {@link SQLFeatureNotSupportedException}), the
 * DataSource must support it too, with the same outcome: the same results, or a failure with the same SQLSTATE.
 * Methods the driver does not support are skipped, as aborted tests, and the DataSource may do as it likes.
 *
 * <p>The queries read only {@code tags}, which is not soft-deletable, so the filter changes no result. The one
 * setter whose outcome is allowed to differ is documented: {@code setBlob}/{@code setClob} bind bytes or text
 * through the DataSource (jOOQ reads them), where the driver makes a large object and binds its oid.
 */
@PostgresTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcContractTest {

    private static final String QUERY = "select id, name from tags order by id";
    private static final String UPDATE = "update tags set name = name where id = 1";
    // tags.name is unique: each run inserts a name of its own
    private static final String INSERT = "insert into tags (name) values ('contract ' || md5(random()::text))";
    private static final String SELECT_PARAMETER = "select cast(? as text) as v";
    // the setters whose value differs by design: the driver makes a large object, the DataSource binds bytes or text
    private static final Set<String> LARGE_OBJECT_SETTERS = Set.of("setBlob", "setClob");
    private static final TimeZone TOKYO = TimeZone.getTimeZone("Asia/Tokyo");
    // the JDBC interfaces a result is described by, most specific first
    private static final List<Class<?>> DESCRIBED = List.of(CallableStatement.class, PreparedStatement.class, Statement.class,
        Connection.class, DatabaseMetaData.class, Savepoint.class, SQLXML.class, Blob.class, Clob.class, Struct.class, Wrapper.class);

    private final DSLContext plain;
    private final DataSource driver;
    private final DataSource filtered;

    JdbcContractTest(TestDatabase database) {
        this.plain = database.dsl();
        this.driver = database.dataSource();
        this.filtered = SoftDelete.dataSource(SoftDeleteDatabase.dsl(database).configuration());
    }

    @BeforeAll
    void loadData() {
        ReferenceData.reset(plain);
    }

    static Stream<Arguments> connectionMethods() {
        return methods(Connection.class);
    }

    static Stream<Arguments> statementMethods() {
        return methods(Statement.class);
    }

    static Stream<Arguments> preparedStatementMethods() {
        return methods(PreparedStatement.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connectionMethods")
    void connection_method_asOnTheDriver(String signature, Method method) {
        assertSameOutcome(signature, dataSource -> {
            try (Connection connection = dataSource.getConnection()) {
                Object result = invoke(method, connection, arguments(method, connection));
                return describe(result) + follow(result);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statementMethods")
    void statement_method_asOnTheDriver(String signature, Method method) {
        assertSameOutcome(signature, dataSource -> {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("select name from tags where id = 1");
                    Object result = invoke(method, statement, arguments(method, connection));
                    return describe(result) + afterwards(statement);
                } finally {
                    connection.rollback();
                }
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("preparedStatementMethods")
    void preparedStatement_method_asOnTheDriver(String signature, Method method) {
        boolean setter = method.getDeclaringClass() == PreparedStatement.class && method.getName().startsWith("set");
        assertSameOutcome(signature, dataSource -> {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try (PreparedStatement statement = connection.prepareStatement(SELECT_PARAMETER)) {
                    // the DataSource answers getParameterMetaData for the SQL as written, as the server infers the
                    // types; the driver's statement answers with the types of the values bound so far (varchar here)
                    if (!setter && !method.getName().equals("getParameterMetaData"))
                        statement.setString(1, "x");
                    Object result = invoke(method, statement, arguments(method, connection));
                    if (setter && LARGE_OBJECT_SETTERS.contains(method.getName()))
                        return describe(result) + " then " + attempt(() -> rows(statement.executeQuery()).size() + " row");
                    return describe(result) + afterwards(statement);
                } finally {
                    connection.rollback();
                }
            }
        });
    }

    /** One scenario, run on a DataSource: its outcome as text. */
    interface Scenario {
        String run(DataSource dataSource) throws Exception;
    }

    private void assertSameOutcome(String signature, Scenario scenario) {
        Outcome onDriver = Outcome.of(() -> scenario.run(driver));
        if (onDriver.unsupported())
            abort("PostgreSQL's driver does not support " + signature + ": " + onDriver);
        Outcome onFiltered = Outcome.of(() -> scenario.run(filtered));

        assertThat(onFiltered.unsupported()).as("%s throws SQLFeatureNotSupportedException: %s", signature, onFiltered).isFalse();
        assertThat(onFiltered.text()).as(signature).isEqualTo(onDriver.text());
    }

    /** What a scenario did: its result, or the failure's SQLSTATE; whether it failed as unsupported. */
    record Outcome(String text, boolean unsupported) {

        interface Run {
            String run() throws Exception;
        }

        static Outcome of(Run run) {
            try {
                return new Outcome(run.run(), false);
            } catch (Exception e) {
                return new Outcome(failure(e), unsupported(e));
            }
        }

        private static boolean unsupported(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause())
                if (t instanceof SQLFeatureNotSupportedException)
                    return true;
            return false;
        }
    }

    private static String failure(Throwable e) {
        return e instanceof SQLException sql ? "fails with SQLSTATE " + sql.getSQLState() : "fails with " + e.getClass().getSimpleName();
    }

    private static String attempt(Outcome.Run run) {
        try {
            return run.run();
        } catch (Exception e) {
            return failure(e);
        }
    }

    // What a statement made by the method does: it runs, and returns its generated keys (whose ids differ).
    private static String follow(Object made) {
        if (made instanceof PreparedStatement prepared)
            return " then " + attempt(() -> prepared.executeUpdate() + " row, keys " + shape(prepared.getGeneratedKeys()));
        if (made instanceof Statement statement)
            return " then " + attempt(() -> statement.executeUpdate(INSERT, Statement.RETURN_GENERATED_KEYS) + " row, keys "
                + shape(statement.getGeneratedKeys()));
        return "";
    }

    private static String shape(ResultSet rows) throws SQLException {
        List<String> columns = columns(rows.getMetaData());
        return rows(rows).size() + " of " + columns;
    }

    // The statement after the call: its generated keys, and a query run on it (a prepared one runs its own).
    private static String afterwards(Statement statement) {
        String keys = attempt(() -> "keys " + rows(statement.getGeneratedKeys()));
        String query = attempt(() -> "query " + rows(statement instanceof PreparedStatement prepared
            ? prepared.executeQuery() : statement.executeQuery(QUERY)));
        return "; " + keys + "; " + query;
    }

    private static Object invoke(Method method, Object target, Object[] arguments) throws Exception {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    // Results as comparable text; objects by the JDBC interface they implement.
    private static String describe(Object result) throws SQLException {
        if (result == null || result instanceof Number || result instanceof Boolean || result instanceof String)
            return String.valueOf(result);
        if (result instanceof int[] counts)
            return Arrays.toString(counts);
        if (result instanceof long[] counts)
            return Arrays.toString(counts);
        if (result instanceof ResultSet rows)
            return rows(rows).toString();
        if (result instanceof Properties properties)
            return new TreeMap<>(properties).toString();
        if (result instanceof Map<?, ?> map)
            return new TreeMap<>(map).toString();
        if (result instanceof Array array)
            return "array " + Arrays.toString((Object[]) array.getArray());
        if (result instanceof ResultSetMetaData meta)
            return "columns " + columns(meta);
        if (result instanceof ParameterMetaData meta) {
            List<String> types = new ArrayList<>();
            for (int i = 1; i <= meta.getParameterCount(); i++)
                types.add(meta.getParameterTypeName(i));
            return "parameters " + types;
        }
        for (Class<?> type : DESCRIBED)
            if (type.isInstance(result))
                return "a " + type.getSimpleName();
        return "an object";
    }

    private static List<String> rows(ResultSet rows) throws SQLException {
        List<String> out = new ArrayList<>();
        try (rows) {
            List<String> columns = columns(rows.getMetaData());
            while (rows.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns.size(); i++)
                    values.add(columns.get(i - 1) + "=" + rows.getString(i));
                out.add(String.join(",", values));
            }
        }
        return out;
    }

    private static List<String> columns(ResultSetMetaData meta) throws SQLException {
        if (meta == null)
            return null;
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++)
            columns.add(meta.getColumnLabel(i));
        return columns;
    }

    private static Stream<Arguments> methods(Class<?> type) {
        return Arrays.stream(type.getMethods())
            .filter(method -> !method.isSynthetic() && !java.lang.reflect.Modifier.isStatic(method.getModifiers()))
            .sorted(Comparator.comparing(JdbcContractTest::signature))
            .map(method -> Arguments.of(signature(method), method));
    }

    private static String signature(Method method) {
        return method.getName() + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).toList()
            .toString().replace('[', '(').replace(']', ')');
    }

    // The same arguments for both connections; values that belong to a connection come from the one under test.
    private static Object[] arguments(Method method, Connection connection) throws Exception {
        Class<?>[] types = method.getParameterTypes();
        Object[] arguments = new Object[types.length];
        for (int i = 0; i < types.length; i++)
            arguments[i] = argument(method, i, types[i], connection);
        return arguments;
    }

    private static Object argument(Method method, int position, Class<?> type, Connection connection) throws Exception {
        String name = method.getName();
        if (type == int.class)
            return intArgument(method, position);
        if (type == long.class)
            return name.equals("setLargeMaxRows") ? 1L : 3L;
        if (type == boolean.class)
            return !name.equals("setAutoCommit") && !name.equals("setPoolable");
        if (type == String.class)
            return stringArgument(method, position);
        if (type == String[].class)
            return new String[] { "id" };
        if (type == int[].class)
            return new int[] { 1 };
        if (type == Class.class)
            return method.getDeclaringClass();
        if (type == Object.class)
            return "x";
        if (type == Object[].class)
            return new Object[] { 1, 2 };
        if (type == byte.class)
            return (byte) 1;
        if (type == short.class)
            return (short) 1;
        if (type == float.class)
            return 1.5f;
        if (type == double.class)
            return 1.5d;
        if (type == BigDecimal.class)
            return new BigDecimal("1.5");
        if (type == byte[].class)
            return new byte[] { 1, 2, 3 };
        if (type == Date.class)
            return Date.valueOf("2026-01-02");
        if (type == Time.class)
            return Time.valueOf("10:11:12");
        if (type == Timestamp.class)
            return Timestamp.valueOf("2026-01-02 10:11:12");
        if (type == Calendar.class)
            return Calendar.getInstance(TOKYO);
        if (type == InputStream.class)
            return new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII));
        if (type == Reader.class)
            return new StringReader("abc");
        if (type == Array.class)
            return connection.createArrayOf("int4", new Integer[] { 1, 2 });
        if (type == Blob.class)
            return new SerialBlob(new byte[] { 1, 2, 3 });
        if (type == Clob.class)
            return new SerialClob("abc".toCharArray());
        if (type == SQLXML.class) {
            SQLXML xml = connection.createSQLXML();
            xml.setString("<a>b</a>");
            return xml;
        }
        if (type == URL.class)
            return URI.create("https://example.com/").toURL();
        if (type == SQLType.class)
            return JDBCType.VARCHAR;
        if (type == Executor.class)
            return (Executor) Runnable::run;
        if (type == Properties.class)
            return new Properties();
        if (type == Map.class)
            return new HashMap<>();
        if (type == Savepoint.class) {
            connection.setAutoCommit(false);
            return connection.setSavepoint();
        }
        return null; // NClob, Ref, RowId, ShardingKey: nothing to make one from; the driver supports none of them
    }

    private static int intArgument(Method method, int position) {
        String name = method.getName();
        if (position == 0 && method.getDeclaringClass() == PreparedStatement.class)
            return 1; // the parameter's index
        return switch (name) {
            case "createStatement", "prepareStatement", "prepareCall" -> method.getParameterCount() == 2
                ? Statement.RETURN_GENERATED_KEYS
                : List.of(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY, ResultSet.CLOSE_CURSORS_AT_COMMIT)
                    .get(position - (name.equals("createStatement") ? 0 : 1));
            case "execute", "executeUpdate", "executeLargeUpdate" -> Statement.RETURN_GENERATED_KEYS;
            case "setHoldability" -> ResultSet.CLOSE_CURSORS_AT_COMMIT;
            case "setTransactionIsolation" -> Connection.TRANSACTION_SERIALIZABLE;
            case "setFetchDirection" -> ResultSet.FETCH_FORWARD;
            case "getMoreResults" -> Statement.CLOSE_CURRENT_RESULT;
            case "setNetworkTimeout" -> 60_000;
            case "setNull", "setObject" -> Types.VARCHAR;
            case "setAsciiStream", "setBinaryStream", "setCharacterStream", "setUnicodeStream" -> 3;
            default -> 1;
        };
    }

    private static String stringArgument(Method method, int position) {
        return switch (method.getName()) {
            case "prepareStatement", "prepareCall", "nativeSQL" -> INSERT;
            case "executeQuery" -> QUERY;
            case "execute", "executeUpdate", "executeLargeUpdate", "addBatch" -> UPDATE;
            case "createArrayOf", "createStruct" -> "int4";
            case "setSchema" -> "public";
            case "setClientInfo", "getClientInfo" -> position == 0 ? "ApplicationName" : "contract";
            case "setNull", "setObject" -> "text";
            default -> "x";
        };
    }
}
