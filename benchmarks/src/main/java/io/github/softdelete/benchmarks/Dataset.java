package io.github.softdelete.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The rows each database benchmark runs against, on the reference schema (with its indexes), written
 * with {@code generate_series} so that seeding takes about a second.
 *
 * <p>Immutable; thread-safe. {@link #seed} uses the connection it is given.
 */
public enum Dataset {

    /**
     * B2: 1,000 users (5% deleted) and 10,000 posts in 10 categories, 10% of them deleted, including
     * every post of a deleted user.
     */
    READS(List.of(
        users(1000, "CASE WHEN i % 20 = 0 THEN now() END"),
        categories(),
        "INSERT INTO posts (id, author_id, category_id, title, content, deleted_at)"
            + " SELECT i, (i - 1) % 1000 + 1, (i - 1) % 10 + 1, 'Post ' || i, repeat('Lorem ipsum ', 20),"
            + " CASE WHEN i % 10 = 0 THEN now() END"
            + " FROM generate_series(1, 10000) i")),

    /** B4: 10,000 live posts of 1,000 live users (10 each), and no deleted post. */
    TOMBSTONES_0(tombstones(1)),

    /**
     * B4: the same 10,000 live posts (same authors, in the same order) among 90,000 deleted ones. The
     * deleted rows are interleaved with the live ones (every tenth post is live), as deletes spread over
     * the table's life leave them, rather than in one block.
     */
    TOMBSTONES_90(tombstones(10)),

    /**
     * {@link #TOMBSTONES_90} plus one index the reference schema lacks, {@code posts (id) WHERE
     * deleted_at IS NULL}: the remedy B4 proposes for paging in primary-key order (see docs/benchmark-notes.md).
     */
    TOMBSTONES_90_INDEXED(concat(tombstones(10),
        "CREATE INDEX posts_id_live_idx ON posts (id) WHERE deleted_at IS NULL")),

    /**
     * B3: user 1 has 100 posts, each with 10 comments by other users, each comment with one like by yet
     * another user: 2,101 rows to delete. Around them, 1,000 other users with 4,900 posts, 49,000
     * comments and 49,000 likes that the delete must leave alone.
     */
    CASCADE(List.of(
        users(1001, "NULL"),
        categories(),
        "INSERT INTO posts (id, author_id, category_id, title)"
            + " SELECT i, CASE WHEN i <= 100 THEN 1 ELSE i % 1000 + 2 END, i % 10 + 1, 'Post ' || i"
            + " FROM generate_series(1, 5000) i",
        "INSERT INTO comments (id, post_id, author_id, body)"
            + " SELECT i, (i - 1) / 10 + 1, i % 1000 + 2, 'Comment ' || i FROM generate_series(1, 50000) i",
        "INSERT INTO likes (user_id, comment_id)"
            + " SELECT (i + 1) % 1000 + 2, i FROM generate_series(1, 50000) i"));

    /** The number of live posts in every {@code TOMBSTONES_*} dataset. */
    static final int LIVE_POSTS = 10_000;

    private final List<String> statements;

    Dataset(List<String> statements) {
        this.statements = statements;
    }

    /** The name of the system property that carries this dataset's JDBC URL to JMH's forks. */
    String urlProperty() {
        return "softdelete.benchmarks." + name().toLowerCase(Locale.ROOT) + ".url";
    }

    /** The name of the system property that carries the role to connect as, if the URL has none. */
    String userProperty() {
        return "softdelete.benchmarks." + name().toLowerCase(Locale.ROOT) + ".user";
    }

    /**
     * Fills an empty, migrated database, moves the identity sequences past the explicit ids, and
     * vacuums and analyses it so that every benchmark starts with fresh statistics.
     */
    void seed(Connection connection) throws SQLException {
        seed(connection, statements);
    }

    /** Runs {@code statements} on an empty, migrated database as {@link #seed(Connection)} does its own. */
    static void seed(Connection connection, List<String> statements) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true); // VACUUM refuses to run inside a transaction
        try (Statement statement = connection.createStatement()) {
            // The harness's servers may run with synchronous_commit=off, and VACUUM cannot mark a page
            // all-visible while its rows' commit is not yet flushed: index-only scans would then read
            // the heap, as no long-lived table would make them.
            statement.execute("SET synchronous_commit = on");
            for (String sql : statements)
                statement.execute(sql);
            for (String table : List.of("users", "categories", "posts", "comments"))
                statement.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), coalesce(max(id), 0) + 1, false)"
                    + " FROM " + table);
            statement.execute("VACUUM ANALYZE");
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static String users(int count, String deletedAt) {
        return "INSERT INTO users (id, email, name, deleted_at)"
            + " SELECT i, 'user' || i || '@example.com', 'User ' || i, " + deletedAt
            + " FROM generate_series(1, " + count + ") i";
    }

    private static String categories() {
        return "INSERT INTO categories (id, name) SELECT i, 'Category ' || i FROM generate_series(1, 10) i";
    }

    // Post i is live when i % stride = 0; live post k (= i / stride) belongs to user (k - 1) % 1000 + 1
    // in every dataset, so the live rows are the same rows whatever the share of deleted ones.
    private static List<String> tombstones(int stride) {
        return tombstones(LIVE_POSTS, stride);
    }

    /** {@code live} live posts of 1,000 users, each followed by {@code stride - 1} deleted ones. */
    static List<String> tombstones(int live, int stride) {
        return List.of(
            users(1000, "NULL"),
            categories(),
            "INSERT INTO posts (id, author_id, category_id, title, content, deleted_at)"
                + " SELECT i,"
                + " CASE WHEN i % " + stride + " = 0 THEN (i / " + stride + " - 1) % 1000 + 1 ELSE (i - 1) % 1000 + 1 END,"
                + " (i - 1) % 10 + 1, 'Post ' || i, repeat('Lorem ipsum ', 20),"
                + " CASE WHEN i % " + stride + " = 0 THEN NULL ELSE now() - interval '1 day' END"
                + " FROM generate_series(1, " + (long) live * stride + ") i");
    }

    private static List<String> concat(List<String> statements, String more) {
        return Stream.concat(statements.stream(), Stream.of(more)).toList();
    }
}
