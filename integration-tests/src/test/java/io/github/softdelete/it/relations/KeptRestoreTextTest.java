package io.github.softdelete.it.relations;

import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.conf.ParamType;
import org.jooq.conf.RenderKeywordCase;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.it.db.tables.Posts;
import io.github.softdelete.it.fixture.SoftDeleteDatabase;
import io.github.softdelete.it.fixture.StatementCounter;
import io.github.softdelete.it.harness.PostgresTest;
import io.github.softdelete.it.harness.TestDatabase;

/**
 * The restore statement's text is kept after its first render (issue 16 item 1, the fixed cost at
 * 1,000 rows) and replayed around the caller's condition: the statements sent for the same restore
 * must be the same text each time, bind the caller's values, and restore the same rows, under several
 * settings; a condition that is not scope-free (a subquery) is built in full every time, as before.
 */
@PostgresTest
class KeptRestoreTextTest {

    @Test
    void restore_sameTextEachTime_underSettings_andRestoresTheTree(TestDatabase database) {
        for (Settings settings : List.of(new Settings(), new Settings().withStatementType(StatementType.STATIC_STATEMENT),
                new Settings().withRenderKeywordCase(RenderKeywordCase.UPPER), new Settings().withParamType(ParamType.NAMED),
                new Settings().withRenderFormatted(true))) {
            StatementCounter statements = new StatementCounter();
            DSLContext ctx = SoftDeleteDatabase.dsl(database, statements).configuration().derive(settings).dsl();
            List<String> sent = new ArrayList<>();
            for (long user : new long[] { 1, 1, 2, 1 }) {
                seed(database.dsl());
                ctx.deleteFrom(USERS).where(USERS.ID.eq(user)).execute();
                statements.clear();
                assertThat(SoftDelete.restore(ctx, USERS, USERS.ID.eq(user))).as(settings + " user " + user).isEqualTo(1);
                assertThat(statements.executed()).hasSize(1);
                sent.add(statements.executed().get(0));
                assertThat(deletedRows(database.dsl())).as(settings + " user " + user).isZero();
            }
            assertThat(sent.get(1)).as(settings.toString()).isEqualTo(sent.get(0)).isEqualTo(sent.get(3));
            if (settings.getStatementType() == StatementType.STATIC_STATEMENT)
                assertThat(sent.get(2)).contains("= 2").isNotEqualTo(sent.get(0));
            else
                assertThat(sent.get(2)).isEqualTo(sent.get(0));
        }
    }

    @Test
    void restore_conditionWithASubquery_builtInFull_restoresTheTree(TestDatabase database) {
        DSLContext ctx = SoftDeleteDatabase.dsl(database);
        for (int i = 0; i < 2; i++) {
            seed(database.dsl());
            ctx.deleteFrom(USERS).where(USERS.ID.eq(1L)).execute();
            // The subquery reads posts as the condition's own read: the deleted post is seen only through includeDeleted.
            Posts posts = POSTS.as("p");
            Condition bySubquery = USERS.ID.in(DSL.select(posts.AUTHOR_ID).from(SoftDelete.includeDeleted(posts)).where(posts.ID.eq(10L)));
            assertThat(SoftDelete.restore(ctx, USERS, bySubquery)).isEqualTo(1);
            assertThat(deletedRows(database.dsl())).isZero();
        }
    }

    private static void seed(DSLContext plain) {
        plain.execute("truncate users, posts, comments, likes, documents, attachments, products, categories, tags, post_tags cascade");
        plain.execute("insert into users (id, email, name) values (1, 'one@example.com', 'one'), (2, 'two@example.com', 'two')");
        plain.execute("insert into posts (id, author_id, title) values (10, 1, 'a'), (11, 1, 'b'), (20, 2, 'c')");
        plain.execute("insert into comments (id, post_id, author_id, body) values (100, 10, 2, 'x'), (101, 11, 1, 'y'), (200, 20, 1, 'z')");
        plain.execute("insert into comments (id, post_id, author_id, parent_id, body) values (102, 10, 2, 100, 'reply')");
        plain.execute("insert into likes (user_id, comment_id) values (2, 101), (1, 200)");
    }

    private static long deletedRows(DSLContext plain) {
        return plain.fetchOne("select (select count(*) from users where deleted_at is not null) + (select count(*) from posts where"
            + " deleted_at is not null) + (select count(*) from comments where deleted_at is not null) + (select count(*) from likes"
            + " where deleted_at is not null)").get(0, Long.class);
    }
}
