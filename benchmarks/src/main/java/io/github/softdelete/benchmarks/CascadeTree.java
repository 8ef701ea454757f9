package io.github.softdelete.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.softdelete.it.harness.TestDatabase;

/**
 * The tree that B3 deletes, over and over, in {@link Dataset#CASCADE}: user 1, its 100 posts, their
 * 1,000 comments and those comments' 1,000 likes. Between two deletes it is brought back with plain
 * SQL and the tables are vacuumed, so every delete meets the same table and index sizes.
 */
final class CascadeTree {

    static final long USER_ID = 1;

    /** The rows one delete of {@link #USER_ID} stamps, per table. */
    static final Map<String, Integer> DELETED_ROWS = orderedMap("users", 1, "posts", 100, "comments", 1000, "likes", 1000);

    private static final List<String> TABLES = List.copyOf(DELETED_ROWS.keySet());

    private CascadeTree() {
    }

    /** Makes every row live again and vacuums the tables. Needs a connection in auto-commit mode. */
    static void restore(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String table : TABLES)
                statement.execute("UPDATE " + table + " SET deleted_at = NULL WHERE deleted_at IS NOT NULL");
            statement.execute("VACUUM " + String.join(", ", TABLES));
        }
    }

    /** The number of deleted rows per table. */
    static Map<String, Integer> deletedRows(Connection connection) throws SQLException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement()) {
            for (String table : TABLES)
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table + " WHERE deleted_at IS NOT NULL")) {
                    rows.next();
                    counts.put(table, rows.getInt(1));
                }
        }
        return counts;
    }

    /** Fails unless exactly the tree is deleted: a benchmark that did less would flatter itself. */
    static void checkDeleted(Connection connection, CascadeApproach approach) throws SQLException {
        Map<String, Integer> deleted = deletedRows(connection);
        if (!deleted.equals(DELETED_ROWS))
            throw new IllegalStateException(approach + " left " + deleted + " deleted rows, expected " + DELETED_ROWS);
    }

    /**
     * Deletes the tree once per approach with a {@link RoundTrips} counter on the connection, checks
     * that each deleted exactly the tree, and restores it. Returns the round trips per approach.
     */
    static Map<CascadeApproach, Integer> roundTrips(TestDatabase database) throws SQLException {
        RoundTrips counter = new RoundTrips();
        Map<CascadeApproach, Integer> trips = new EnumMap<>(CascadeApproach.class);
        try (BenchmarkConnection connection = BenchmarkConnection.open(database, counter)) {
            for (CascadeApproach approach : CascadeApproach.values()) {
                restore(connection.jdbc());
                counter.reset();
                approach.delete(connection, USER_ID);
                trips.put(approach, counter.count());
                checkDeleted(connection.jdbc(), approach);
            }
            restore(connection.jdbc());
        }
        return trips;
    }

    private static Map<String, Integer> orderedMap(Object... entries) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < entries.length; i += 2)
            map.put((String) entries[i], (Integer) entries[i + 1]);
        return Collections.unmodifiableMap(map);
    }
}
