package io.github.softdelete.it.relations;

import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.it.fixture.SoftDeleteDatabase;
import io.github.softdelete.it.fixture.StatementCounter;
import io.github.softdelete.it.harness.PostgresTest;
import io.github.softdelete.it.harness.TestDatabase;

/**
 * Issue 16 item 1: a restore of a tree of over 100,000 rows is one statement and brings back exactly
 * what the delete took, under the reference schema's indexes (the lint's). The build runs it in seconds
 * because the statement is linear; a quadratic one (as before V5 and the rewrite) takes minutes here.
 * No time is asserted: the figures are in BENCHMARKS.md ("Cost curves").
 *
 * <p>The tree: user 1 with 5,000 posts, 10 comments on each by user 2, one like by user 2 on each,
 * a reply by user 2 to every tenth comment of user 1's posts on user 2's own post (reached only through
 * {@code comments.parent_id}), and rows deleted earlier on their own inside it, which must stay deleted.
 */
@PostgresTest
class LargeTreeRestoreTest {

    static final int POSTS = Integer.getInteger("softdelete.largeTreePosts", 5_000);

    private static DSLContext plain;
    private static DSLContext ctx;
    private static final StatementCounter statements = new StatementCounter();

    @BeforeAll
    static void seed(TestDatabase database) {
        plain = database.dsl();
        // Inline values: the statement counted and, with -Dsoftdelete.explain=true, explained is the one sent.
        ctx = SoftDeleteDatabase.dsl(database, statements).configuration()
            .derive(new Settings().withStatementType(StatementType.STATIC_STATEMENT)).dsl();
        plain.execute("insert into users (id, email, name) values (1, 'one@example.com', 'one'), (2, 'two@example.com', 'two')");
        plain.execute("insert into posts (id, author_id, title) select p, 1, 'post ' || p from generate_series(1, " + POSTS + ") p");
        plain.execute("insert into posts (id, author_id, title) values (" + (POSTS + 1) + ", 2, 'the other user''s post')");
        plain.execute("insert into comments (id, post_id, author_id, body) select c, (c - 1) / 10 + 1, 2, 'comment ' || c"
            + " from generate_series(1, " + POSTS * 10 + ") c");
        // Replies on user 2's live post to comments of user 1's tree: reached through parent_id alone.
        plain.execute("insert into comments (id, post_id, author_id, parent_id, body) select " + POSTS * 10 + " + c, " + (POSTS + 1)
            + ", 2, c * 10, 'reply' from generate_series(1, " + POSTS + ") c");
        plain.execute("insert into likes (user_id, comment_id) select 2, c from generate_series(1, " + POSTS * 11 + ") c");
        // The statistics say that no row is deleted, as after a bulk load, or before autovacuum has seen a
        // large delete: the planner then expects next to no deleted rows, which is when the old restore
        // joined its work table to a scan of every deleted comment in a nested loop (quadratic).
        plain.execute("analyze");
        // Deleted before, on their own: every 97th comment (with its like still live) and every 89th like.
        plain.execute("update comments set deleted_at = timestamptz '2020-01-01 00:00:00+00' where id % 97 = 0");
        plain.execute("update likes set deleted_at = timestamptz '2020-01-02 00:00:00+00' where comment_id % 89 = 0");
    }

    @Test
    void restore_ofATreeOfOver100000Rows_isOneStatement_andBringsBackExactlyTheTree() {
        Map<String, String> before = state();
        Map<String, Long> deletedBefore = deletedPerTable();

        ctx.deleteFrom(USERS).where(USERS.ID.eq(1L)).execute();
        Map<String, Long> deletedByTheDelete = minus(deletedPerTable(), deletedBefore);
        statements.clear();
        int restored = SoftDelete.restore(ctx, USERS, USERS.ID.eq(1L));

        assertThat(deletedByTheDelete.values().stream().mapToLong(Long::longValue).sum()).isGreaterThanOrEqualTo(100_000);
        assertThat(restored).isEqualTo(1);
        assertThat(statements.executed()).hasSize(1);
        assertThat(deletedPerTable()).isEqualTo(deletedBefore);
        assertThat(state()).isEqualTo(before);
        explainIfAsked(statements.executed().get(0));
    }

    private static Map<String, Long> deletedPerTable() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : List.of("users", "posts", "comments", "likes"))
            counts.put(table, plain.fetchOne("select count(*) from " + table + " where deleted_at is not null").get(0, Long.class));
        return counts;
    }

    // Every row's key and marker, as a digest per table: equal digests, equal rows.
    private static Map<String, String> state() {
        Map<String, String> digests = new LinkedHashMap<>();
        for (String table : List.of("users", "posts", "comments"))
            digests.put(table, plain.fetchOne("select count(*) || ':' || md5(string_agg(id || '/' || coalesce(deleted_at::text, '-'), ','"
                + " order by id)) from " + table).get(0, String.class));
        digests.put("likes", plain.fetchOne("select count(*) || ':' || md5(string_agg(user_id || '.' || comment_id || '/'"
            + " || coalesce(deleted_at::text, '-'), ',' order by user_id, comment_id)) from likes").get(0, String.class));
        return digests;
    }

    private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> difference = new LinkedHashMap<>();
        after.forEach((table, count) -> difference.put(table, count - before.get(table)));
        return difference;
    }

    // -Dsoftdelete.explain=true prints the restore's plan (after deleting the tree again), for BENCHMARKS.md.
    private static void explainIfAsked(String restore) {
        if (!Boolean.getBoolean("softdelete.explain"))
            return;
        ctx.deleteFrom(USERS).where(USERS.ID.eq(1L)).execute();
        String plan = String.join("\n", plain.fetch("explain (analyze, buffers off, timing off) " + restore).getValues(0, String.class));
        System.out.println("RESTORE SQL:\n" + restore + "\nPLAN:\n" + plan);
    }
}
