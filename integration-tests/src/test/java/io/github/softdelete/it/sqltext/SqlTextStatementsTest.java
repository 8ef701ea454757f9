package io.github.softdelete.it.sqltext;

import static io.github.softdelete.it.db.Tables.POSTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.harness.PostgresTest;

/**
 * What the statements of {@link SoftDelete#dataSource} do beyond the contract that {@link JdbcContractTest}
 * walks: the marker rule holds for every execution of one SQL string, values bound with the driver's own setters
 * are seen by the rules, results are closed on re-execution, and the DataSource's connection cannot be stepped
 * around through the statements or {@code unwrap}.
 */
@PostgresTest
class SqlTextStatementsTest extends SeededDatabaseTest {

    private static final String INSERT_WITH_MARKER = "insert into posts (author_id, title, deleted_at) values (?, ?, ?)";

    private final DataSource driver;
    private final DataSource filtered;

    SqlTextStatementsTest() {
        this.driver = database.dataSource();
        this.filtered = SoftDelete.dataSource(ctx.configuration());
    }

    @Test
    void insertWritingTheMarkerFromABindValue_nullThenTimestamp_theTimestampRefusedEveryTime() throws SQLException {
        // jOOQ caches a rendering by the SQL and the types of its bind values: the NULL's rendering used to be
        // reused for the timestamp, and the row was inserted as deleted
        try (Connection connection = filtered.getConnection()) {
            try (PreparedStatement live = connection.prepareStatement(INSERT_WITH_MARKER)) {
                bind(live, "live", null);
                assertThat(live.executeUpdate()).isEqualTo(1);
            }
            SQLException refused = catchThrowableOfType(() -> {
                try (PreparedStatement deleted = connection.prepareStatement(INSERT_WITH_MARKER)) {
                    bind(deleted, "deleted", Timestamp.valueOf("2026-01-01 00:00:00"));
                    deleted.executeUpdate();
                }
            }, SQLException.class);
            SQLException inBatch = catchThrowableOfType(() -> {
                try (PreparedStatement batch = connection.prepareStatement(INSERT_WITH_MARKER)) {
                    bind(batch, "batch-live", null);
                    batch.addBatch();
                    bind(batch, "batch-deleted", Timestamp.valueOf("2026-01-01 00:00:00"));
                    batch.addBatch();
                    batch.executeBatch();
                }
            }, SQLException.class);

            assertThat((Throwable) refused).isInstanceOf(SQLFeatureNotSupportedException.class)
                .hasMessageContaining("cannot write the soft-delete marker \"posts\".deleted_at in an INSERT")
                .hasCauseInstanceOf(SoftDeleteException.class);
            assertThat((Throwable) inBatch).hasMessageContaining("cannot write the soft-delete marker \"posts\".deleted_at");
        }
        assertThat(titlesOfPosts()).containsExactly("live");
    }

    @Test
    void driverBoundValue_calendarSetter_seenByTheMarkerRule() throws SQLException {
        Calendar tokyo = Calendar.getInstance(TimeZone.getTimeZone("Asia/Tokyo"));
        try (Connection connection = filtered.getConnection()) {
            try (PreparedStatement live = connection.prepareStatement(INSERT_WITH_MARKER)) {
                live.setLong(1, 1L);
                live.setString(2, "calendar-live");
                live.setTimestamp(3, null, tokyo);
                assertThat(live.executeUpdate()).isEqualTo(1);
            }
            SQLException refused = catchThrowableOfType(() -> {
                try (PreparedStatement deleted = connection.prepareStatement(INSERT_WITH_MARKER)) {
                    deleted.setLong(1, 1L);
                    deleted.setString(2, "calendar-deleted");
                    deleted.setTimestamp(3, Timestamp.valueOf("2026-01-01 00:00:00"), tokyo);
                    deleted.executeUpdate();
                }
            }, SQLException.class);

            assertThat((Throwable) refused).hasMessageContaining("cannot write the soft-delete marker \"posts\".deleted_at");
        }
        assertThat(titlesOfPosts()).containsExactly("calendar-live");
    }

