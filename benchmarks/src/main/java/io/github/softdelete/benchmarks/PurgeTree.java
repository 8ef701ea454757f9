package io.github.softdelete.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/**
 * The three-level tree the purge benchmark removes: users, 10 posts each, 10 comments per post, all
 * soft-deleted long ago ({@link #OLD}), so 111 deleted rows per user; beside them a live tenth of the
 * same shape, which must stay. Seeded with plain SQL and vacuumed, so both approaches meet the same tables.
 */
final class PurgeTree {

    static final String OLD = "2025-01-01 00:00:00+00";
    static final Instant CUTOFF = Instant.parse("2026-01-01T00:00:00Z");

    /**
     * The indexes the schema lint recommends for this tree's foreign keys, which the reference schema
     * has since V5: each key's referencing columns and the marker, over all rows. A hard delete of a
     * parent makes PostgreSQL look up its children by these columns, deleted children included, which
     * live-only partial indexes cannot serve. {@link #seed} recreates them if they were dropped.
     */
    static final String[] LINT_INDEXES = {
        "CREATE INDEX IF NOT EXISTS posts_author_id_idx ON posts (author_id, deleted_at)",
        "CREATE INDEX IF NOT EXISTS posts_category_id_idx ON posts (category_id, deleted_at)",
        "CREATE INDEX IF NOT EXISTS posts_editor_id_idx ON posts (editor_id, deleted_at)",
        "CREATE INDEX IF NOT EXISTS comments_post_id_idx ON comments (post_id, deleted_at)",
        "CREATE INDEX IF NOT EXISTS comments_author_id_idx ON comments (author_id, deleted_at)",
        "CREATE INDEX IF NOT EXISTS comments_parent_id_idx ON comments (parent_id, deleted_at)",
        "CREATE INDEX IF NOT EXISTS likes_comment_id_idx ON likes (comment_id, deleted_at)" };

    /** The live-only partial indexes the reference schema had before V5, for the purge's "before" plans. */
    static final String[] LIVE_ONLY_INDEXES = {
        "CREATE INDEX IF NOT EXISTS posts_author_id_live_idx ON posts (author_id) WHERE deleted_at IS NULL",
        "CREATE INDEX IF NOT EXISTS posts_category_id_live_idx ON posts (category_id) WHERE deleted_at IS NULL",
        "CREATE INDEX IF NOT EXISTS posts_editor_id_live_idx ON posts (editor_id) WHERE deleted_at IS NULL",
        "CREATE INDEX IF NOT EXISTS comments_post_id_live_idx ON comments (post_id) WHERE deleted_at IS NULL",
        "CREATE INDEX IF NOT EXISTS comments_author_id_live_idx ON comments (author_id) WHERE deleted_at IS NULL",
        "CREATE INDEX IF NOT EXISTS comments_parent_id_live_idx ON comments (parent_id) WHERE deleted_at IS NULL",
        "CREATE INDEX IF NOT EXISTS likes_comment_id_live_idx ON likes (comment_id) WHERE deleted_at IS NULL" };

    private PurgeTree() {
    }

    /**
     * Seeds {@code deletedUsers} deleted trees and a tenth as many live ones, under the lint's indexes
     * ({@code lintIndexes}) or under the live-only ones instead; returns the deleted rows.
     */
    static long seed(Connection connection, int deletedUsers, boolean lintIndexes) throws SQLException {
        int liveUsers = Math.max(1, deletedUsers / 10);
        int users = deletedUsers + liveUsers;
        try (Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE post_tags, tags, likes, comments, posts, categories, users RESTART IDENTITY CASCADE");
            for (String index : LINT_INDEXES)
                statement.execute(lintIndexes ? index : drop(index));
            for (String index : LIVE_ONLY_INDEXES)
                statement.execute(lintIndexes ? drop(index) : index);
            // Users 1..deletedUsers are deleted with their trees; the rest are live.
            statement.execute("INSERT INTO users (id, email, name, deleted_at) SELECT u, 'u' || u || '@example.com', 'u' || u,"
                + " CASE WHEN u <= " + deletedUsers + " THEN timestamptz '" + OLD + "' END FROM generate_series(1, " + users + ") u");
            statement.execute("INSERT INTO posts (id, author_id, title, deleted_at) SELECT p, (p - 1) / 10 + 1, 'post ' || p,"
                + " CASE WHEN (p - 1) / 10 + 1 <= " + deletedUsers + " THEN timestamptz '" + OLD + "' END"
                + " FROM generate_series(1, " + users * 10L + ") p");
            statement.execute("INSERT INTO comments (id, post_id, author_id, body, deleted_at) SELECT c, (c - 1) / 10 + 1,"
                + " (c - 1) / 100 + 1, 'comment ' || c, CASE WHEN (c - 1) / 100 + 1 <= " + deletedUsers
                + " THEN timestamptz '" + OLD + "' END FROM generate_series(1, " + users * 100L + ") c");
            statement.execute("VACUUM ANALYZE users, posts, comments, likes, post_tags");
        }
        return deletedUsers * 111L;
    }

    private static String drop(String createIndex) {
        return createIndex.replace("CREATE INDEX IF NOT EXISTS", "DROP INDEX IF EXISTS").replaceAll(" ON .*", "");
    }

    /** The rows left per table, live and deleted. */
    static String counts(Connection connection) throws SQLException {
        StringBuilder counts = new StringBuilder();
        try (Statement statement = connection.createStatement()) {
            for (String table : new String[] { "users", "posts", "comments" })
                try (var rows = statement.executeQuery("SELECT count(*) FILTER (WHERE deleted_at IS NULL),"
                        + " count(*) FILTER (WHERE deleted_at IS NOT NULL) FROM " + table)) {
                    rows.next();
                    counts.append(table).append(' ').append(rows.getLong(1)).append(" live ").append(rows.getLong(2)).append(" deleted; ");
                }
        }
        return counts.toString();
    }
}
