package io.github.softdelete.it.relations;

import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.harness.PostgresTest;

/**
 * Issue 16 item 1: the restore's rewritten set queries (one semi-join per key, the recursion over
 * {@code comments.parent_id}) bring back replies of replies ten levels deep and rows reached through
 * two parents (diamonds), once each, and nothing that another delete took.
 *
 * <p>User 1 ("uma") has post 10. Comment 100 is hers on her post (reached through posts and through
 * users: a diamond), 101 is vic's on her post, 102 is hers on vic's live post 20. Chain A, 200 to 209,
 * replies of replies by vic on post 20 below 102: ten levels reached only through the recursion. Chain
 * B, 300 to 309, the same below 100, but 305 was deleted earlier on its own, so the delete stops there.
 * Likes: vic's on 209 and 100, uma's on 101 (a diamond: through users and through comments), and vic's
 * on 101, deleted earlier.
 */
@PostgresTest
class ReplyChainsAndDiamondsRestoreTest extends SeededDatabaseTest {

    private static final String EARLIER = "timestamptz '2020-01-01 00:00:00+00'";

    /** The chains and diamonds above, not the reference rows. */
    @Override
    protected void seed(DSLContext plain) {
        plain.execute("truncate users, posts, comments, likes restart identity cascade");
        plain.execute("insert into users (id, email, name) values (1, 'uma@example.com', 'uma'), (2, 'vic@example.com', 'vic')");
        plain.execute("insert into posts (id, author_id, title) values (10, 1, 'uma''s'), (20, 2, 'vic''s')");
        plain.execute("insert into comments (id, post_id, author_id, parent_id, body) values"
            + " (100, 10, 1, null, 'diamond'), (101, 10, 2, null, 'on her post'), (102, 20, 1, null, 'hers elsewhere')");
        plain.execute("insert into comments (id, post_id, author_id, parent_id, body)"
            + " select 200 + i, 20, 2, case when i = 0 then 102 else 199 + i end, 'chain A ' || i from generate_series(0, 9) i");
        plain.execute("insert into comments (id, post_id, author_id, parent_id, body, deleted_at)"
            + " select 300 + i, 20, 2, case when i = 0 then 100 else 299 + i end, 'chain B ' || i,"
            + " case when i = 5 then " + EARLIER + " end from generate_series(0, 9) i");
        plain.execute("insert into likes (user_id, comment_id, deleted_at) values (2, 209, null), (2, 100, null), (1, 101, null),"
            + " (2, 101, " + EARLIER + ")");
    }

    @Test
    void restoreUser_tenLevelsOfRepliesAndDiamonds_comeBackOnce_earlierDeletesStay() {
        List<String> before = state();

        ctx.deleteFrom(USERS).where(USERS.ID.eq(1L)).execute();
        List<String> deleted = stampedBy("users", 1);
        statements.clear();
        int restored = SoftDelete.restore(ctx, USERS, USERS.ID.eq(1L));

        assertThat(deleted).containsExactlyInAnyOrder("users 1", "posts 10",
            "comments 100", "comments 101", "comments 102",
            "comments 200", "comments 201", "comments 202", "comments 203", "comments 204",
            "comments 205", "comments 206", "comments 207", "comments 208", "comments 209",
            "comments 300", "comments 301", "comments 302", "comments 303", "comments 304",
            "likes 1.101", "likes 2.100", "likes 2.209");
        assertThat(restored).isEqualTo(1);
        assertThat(statements.executed()).hasSize(1);
        assertThat(state()).isEqualTo(before); // 305 keeps its earlier stamp, like 2.101 too; 306-309 were never deleted
    }

    @Test
    void restoreComment_itsTenLevelsOfReplies_comeBack_inOneStatement() {
        List<String> before = state();

        ctx.deleteFrom(COMMENTS).where(COMMENTS.ID.eq(102L)).execute();
        assertThat(plain.fetchOne("select count(*) from comments where deleted_at is not null and id between 200 and 209")
            .get(0, Integer.class)).isEqualTo(10);
        statements.clear();
        int restored = SoftDelete.restore(ctx, COMMENTS, COMMENTS.ID.eq(102L));

        assertThat(restored).isEqualTo(1);
        assertThat(statements.executed()).hasSize(1);
        assertThat(state()).isEqualTo(before);
    }

    // "table key/marker" for every row: equal lists, equal rows.
    private static List<String> state() {
        return plain.fetch("select 'users ' || id || '/' || coalesce(deleted_at::text, '-') from users"
            + " union all select 'posts ' || id || '/' || coalesce(deleted_at::text, '-') from posts"
            + " union all select 'comments ' || id || '/' || coalesce(deleted_at::text, '-') from comments"
            + " union all select 'likes ' || user_id || '.' || comment_id || '/' || coalesce(deleted_at::text, '-') from likes"
            + " order by 1").getValues(0, String.class);
    }

    // The rows that carry the same stamp as the given user row.
    private static List<String> stampedBy(String table, long id) {
        String stamp = "(select deleted_at from " + table + " where id = " + id + ")";
        return plain.fetch("select 'users ' || id from users where deleted_at = " + stamp
            + " union all select 'posts ' || id from posts where deleted_at = " + stamp
            + " union all select 'comments ' || id from comments where deleted_at = " + stamp
            + " union all select 'likes ' || user_id || '.' || comment_id from likes where deleted_at = " + stamp)
            .getValues(0, String.class);
    }
}
