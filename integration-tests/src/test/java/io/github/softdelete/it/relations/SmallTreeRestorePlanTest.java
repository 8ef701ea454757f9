package io.github.softdelete.it.relations;

import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jooq.DSLContext;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.it.fixture.SoftDeleteDatabase;
import io.github.softdelete.it.fixture.StatementCounter;
import io.github.softdelete.it.harness.PostgresTest;
import io.github.softdelete.it.harness.TestDatabase;

/**
 * Issue 16 item 1, at the small end: the restore of a 1,009-row tree, planned under statistics that say
 * no row is deleted (as after the VACUUM ANALYZE that follows a restore, or a bulk load), must not compare
 * each deleted child with its parents' whole row set. It did: the planner took the child's "deleted_at
 * IS NOT NULL" for the most selective condition and drove the likes' semi-join from a scan of it, with
 * the set of comments as the inner side of a nested loop (115,000 rows removed by the join filter for
 * 480 likes: quadratic, and twice the delete's time at this size). The test runs the statement the
 * library sends under EXPLAIN ANALYZE and bounds the rows any join filter throws away by the tree's size.
 */
@PostgresTest
class SmallTreeRestorePlanTest {

    private static final int POSTS = 48; // 1 user + 48 posts + 480 comments + 480 likes = 1,009 rows
    private static final Pattern REMOVED_BY_JOIN_FILTER = Pattern.compile("Rows Removed by Join Filter: (\\d+)");

    @Test
    void restore_underStatisticsThatSayNothingIsDeleted_throwsAwayNoMoreRowsThanTheTreeHas(TestDatabase database) {
        DSLContext plain = database.dsl();
        StatementCounter statements = new StatementCounter();
        // Inline values, so that the statement captured is the one explained.
        DSLContext ctx = SoftDeleteDatabase.dsl(database, statements).configuration()
            .derive(new Settings().withStatementType(StatementType.STATIC_STATEMENT)).dsl();
        plain.execute("insert into users (id, email, name) values (1, 'one@example.com', 'one')");
        plain.execute("insert into posts (id, author_id, title) select p, 1, 'post ' || p from generate_series(1, " + POSTS + ") p");
        plain.execute("insert into comments (id, post_id, author_id, body) select c, (c - 1) / 10 + 1, 1, 'comment ' || c"
            + " from generate_series(1, " + POSTS * 10 + ") c");
        plain.execute("insert into likes (user_id, comment_id) select 1, c from generate_series(1, " + POSTS * 10 + ") c");
        plain.execute("vacuum analyze users, posts, comments, likes");

        ctx.deleteFrom(USERS).where(USERS.ID.eq(1L)).execute();
        statements.clear();
        SoftDelete.restore(ctx, USERS, USERS.ID.eq(1L));
        assertThat(statements.executed()).hasSize(1);
        String restore = statements.executed().get(0);
        ctx.deleteFrom(USERS).where(USERS.ID.eq(1L)).execute();

        List<String> plan = plain.fetch("explain (analyze, timing off) " + restore).getValues(0, String.class);
        System.out.println("RESTORE PLAN (1,009 rows, statistics without deleted rows):\n" + String.join("\n", plan));

        assertThat(deletedRows(plain)).as("rows the explained restore left deleted").isZero();
        int treeRows = 1 + 21 * POSTS;
        assertThat(plan).as("the restore's plan").allSatisfy(line -> {
            Matcher removed = REMOVED_BY_JOIN_FILTER.matcher(line);
            if (removed.find())
                assertThat(Long.parseLong(removed.group(1))).as(line.trim()).isLessThanOrEqualTo(treeRows);
        });
    }

    private static long deletedRows(DSLContext plain) {
        return plain.fetchOne("select (select count(*) from users where deleted_at is not null) + (select count(*) from posts where"
            + " deleted_at is not null) + (select count(*) from comments where deleted_at is not null) + (select count(*) from likes"
            + " where deleted_at is not null)").get(0, Long.class);
    }
}
