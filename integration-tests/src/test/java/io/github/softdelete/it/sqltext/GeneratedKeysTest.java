package io.github.softdelete.it.sqltext;

import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.TAGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.SimpleJdbcInsert;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.harness.PostgresTest;

/**
 * Generated keys through {@link SoftDelete#dataSource}, in every form JDBC has: an INSERT into a
 * soft-deletable table is rewritten ({@code WITH ... INSERT INTO posts ... SELECT ...}, which checks the
 * parents), and PostgreSQL's driver appends {@code RETURNING} to that rewritten statement; the keys that come
 * back must be those of the rows now in the table. The forms the driver does not support (column indexes)
 * behave as they do on the driver itself.
 */
@PostgresTest
class GeneratedKeysTest extends SeededDatabaseTest {

    private static final String INSERT_POST = "insert into posts (author_id, category_id, title) values (?, ?, ?)";

    private final DataSource filtered;
    private final DataSource driver;

    GeneratedKeysTest() {
        this.filtered = SoftDelete.dataSource(ctx.configuration());
        this.driver = database.dataSource();
    }

    @Test
    void prepareStatement_returnGeneratedKeys_rewrittenInsert_keysAreTheInsertedRows() throws SQLException {
        List<Map<String, Object>> keys;
        try (Connection connection = filtered.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT_POST, Statement.RETURN_GENERATED_KEYS)) {
            bindPost(insert, 1L, "keyed");
            assertThat(insert.executeUpdate()).isEqualTo(1);
            keys = rows(insert.getGeneratedKeys());
        }

