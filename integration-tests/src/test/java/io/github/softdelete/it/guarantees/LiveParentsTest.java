package io.github.softdelete.it.guarantees;

import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.POST_TAGS;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.it.fixture.AllowsLiveChildrenOfDeletedParents;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.fixture.SoftDeleteDatabase;
import io.github.softdelete.it.harness.PostgresTest;

/** Writes that would make a live row reference a deleted parent are refused inside the statement. */
@PostgresTest
class LiveParentsTest extends SeededDatabaseTest {

    @Test
    void insert_childOfDeletedParent_refusedNamingTheKey_inOneStatement_nothingInserted() {
        // user 3 (carol) is deleted
        assertThatThrownBy(() -> ctx.insertInto(POSTS, POSTS.AUTHOR_ID, POSTS.TITLE).values(3L, "orphan").execute())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("cannot write rows of \"posts\" that reference a deleted row of \"users\" through posts_author_id_fkey")
            .hasMessageContaining("SoftDelete.allowDeletedParents(ctx)");

        assertThat(statements.executed()).hasSize(1);
        assertThat(plain.fetchCount(POSTS, POSTS.TITLE.eq("orphan"))).isZero();
    }

    @Test
    void insert_childOfLiveParent_inserted() {
        assertThat(ctx.insertInto(POSTS, POSTS.AUTHOR_ID, POSTS.CATEGORY_ID, POSTS.TITLE).values(1L, 1L, "fine").execute()).isEqualTo(1);

        assertThat(plain.fetchValue(POSTS.AUTHOR_ID, POSTS.TITLE.eq("fine"))).isEqualTo(1L);
    }

    @Test
    void insert_severalRows_oneWithDeletedParent_refusedAsAWhole() {
        assertThatThrownBy(() -> ctx.insertInto(POSTS, POSTS.AUTHOR_ID, POSTS.CATEGORY_ID, POSTS.TITLE)
                .values(1L, 1L, "fine").values(2L, 2L, "in a deleted category").execute())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("posts_category_id_fkey");

        assertThat(plain.fetchCount(POSTS, POSTS.TITLE.eq("fine"))).isZero();
    }

    @Test
    void insert_setNullKeyToDeletedParent_allowed() {
        // posts.editor_id is ON DELETE SET NULL: reads treat a deleted editor as absent
        assertThat(ctx.insertInto(POSTS, POSTS.AUTHOR_ID, POSTS.EDITOR_ID, POSTS.TITLE).values(1L, 3L, "edited by carol").execute())
            .isEqualTo(1);
    }

    @Test
    void insert_selfReferenceToDeletedRow_refused() {
        // comment 101 is deleted
        assertThatThrownBy(() -> ctx.insertInto(COMMENTS, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.PARENT_ID, COMMENTS.BODY)
                .values(10L, 1L, 101L, "reply to a deleted comment").execute())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("comments_parent_id_fkey");
    }

    @Test
    void insert_childTableNotSoftDeletable_refused() {
        // post 11 is deleted; post_tags is not soft-deletable, but its rows would show a deleted post's tags
        assertThatThrownBy(() -> ctx.insertInto(POST_TAGS, POST_TAGS.POST_ID, POST_TAGS.TAG_ID).values(11L, 3L).execute())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("post_tags_post_id_fkey");
    }

    @Test
    void insertSelect_sourceRowWithDeletedParent_refused() {
        assertThatThrownBy(() -> ctx.insertInto(POSTS, POSTS.AUTHOR_ID, POSTS.TITLE)
                .select(select(inline(3L), inline("copied"))).execute())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("posts_author_id_fkey");
        assertThat(plain.fetchCount(POSTS, POSTS.TITLE.eq("copied"))).isZero();
    }

    @Test
    void insertSelect_liveParents_inserted() {
        int count = ctx.insertInto(POSTS, POSTS.AUTHOR_ID, POSTS.TITLE)
            .select(select(USERS.ID, inline("copied")).from(USERS)).execute();

        assertThat(count).isEqualTo(3); // alice, bob, dave; carol is deleted and not read
    }

    @Test
    void update_pointingAtDeletedParent_refused_rowUnchanged() {
        assertThatThrownBy(() -> ctx.update(POSTS).set(POSTS.AUTHOR_ID, 3L).where(POSTS.ID.eq(10L)).execute())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("posts_author_id_fkey");

        assertThat(statements.executed()).hasSize(1);
        assertThat(plain.fetchValue(POSTS.AUTHOR_ID, POSTS.ID.eq(10L))).isEqualTo(1L);
    }

    @Test
    void update_pointingAtLiveParent_updated() {
        assertThat(ctx.update(POSTS).set(POSTS.CATEGORY_ID, 3L).where(POSTS.ID.eq(10L)).execute()).isEqualTo(1);

        assertThat(plain.fetchValue(POSTS.CATEGORY_ID, POSTS.ID.eq(10L))).isEqualTo(3L);
    }

    @Test
    void update_keyFromAnotherColumn_checkedPerRow() {
        // editor 3 is deleted: copying editor_id into author_id would point post 12 at carol
        assertThatThrownBy(() -> ctx.update(POSTS).set(POSTS.AUTHOR_ID, POSTS.EDITOR_ID).where(POSTS.ID.eq(12L)).execute())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("posts_author_id_fkey");
        assertThat(ctx.update(POSTS).set(POSTS.AUTHOR_ID, POSTS.EDITOR_ID).where(POSTS.ID.eq(10L)).execute()).isEqualTo(1);
    }

