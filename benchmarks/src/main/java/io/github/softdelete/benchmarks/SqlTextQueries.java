package io.github.softdelete.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.github.softdelete.SoftDelete;

/**
 * The statements of B5 as JDBC code writes them: a PK lookup and a page of posts joined with their
 * authors, each prepared, bound, executed and read through plain JDBC, on the physical connection with
 * {@code deleted_at IS NULL} by hand, or on a connection of {@code SoftDelete.dataSource(...)} without it.
 *
 * <p>Not thread-safe: it uses one connection.
 */
final class SqlTextQueries implements AutoCloseable {

    private final SqlPath path;
    private final Connection jdbc;
    private long distinct;

    SqlTextQueries(BenchmarkConnection connection, SqlPath path) throws SQLException {
        this.path = path;
        // The data source's connections wrap the configuration's connection: the same physical one.
        this.jdbc = path.parsed() ? SoftDelete.dataSource(connection.softDeleting().configuration()).getConnection() : connection.jdbc();
    }

    /** The title of a live post by primary key, or null. */
    String postById(long id) throws SQLException {
        String sql = "select id, title from posts where id = ?" + (path.parsed() ? "" : " and deleted_at is null") + suffix();
        try (PreparedStatement statement = jdbc.prepareStatement(sql)) {
            statement.setLong(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(2) : null;
            }
        }
    }

    /** Page {@code page} (from 0) of the newest live posts with their live authors' names: "id|title|name" each. */
    List<String> page(int page) throws SQLException {
        String sql = "select p.id, p.title, u.name from posts p join users u on u.id = p.author_id"
            + (path.parsed() ? " where true" : " where p.deleted_at is null and u.deleted_at is null") + suffix()
            + " order by p.id desc limit " + ReadQueries.PAGE_SIZE + " offset ?";
        try (PreparedStatement statement = jdbc.prepareStatement(sql)) {
            statement.setInt(1, ReadQueries.PAGE_SIZE * page);
            try (ResultSet rows = statement.executeQuery()) {
                List<String> out = new ArrayList<>(ReadQueries.PAGE_SIZE);
                while (rows.next())
                    out.add(rows.getLong(1) + "|" + rows.getString(2) + "|" + rows.getString(3));
                return out;
            }
        }
    }

    // A literal that changes the SQL string on every call, so that no cache can answer.
    private String suffix() {
        if (!path.distinct())
            return "";
        long n = ++distinct;
        return " and " + n + " = " + n;
    }

    @Override
    public void close() throws SQLException {
        if (path.parsed())
            jdbc.close();
    }
}