        // RETURN_GENERATED_KEYS: the driver appends RETURNING *, so the whole row comes back
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0)).containsKeys("id", "author_id", "title", "deleted_at");
        assertThat(keys.get(0).get("id")).isEqualTo(idOfPost("keyed")).isEqualTo(1000L);
        assertThat(keys.get(0).get("deleted_at")).isNull();
    }

    @Test
    void prepareStatement_columnNames_multiRowInsert_oneKeyPerInsertedRow() throws SQLException {
        List<Map<String, Object>> keys;
        try (Connection connection = filtered.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                    "insert into posts (author_id, title) values (?, 'two-a'), (?, 'two-b')", new String[] { "id" })) {
            insert.setLong(1, 1L);
            insert.setLong(2, 2L);
            assertThat(insert.executeUpdate()).isEqualTo(2);
            keys = rows(insert.getGeneratedKeys());
        }

        assertThat(keys).extracting(Map::keySet).containsOnly(Set.of("id"));
        assertThat(keys).extracting(row -> row.get("id")).containsExactlyInAnyOrder(idOfPost("two-a"), idOfPost("two-b"));
    }

    @Test
    void prepareStatement_columnNames_batch_keysOfEveryRow() throws SQLException {
        List<Map<String, Object>> keys;
        try (Connection connection = filtered.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT_POST, new String[] { "id", "title" })) {
            bindPost(insert, 1L, "batch-a");
            insert.addBatch();
            bindPost(insert, 2L, "batch-b");
            insert.addBatch();
            assertThat(insert.executeBatch()).containsExactly(1, 1);
            keys = rows(insert.getGeneratedKeys());
        }

        assertThat(keys).containsExactlyInAnyOrder(
            Map.of("id", idOfPost("batch-a"), "title", "batch-a"), Map.of("id", idOfPost("batch-b"), "title", "batch-b"));
    }

    @Test
    void prepareStatement_reExecuted_keysOfTheLastExecution() throws SQLException {
        List<Map<String, Object>> second;
        try (Connection connection = filtered.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT_POST, new String[] { "id" })) {
            bindPost(insert, 1L, "first");
            insert.executeUpdate();
            bindPost(insert, 2L, "second");
            insert.executeUpdate();
            second = rows(insert.getGeneratedKeys());
        }

        assertThat(second).containsExactly(Map.of("id", idOfPost("second")));
    }

    @Test
    void prepareStatement_notSoftDeletableTable_keysToo() throws SQLException {
        List<Map<String, Object>> keys;
        try (Connection connection = filtered.getConnection();
                PreparedStatement insert = connection.prepareStatement("insert into tags (name) values (?)", new String[] { "id" })) {
            insert.setString(1, "keyed-tag");
            insert.executeUpdate();
            keys = rows(insert.getGeneratedKeys());
        }

        assertThat(keys).containsExactly(Map.of("id", plain.fetchValue(TAGS.ID, TAGS.NAME.eq("keyed-tag"))));
    }

    @Test
    void prepareStatement_columnIndexes_asOnTheDriver() throws SQLException {
        // The driver supports an empty array (no keys asked for) and refuses the others with its own error.
        SQLException onDriver = columnIndexesError(driver, "driver");
        SQLException onFiltered = columnIndexesError(filtered, "filtered");

        assertThat(onDriver.getSQLState()).isEqualTo("0A000");
        assertThat(onFiltered.getSQLState()).isEqualTo(onDriver.getSQLState());
        assertThat((Throwable) onFiltered).isNotInstanceOf(SQLFeatureNotSupportedException.class);
        assertThat(plain.fetchCount(POSTS, POSTS.TITLE.in("driver", "filtered"))).isZero();

        try (Connection connection = filtered.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT_POST, new int[0])) {
            bindPost(insert, 1L, "no-keys");
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
        assertThat(plain.fetchCount(POSTS, POSTS.TITLE.eq("no-keys"))).isEqualTo(1);
    }

    @Test
    void statement_everyGeneratedKeysOverload_keysAreTheInsertedRows() throws SQLException {
        try (Connection connection = filtered.getConnection(); Statement statement = connection.createStatement()) {
            assertThat(statement.executeUpdate(insertPost("s-update-int"), Statement.RETURN_GENERATED_KEYS)).isEqualTo(1);
            assertThat(ids(statement.getGeneratedKeys())).containsExactly(idOfPost("s-update-int"));

            assertThat(statement.executeUpdate(insertPost("s-update-names"), new String[] { "id" })).isEqualTo(1);
            assertThat(ids(statement.getGeneratedKeys())).containsExactly(idOfPost("s-update-names"));

            assertThat(statement.execute(insertPost("s-execute-int"), Statement.RETURN_GENERATED_KEYS)).isFalse();
            assertThat(ids(statement.getGeneratedKeys())).containsExactly(idOfPost("s-execute-int"));

            assertThat(statement.execute(insertPost("s-execute-names"), new String[] { "id" })).isFalse();
            assertThat(ids(statement.getGeneratedKeys())).containsExactly(idOfPost("s-execute-names"));

            assertThat(statement.executeLargeUpdate(insertPost("s-large-names"), new String[] { "id" })).isEqualTo(1L);
            assertThat(ids(statement.getGeneratedKeys())).containsExactly(idOfPost("s-large-names"));

            assertThat(statement.executeUpdate(insertPost("s-update-empty-indexes"), new int[0])).isEqualTo(1);

            SQLException indexes = catchThrowableOfType(() -> statement.execute(insertPost("s-indexes"), new int[] { 1 }), SQLException.class);
            assertThat(indexes.getSQLState()).isEqualTo("0A000");
        }
        assertThat(plain.fetchCount(POSTS, POSTS.TITLE.eq("s-indexes"))).isZero();
    }

    @Test
    void statement_unparseablePassedThrough_keysFromThePhysicalStatement() throws SQLException {
        DataSource lenient = SoftDelete.dataSource(SoftDelete.allowPlainSql(ctx).configuration());
        try (Connection connection = lenient.getConnection(); Statement statement = connection.createStatement()) {
            // jOOQ does not parse ntile over a column; the INSERT ... SELECT runs as written
            statement.executeUpdate("insert into tags (name) select 'n' || ntile(id::int) over () from users where id = 1",
                new String[] { "id" });
            assertThat(ids(statement.getGeneratedKeys())).containsExactly(plain.fetchValue(TAGS.ID, TAGS.NAME.eq("n1")));
        }
    }

    @Test
    void documentedUsage_keyHolder_idOfTheInsertedPost() {
        JdbcTemplate jdbc = new JdbcTemplate(filtered);
        // snippet:begin sql-text-generated-keys
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement(
                "insert into posts (author_id, title) values (?, ?)", new String[] { "id" });
            insert.setLong(1, 1L);
            insert.setString(2, "Hello");
            return insert;
        }, keys);
        long id = keys.getKey().longValue();
        // snippet:end sql-text-generated-keys

        assertThat(id).isEqualTo(idOfPost("Hello"));
    }

    @Test
    void jdbcTemplate_generatedKeyHolder_keyOfTheInsertedRow() {
        JdbcTemplate jdbc = new JdbcTemplate(filtered);
        KeyHolder names = new GeneratedKeyHolder();
        KeyHolder all = new GeneratedKeyHolder();

        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement(INSERT_POST, new String[] { "id" });
            bindPost(insert, 1L, "holder-names");
            return insert;
        }, names);
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement(INSERT_POST, Statement.RETURN_GENERATED_KEYS);
            bindPost(insert, 2L, "holder-all");
            return insert;
        }, all);

        assertThat(names.getKey()).isEqualTo(idOfPost("holder-names"));
        assertThat(all.getKeys()).containsEntry("id", idOfPost("holder-all")).containsEntry("author_id", 2L);
    }

    @Test
    void jdbcTemplate_batchUpdateWithKeyHolder_keyOfEveryRow() {
        JdbcTemplate jdbc = new JdbcTemplate(filtered);
        KeyHolder keys = new GeneratedKeyHolder();

        jdbc.batchUpdate(connection -> connection.prepareStatement(INSERT_POST, new String[] { "id" }),
            new BatchPreparedStatementSetter() {
                @Override
                public void setValues(PreparedStatement insert, int i) throws SQLException {
                    bindPost(insert, List.of(1L, 2L, 4L).get(i), "batch-holder-" + i);
                }

                @Override
                public int getBatchSize() {
                    return 3;
                }
            }, keys);

        assertThat(keys.getKeyList()).extracting(row -> row.get("id"))
            .containsExactlyInAnyOrder(idOfPost("batch-holder-0"), idOfPost("batch-holder-1"), idOfPost("batch-holder-2"));
    }

    @Test
    void simpleJdbcInsert_executeAndReturnKey_keyOfTheInsertedRow_parentsStillChecked() {
        SimpleJdbcInsert insert = new SimpleJdbcInsert(new JdbcTemplate(filtered)).withTableName("posts")
            .usingGeneratedKeyColumns("id");

        // every other column is written: deleted_at as NULL, the live value an INSERT may write
        Number key = insert.executeAndReturnKey(Map.of("author_id", 1L, "category_id", 3L, "title", "simple"));

        assertThat(key.longValue()).isEqualTo(idOfPost("simple"));
        assertThat(plain.fetchValue(POSTS.DELETED_AT, POSTS.ID.eq(key.longValue()))).isNull();
        // the INSERT went through the rewrite: user 3 is deleted, so the row is refused, and nothing is inserted
        assertThatThrownBy(() -> insert.executeAndReturnKey(Map.of("author_id", 3L, "title", "simple-refused")))
            .isInstanceOf(DataIntegrityViolationException.class)
            .hasMessageContaining("cannot write rows of \"posts\" that reference a deleted row of \"users\"");
        assertThat(plain.fetchCount(POSTS, POSTS.TITLE.eq("simple-refused"))).isZero();
    }

    private SQLException columnIndexesError(DataSource dataSource, String title) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return catchThrowableOfType(() -> {
                try (PreparedStatement insert = connection.prepareStatement(INSERT_POST, new int[] { 1 })) {
                    bindPost(insert, 1L, title);
                    insert.executeUpdate();
                }
            }, SQLException.class);
        }
    }

    private static void bindPost(PreparedStatement insert, long author, String title) throws SQLException {
        insert.setLong(1, author);
        insert.setLong(2, 1L);
        insert.setString(3, title);
    }

    private static String insertPost(String title) {
        return "insert into posts (author_id, title) values (1, '" + title + "')";
    }

    private long idOfPost(String title) {
        return plain.select(POSTS.ID).from(POSTS).where(POSTS.TITLE.eq(title)).fetchSingle().value1();
    }

    private static List<Long> ids(ResultSet keys) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (keys) {
            while (keys.next())
                ids.add(keys.getLong("id"));
        }
        return ids;
    }

    private static List<Map<String, Object>> rows(ResultSet keys) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (keys) {
            ResultSetMetaData meta = keys.getMetaData();
            while (keys.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++)
                    row.put(meta.getColumnName(i), keys.getObject(i));
                rows.add(row);
            }
        }
        return rows;
    }
}