    @Test
    void updateFrom_unqualifiedSetColumn_sameNameInFrom_checkedOnTheTarget() {
        // fuzz regression (statement seed -5283784748625696962, case 409): parsed SQL text sets unqualified
        // columns, and comments also has author_id, so the check's "current key" must name posts'
        Field<Long> authorId = field(name("author_id"), Long.class);
        if (onMariaDb()) {
            // MariaDB's form, a multi-table UPDATE, cannot check a key it changes: refused (LiveParents)
            assertThatThrownBy(() -> ctx.update(POSTS.join(COMMENTS).on(COMMENTS.POST_ID.eq(POSTS.ID))).set(authorId, 2L)
                    .where(COMMENTS.ID.eq(100L)).execute())
                .isInstanceOf(SoftDeleteException.class).hasMessageContaining("posts_author_id_fkey");
            assertThat(plain.fetchValue(POSTS.AUTHOR_ID, POSTS.ID.eq(10L))).isEqualTo(1L);
            return;
        }
        assertThat(ctx.update(POSTS).set(authorId, 2L).from(COMMENTS)
                .where(COMMENTS.POST_ID.eq(POSTS.ID).and(COMMENTS.ID.eq(100L))).execute()).isEqualTo(1);
        assertThat(plain.fetchValue(POSTS.AUTHOR_ID, POSTS.ID.eq(10L))).isEqualTo(2L);

        assertThatThrownBy(() -> ctx.update(POSTS).set(authorId, 3L).from(COMMENTS)
                .where(COMMENTS.POST_ID.eq(POSTS.ID).and(COMMENTS.ID.eq(100L))).execute())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("posts_author_id_fkey");
    }

    @Test
    void update_plainUnqualifiedTableName_checkedLikeTheGeneratedTable() {
        // SQL text names "posts" without its schema; the keys are registered on "public"."posts"
        assertThatThrownBy(() -> ctx.update(table(name("posts"))).set(field(name("author_id"), Long.class), 3L)
                .where(field(name("id"), Long.class).eq(10L)).execute())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("posts_author_id_fkey");
        assertThatThrownBy(() -> ctx.insertInto(table(name("posts")), field(name("author_id")), field(name("title")))
                .values(3L, "orphan").execute())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("posts_author_id_fkey");
        assertThat(plain.fetchValue(POSTS.AUTHOR_ID, POSTS.ID.eq(10L))).isEqualTo(1L);
    }

    @Test
    void batch_bindValuesKeepTheirPlaces_deletedParentRefused() {
        DSLContext batching = onMariaDb() ? unbulked() : ctx;
        batching.batch(batching.insertInto(POSTS, POSTS.AUTHOR_ID, POSTS.TITLE).values((Long) null, null))
            .bind(1L, "batch one").bind(2L, "batch two").execute();
        assertThat(plain.fetchValue(POSTS.AUTHOR_ID, POSTS.TITLE.eq("batch two"))).isEqualTo(2L);

        assertThatThrownBy(() -> batching.batch(batching.insertInto(POSTS, POSTS.AUTHOR_ID, POSTS.TITLE).values((Long) null, null))
                .bind(1L, "batch three").bind(3L, "batch four").execute())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("posts_author_id_fkey");
    }

    @Test
    void batch_onMariaDbBulkProtocol_refusedWithTheWayOut() {
        if (onMariaDb()) {
            // the driver's bulk protocol takes INSERT ... VALUES only: refused, with the way out, and nothing written
            assertThatThrownBy(() -> LiveParentsTest.ctx.batch(LiveParentsTest.ctx.insertInto(POSTS, POSTS.AUTHOR_ID, POSTS.TITLE)
                    .values((Long) null, null)).bind(1L, "batch one").bind(2L, "batch two").execute())
                .isInstanceOf(SoftDeleteException.class).hasMessageContaining("useBulkStmtsForInserts=false");
            assertThat(plain.fetchCount(POSTS, POSTS.TITLE.like("batch %"))).isZero();
        }
    }

    // MariaDB: a context whose driver sends batches of INSERTs one row at a time (useBulkStmtsForInserts=false)
    private static DSLContext unbulked() {
        org.mariadb.jdbc.MariaDbDataSource unbulked = new org.mariadb.jdbc.MariaDbDataSource();
        try {
            unbulked.setUrl(database.jdbcUrl() + (database.jdbcUrl().contains("?") ? "&" : "?") + "useBulkStmtsForInserts=false");
            unbulked.setUser(database.user());
            unbulked.setPassword(database.password());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return DSL.using(SoftDelete.install(database.newConfiguration().set(unbulked), SoftDeleteDatabase.POLICY));
    }

    @Test
    @AllowsLiveChildrenOfDeletedParents // the import it shows: posts by carol, who is deleted
    void allowDeletedParents_importsTheRow() {
        // snippet:begin allow-deleted-parents
        SoftDelete.allowDeletedParents(ctx).insertInto(POSTS, POSTS.AUTHOR_ID, POSTS.TITLE).values(3L, "imported").execute();
        // snippet:end allow-deleted-parents
        assertThat(plain.fetchValue(POSTS.AUTHOR_ID, POSTS.TITLE.eq("imported"))).isEqualTo(3L);
        assertThat(SoftDelete.allowDeletedParents(ctx).update(POSTS).set(POSTS.AUTHOR_ID, 3L).where(POSTS.ID.eq(10L)).execute())
            .isEqualTo(1);

        assertThat(ctx.insertInto(POSTS, POSTS.AUTHOR_ID, POSTS.TITLE).values(3L, "not imported")
            .onConflictDoNothing().getSQL()).contains("softdelete-deleted-target:posts_author_id_fkey");
    }
}