    @Test
    void driverBoundValue_calendarSetter_boundAsTheDriverBindsIt() throws SQLException {
        assumeFalse(onMariaDb(), "PostgreSQL cast syntax (as text)");
        Calendar tokyo = Calendar.getInstance(TimeZone.getTimeZone("Asia/Tokyo"));
        Timestamp noon = Timestamp.valueOf("2026-01-02 12:00:00");
        try (Connection connection = filtered.getConnection();
                PreparedStatement update = connection.prepareStatement("update posts set title = cast(? as text) where id = ?")) {
            update.setTimestamp(1, noon, tokyo);
            update.setLong(2, 10L);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        String viaDriver;
        try (Connection connection = plainConnection(); PreparedStatement select = connection.prepareStatement("select cast(? as text)")) {
            select.setTimestamp(1, noon, tokyo);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                viaDriver = rows.getString(1);
            }
        }

        assertThat(plain.fetchValue(POSTS.TITLE, POSTS.ID.eq(10L))).isEqualTo(viaDriver).contains("+09");
    }

    @Test
    void reExecution_closesTheResultsOfTheExecutionBefore() throws SQLException {
        try (Connection connection = filtered.getConnection();
                PreparedStatement select = connection.prepareStatement("select id from users where id = ?")) {
            select.setLong(1, 1L);
            ResultSet first = select.executeQuery();
            select.setLong(1, 2L);
            try (ResultSet second = select.executeQuery()) {
                assertThat(first.isClosed()).isTrue();
                assertThat(second.next()).isTrue();
                assertThat(second.getLong(1)).isEqualTo(2L);
            }
        }
    }

    @Test
    void preparedStatement_beforeItRuns_openAndOfItsConnection() throws SQLException {
        try (Connection connection = filtered.getConnection();
                PreparedStatement select = connection.prepareStatement("select id from users where id = ?")) {
            assertThat(select.isClosed()).isFalse();
            assertThat(select.getConnection()).isSameAs(connection);
            assertThat(select.getResultSet()).isNull();
            assertThat(select.getUpdateCount()).isEqualTo(-1);
            select.close();
            assertThat(select.isClosed()).isTrue();
        }
    }

    @Test
    void unwrapToConnection_theFilteringConnection() throws SQLException {
        assumeFalse(onMariaDb(), "unwraps to the PostgreSQL driver's PGConnection");
        try (Connection connection = filtered.getConnection()) {
            Connection unwrapped = connection.unwrap(Connection.class);

            assertThat(unwrapped).isSameAs(connection);
            assertThat(ids(unwrapped.prepareStatement("select id from users order by id").executeQuery())).containsExactly(1L, 2L, 4L);
            assertThat(connection.isWrapperFor(org.postgresql.PGConnection.class)).isTrue();
            assertThat(connection.unwrap(org.postgresql.PGConnection.class)).isNotNull();
        }
    }

    @Test
    void getParameterMetaData_theTypesOfTheSqlAsWritten_forSpringsSetNull() throws SQLException {
        assumeFalse(onMariaDb(), "MariaDB Connector/J gives no parameter type metadata (SQLFeatureNotSupportedException)");
        try (Connection connection = filtered.getConnection();
                PreparedStatement update = connection.prepareStatement("update posts set editor_id = ? where id = ?")) {
            ParameterMetaData parameters = update.getParameterMetaData();

            assertThat(parameters.getParameterCount()).isEqualTo(2);
            assertThat(parameters.getParameterType(1)).isEqualTo(Types.BIGINT);
            update.setNull(1, parameters.getParameterType(1));
            update.setLong(2, 10L);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        assertThat(plain.fetchValue(POSTS.EDITOR_ID, POSTS.ID.eq(10L))).isNull();
    }

    private Connection plainConnection() throws SQLException {
        return driver.getConnection();
    }

    private static void bind(PreparedStatement insert, String title, Timestamp deletedAt) throws SQLException {
        insert.setLong(1, 1L);
        insert.setString(2, title);
        if (deletedAt == null)
            insert.setNull(3, Types.TIMESTAMP);
        else
            insert.setTimestamp(3, deletedAt);
    }

    private List<String> titlesOfPosts() {
        return plain.select(POSTS.TITLE).from(POSTS).where(POSTS.ID.ge(1000L)).orderBy(POSTS.ID).fetch(POSTS.TITLE);
    }

    private static List<Long> ids(ResultSet rows) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (rows) {
            while (rows.next())
                ids.add(rows.getLong(1));
        }
        return ids;
    }
}
