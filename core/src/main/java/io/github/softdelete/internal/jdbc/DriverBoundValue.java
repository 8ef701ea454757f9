package io.github.softdelete.internal.jdbc;

import java.lang.reflect.Method;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.util.Map;

import org.jooq.Binding;
import org.jooq.BindingGetResultSetContext;
import org.jooq.BindingGetSQLInputContext;
import org.jooq.BindingGetStatementContext;
import org.jooq.BindingRegisterContext;
import org.jooq.BindingSQLContext;
import org.jooq.BindingSetSQLOutputContext;
import org.jooq.BindingSetStatementContext;
import org.jooq.Converter;
import org.jooq.DataType;
import org.jooq.impl.SQLDataType;

/**
 * A bind value that jOOQ's parsing statement cannot hold, set with the JDBC driver's own setter once jOOQ
 * has rendered the statement and binds it.
 *
 * <p>jOOQ's parsing statement keeps each bind value as a jOOQ {@code Param} until the statement runs, and
 * has no Param for some of {@link PreparedStatement}'s setters: {@code setArray}, {@code setSQLXML},
 * {@code setRef}, {@code setRowId}, {@code setURL}, and the {@code setDate}, {@code setTime} and
 * {@code setTimestamp} that take a {@code Calendar} (it throws {@code SQLFeatureNotSupportedException} for
 * them). So {@link SqlTextPreparedStatement} gives jOOQ this object instead, through {@code setObject}. jOOQ
 * looks up the data type of a value's class, finds {@link #TYPE}, whose binding renders a plain placeholder and,
 * when jOOQ binds the value at its place (or places) in the rendered statement, makes the original setter call
 * on the driver's statement at that index. The driver binds the value as it would without the library.
 *
 * <p>jOOQ 3.19 finds a value's data type by its class in a static registry, where a converted data type
 * registers itself when it is made ({@code asConvertedDataType}: "for backwards compatibility", jOOQ's
 * {@code ConvertedDataType} says). Should a later jOOQ drop that, jOOQ fails to bind the value ("Type ... is not
 * supported"), which reaches the caller as an SQLException: never a wrong value.
 *
 * <p>A null value is not wrapped: it is set as a NULL of the setter's SQL type, so that rules that look at
 * the value (an INSERT may write NULL, the live value, into the marker column) see it.
 *
 * <p>Immutable; thread-safe when its arguments are.
 */
final class DriverBoundValue {

    private static final DataType<DriverBoundValue> TYPE = SQLDataType.OTHER.asConvertedDataType(new DriverBinding());

    // The SQL type of a NULL given to each setter jOOQ lacks.
    private static final Map<String, Integer> NULL_TYPES = Map.of(
        "setArray", Types.ARRAY, "setSQLXML", Types.SQLXML, "setRef", Types.REF, "setRowId", Types.ROWID,
        "setURL", Types.DATALINK, "setDate", Types.DATE, "setTime", Types.TIME, "setTimestamp", Types.TIMESTAMP);

    private final Method setter;
    private final Object[] arguments;

    private DriverBoundValue(Method setter, Object[] arguments) {
        this.setter = setter;
        this.arguments = arguments.clone();
    }

    /**
     * Whether jOOQ's parsing statement lacks {@code setter}, a method of {@link PreparedStatement}: the setters
     * named above, told apart by name and by their argument count (setDate with a Calendar has three).
     */
    static boolean needed(Method setter) {
        int count = setter.getParameterCount();
        return switch (setter.getName()) {
            case "setArray", "setSQLXML", "setRef", "setRowId", "setURL" -> count == 2;
            case "setDate", "setTime", "setTimestamp" -> count == 3;
            default -> false;
        };
    }

    /** Sets the value of {@code setter(arguments)} on jOOQ's parsing statement. */
    static void set(PreparedStatement parsing, Method setter, Object[] arguments) throws SQLException {
        int index = (Integer) arguments[0];
        if (arguments[1] == null)
            parsing.setNull(index, NULL_TYPES.get(setter.getName()));
        else
            parsing.setObject(index, new DriverBoundValue(setter, arguments)); // jOOQ finds TYPE by the value's class
    }

    /** Makes the original setter call on {@code statement}, for the parameter at {@code index}. */
    private void bind(PreparedStatement statement, int index) throws SQLException {
        Object[] atIndex = arguments.clone();
        atIndex[0] = index;
        try {
            SqlTextConnection.call(setter, statement, atIndex);
        } catch (SQLException | RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new SQLException("could not bind the value of " + setter.getName() + " at index " + index, e);
        }
    }

    @Override
    public String toString() {
        // what jOOQ shows if it ever logs the value
        return setter.getName() + "(" + arguments[1] + ")";
    }

    /** Renders a placeholder, and binds with the setter that was called; reads nothing. */
    private static final class DriverBinding implements Binding<Object, DriverBoundValue> {

        private static final long serialVersionUID = 1L;

        @Override
        public Converter<Object, DriverBoundValue> converter() {
            return Converter.of(Object.class, DriverBoundValue.class, value -> (DriverBoundValue) value, value -> value);
        }

        @Override
        public void sql(BindingSQLContext<DriverBoundValue> ctx) {
            ctx.render().sql(ctx.variable());
        }

        @Override
        public void set(BindingSetStatementContext<DriverBoundValue> ctx) throws SQLException {
            ctx.value().bind(ctx.statement(), ctx.index());
        }

        @Override
        public void register(BindingRegisterContext<DriverBoundValue> ctx) throws SQLException {
            throw unread();
        }

        @Override
        public void set(BindingSetSQLOutputContext<DriverBoundValue> ctx) throws SQLException {
            throw unread();
        }

        @Override
        public void get(BindingGetResultSetContext<DriverBoundValue> ctx) throws SQLException {
            throw unread();
        }

        @Override
        public void get(BindingGetStatementContext<DriverBoundValue> ctx) throws SQLException {
            throw unread();
        }

        @Override
        public void get(BindingGetSQLInputContext<DriverBoundValue> ctx) throws SQLException {
            throw unread();
        }

        private static SQLException unread() {
            return new SQLFeatureNotSupportedException("a value bound with the driver's own setter is only ever bound");
        }
    }
}
