package io.github.softdelete.it.relations;

import static io.github.softdelete.it.db.Tables.CATEGORIES;
import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.LIKES;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.POST_TAGS;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.harness.PostgresTest;

/** Deletes follow the foreign keys, in one statement; restores bring back exactly one delete. */
@PostgresTest
class CascadeDeleteAndRestoreTest extends SeededDatabaseTest {

    /** The tree of {@link TreeData}, not the reference rows. */
    @Override
    protected void seed(DSLContext plain) {
        TreeData.reset(plain);
    }

    @Test
    void deleteUser_cascadesFourLevels_inOneStatement_earlierDeletesKeepTheirStamp() {
        int count = ctx.deleteFrom(USERS).where(USERS.ID.eq(1L)).execute();

        assertThat(count).isEqualTo(1);
        assertThat(statements.executed()).hasSize(1);
        Instant stamp = marker(USERS, USERS.DELETED_AT, USERS.ID.eq(1L));
        assertThat(stamp).isNotNull();
        // posts: 10 by the cascade; 11 keeps its earlier stamp; vic's post 20 stays live
        assertThat(marker(POSTS, POSTS.DELETED_AT, POSTS.ID.eq(10L))).isEqualTo(stamp);
        assertThat(marker(POSTS, POSTS.DELETED_AT, POSTS.ID.eq(11L))).isEqualTo(TreeData.EARLIER.toInstant());
        assertThat(marker(POSTS, POSTS.DELETED_AT, POSTS.ID.eq(20L))).isNull();
        // comments: on post 10 (any author), by uma anywhere, replies of those at any depth
        for (long id : new long[] { 100L, 101L, 102L, 200L })
            assertThat(marker(COMMENTS, COMMENTS.DELETED_AT, COMMENTS.ID.eq(id))).as("comment %d", id).isEqualTo(stamp);
        assertThat(marker(COMMENTS, COMMENTS.DELETED_AT, COMMENTS.ID.eq(103L))).isEqualTo(TreeData.EARLIER.toInstant());
        assertThat(marker(COMMENTS, COMMENTS.DELETED_AT, COMMENTS.ID.eq(104L))).isNull(); // its post was deleted before, on its own
        // likes: by uma, and on every deleted comment; (1,102) keeps its earlier stamp
        assertThat(plain.select(LIKES.USER_ID, LIKES.COMMENT_ID).from(LIKES).where(LIKES.DELETED_AT.eq(stamp.atOffset(java.time.ZoneOffset.UTC)))
                .fetch(r -> r.value1() + "," + r.value2()))
            .containsExactlyInAnyOrder("1,100", "2,101", "2,102", "2,200");
        assertThat(marker(LIKES, LIKES.DELETED_AT, LIKES.USER_ID.eq(1L).and(LIKES.COMMENT_ID.eq(102L)))).isEqualTo(TreeData.EARLIER.toInstant());
        // vic is untouched
        assertThat(marker(USERS, USERS.DELETED_AT, USERS.ID.eq(2L))).isNull();
    }

    @Test
    void deleteThenRestoreUser_everyRowBackAsBefore_noZombies() {
        List<String> before = TreeData.state(plain);

        ctx.deleteFrom(USERS).where(USERS.ID.eq(1L)).execute();
        int restored = SoftDelete.restore(ctx, USERS, USERS.ID.eq(1L));

        assertThat(restored).isEqualTo(1);
        assertThat(TreeData.state(plain)).isEqualTo(before);
    }

    @Test
    void diamond_commentReachedTwice_deletedOnceAndCountedOnce() {
        // comment 101 is uma's, on uma's post: reached through users -> comments and users -> posts -> comments
        int count = ctx.deleteFrom(USERS).where(USERS.ID.eq(1L)).execute();

        assertThat(count).isEqualTo(1);
        assertThat(plain.fetchCount(COMMENTS, COMMENTS.ID.eq(101L).and(COMMENTS.DELETED_AT.isNotNull()))).isEqualTo(1);
    }

    @Test
    void deleteComment_repliesFollowRecursively_andComeBackOnRestore() {
        List<String> before = TreeData.state(plain);

        assertThat(ctx.deleteFrom(COMMENTS).where(COMMENTS.ID.eq(100L)).execute()).isEqualTo(1);

        assertThat(ctx.select(COMMENTS.ID).from(COMMENTS).where(COMMENTS.POST_ID.eq(10L)).fetch(COMMENTS.ID)).isEmpty();
        assertThat(ctx.fetchCount(LIKES, LIKES.COMMENT_ID.in(100L, 101L, 102L))).isZero();
        assertThat(SoftDelete.restore(ctx, COMMENTS, COMMENTS.ID.eq(100L))).isEqualTo(1);
        assertThat(TreeData.state(plain)).isEqualTo(before);
    }

    @Test
    void cascadeChildNotSoftDeletable_postTagsLeftInPlace_butUnreachable_thenBack() {
        ctx.deleteFrom(POSTS).where(POSTS.ID.eq(10L)).execute();

        assertThat(plain.fetchCount(POST_TAGS, POST_TAGS.POST_ID.eq(10L))).isEqualTo(1);
        assertThat(ctx.fetchCount(ctx.select(POST_TAGS.TAG_ID).from(POST_TAGS).join(POSTS).on(POSTS.ID.eq(POST_TAGS.POST_ID)))).isZero();

        SoftDelete.restore(ctx, POSTS, POSTS.ID.eq(10L));
        assertThat(ctx.fetchCount(ctx.select(POST_TAGS.TAG_ID).from(POST_TAGS).join(POSTS).on(POSTS.ID.eq(POST_TAGS.POST_ID)))).isEqualTo(1);
    }

    @Test
    void restrict_liveChild_refusedNamingKeyAndChild_nothingChanged() {
        List<String> before = TreeData.state(plain);

        assertThatThrownBy(() -> ctx.deleteFrom(CATEGORIES).where(CATEGORIES.ID.eq(2L)).execute())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("posts_category_id_fkey")
            .hasMessageContaining("\"posts\"")
            .hasMessageContaining("cannot soft-delete from \"categories\"");
        assertThat(TreeData.state(plain)).isEqualTo(before);
    }

    @Test
    void restrict_onlyDeletedChildren_doNotBlock() {
        ctx.deleteFrom(POSTS).where(POSTS.CATEGORY_ID.eq(1L)).execute(); // post 10 (11 was deleted already)

        assertThat(ctx.deleteFrom(CATEGORIES).where(CATEGORIES.ID.eq(1L)).execute()).isEqualTo(1);
    }

    @Test
    void restrict_childDeletedByTheSameCascade_doesNotBlock() {
        // deleting uma deletes post 10, which references category 1 over a RESTRICT key: that is fine,
        // the category is not deleted. And deleting vic's post with its category in one go is refused:
        assertThat(ctx.deleteFrom(USERS).where(USERS.ID.eq(1L)).execute()).isEqualTo(1);
        assertThat(ctx.deleteFrom(CATEGORIES).where(CATEGORIES.ID.eq(1L)).execute()).isEqualTo(1);
    }

    @Test
    void setNull_childUntouched_readsTreatParentAsAbsent() {
        ctx.deleteFrom(USERS).where(USERS.ID.eq(2L)).execute(); // vic edits uma's post 10

        assertThat(plain.fetchValue(POSTS.EDITOR_ID, POSTS.ID.eq(10L))).isEqualTo(2L);
        assertThat(marker(POSTS, POSTS.DELETED_AT, POSTS.ID.eq(10L))).isNull();
        var editor = USERS.as("editor");
        assertThat(ctx.select(POSTS.ID, editor.NAME).from(POSTS).leftJoin(editor).on(editor.ID.eq(POSTS.EDITOR_ID))
            .where(POSTS.ID.eq(10L)).fetchOne().intoList()).containsExactly(10L, null);
    }

    @Test
    void restoreChild_parentDeleted_refusedNamingParent_nothingChanged() {
        ctx.deleteFrom(USERS).where(USERS.ID.eq(1L)).execute();
        List<String> before = TreeData.state(plain);

        assertThatThrownBy(() -> SoftDelete.restore(ctx, POSTS, POSTS.ID.eq(10L)))
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("cannot restore rows of \"posts\"")
            .hasMessageContaining("\"users\"")
            .hasMessageContaining("posts_author_id_fkey")
            .hasMessageContaining("restoreWithParents");
        assertThat(TreeData.state(plain)).isEqualTo(before);
    }

    @Test
    void restoreReply_parentCommentDeleted_refusedNamingTheSelfReference_nothingChanged() {
        // the delete of comment 100 takes its reply 101 (and 102, 101's reply, and the likes); 101 alone cannot come
        // back while 100, its parent over comments_parent_id_fkey, stays deleted
        ctx.deleteFrom(COMMENTS).where(COMMENTS.ID.eq(100L)).execute();
        List<String> before = TreeData.state(plain);

        assertThatThrownBy(() -> SoftDelete.restore(ctx, COMMENTS, COMMENTS.ID.eq(101L)))
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("cannot restore rows of \"comments\"")
            .hasMessageContaining("comments_parent_id_fkey");
        assertThat(TreeData.state(plain)).isEqualTo(before);
    }

    @Test
    void restoreWithParents_restoresTheChainFirst() {
        List<String> before = TreeData.state(plain);
        ctx.deleteFrom(USERS).where(USERS.ID.eq(1L)).execute();

        int restored = SoftDelete.restoreWithParents(ctx, POSTS, POSTS.ID.eq(10L));

        assertThat(restored).isEqualTo(1);
        assertThat(TreeData.state(plain)).isEqualTo(before);
    }

    @Test
    void restore_childWithAnotherDeletedParent_staysDeleted() {
        // vic is deleted first, on his own; then uma. Restoring uma must not bring back vic's comment 100
        // on uma's post, nor the replies and likes under it: vic is still deleted.
        ctx.deleteFrom(USERS).where(USERS.ID.eq(2L)).execute();
        ctx.deleteFrom(USERS).where(USERS.ID.eq(1L)).execute();

        SoftDelete.restore(ctx, USERS, USERS.ID.eq(1L));

        assertThat(ctx.select(POSTS.ID).from(POSTS).fetch(POSTS.ID)).containsExactly(10L);
        assertThat(ctx.select(COMMENTS.ID).from(COMMENTS).fetch(COMMENTS.ID)).isEmpty();
        assertThat(ctx.fetchCount(LIKES)).isZero();
    }

    @Test
    void restore_replyWhoseParentCommentStaysDeleted_staysDeleted() {
        // uma's delete takes post 10 with comments 100 (vic's), 101 (uma's reply to 100) and 102; then vic
        // is deleted. Restoring uma brings back post 10, but not 100 (vic is deleted), and so not 101,
        // although 101's post and author are back: its parent comment is not.
        ctx.deleteFrom(USERS).where(USERS.ID.eq(1L)).execute();
        ctx.deleteFrom(USERS).where(USERS.ID.eq(2L)).execute();

        SoftDelete.restore(ctx, USERS, USERS.ID.eq(1L));

        assertThat(ctx.select(POSTS.ID).from(POSTS).fetch(POSTS.ID)).containsExactly(10L);
        assertThat(ctx.select(COMMENTS.ID).from(COMMENTS).fetch(COMMENTS.ID)).isEmpty();
        assertThat(plain.fetchCount(COMMENTS, COMMENTS.DELETED_AT.isNull().and(COMMENTS.PARENT_ID.isNotNull()))).isZero();
    }

    @Test
    void independentDeletesInOneTransaction_stayApart_onRestore() {
        ctx.transaction(tx -> {
            tx.dsl().deleteFrom(COMMENTS).where(COMMENTS.ID.eq(200L)).execute(); // on its own
            tx.dsl().deleteFrom(USERS).where(USERS.ID.eq(1L)).execute();           // then the author
        });

        SoftDelete.restore(ctx, USERS, USERS.ID.eq(1L));

        assertThat(marker(COMMENTS, COMMENTS.DELETED_AT, COMMENTS.ID.eq(200L))).isNotNull();
        assertThat(marker(COMMENTS, COMMENTS.DELETED_AT, COMMENTS.ID.eq(100L))).isNull();
    }

    @Test
    void deleteReturning_withCascade_returnsRootRows() {
        if (onMariaDb()) {
            assertThatThrownBy(() -> ctx.deleteFrom(USERS).where(USERS.ID.in(1L, 2L)).returning(USERS.ID, USERS.DELETED_AT).fetch())
                .isInstanceOf(io.github.softdelete.SoftDeleteException.class).hasMessageContaining("DELETE ... RETURNING on MariaDB");
            assertThat(plain.fetchCount(USERS, USERS.DELETED_AT.isNull())).as("nothing executed").isEqualTo(2);
            return;
        }
        var deleted = ctx.deleteFrom(USERS).where(USERS.ID.in(1L, 2L)).returning(USERS.ID, USERS.DELETED_AT).fetch();

        assertThat(deleted.getValues(USERS.ID)).containsExactlyInAnyOrder(1L, 2L);
        assertThat(deleted.getValues(USERS.DELETED_AT)).doesNotContainNull();
        assertThat(ctx.fetchCount(COMMENTS)).isZero();
    }

    @Test
    void deleteUsingWithCte_cascadeKeepsBoth() {
        var umas = org.jooq.impl.DSL.name("umas").as(org.jooq.impl.DSL.select(USERS.ID).from(USERS).where(USERS.NAME.eq("uma")));

        int count = ctx.with(umas).delete(POSTS).using(USERS)
            .where(POSTS.AUTHOR_ID.eq(USERS.ID))
            .and(USERS.ID.in(org.jooq.impl.DSL.select(umas.field(USERS.ID)).from(umas)))
            .execute();

        assertThat(count).isEqualTo(1); // post 10; post 11 was deleted before
        assertThat(ctx.select(COMMENTS.ID).from(COMMENTS).fetch(COMMENTS.ID)).containsExactlyInAnyOrder(104L, 200L);
    }

    @Test
    void hardDeleteOfParent_databaseRulesApplyToAllChildren() {
        int count = SoftDelete.hardDelete(ctx).deleteFrom(USERS).where(USERS.ID.eq(1L)).execute();

        assertThat(count).isEqualTo(1);
        assertThat(plain.fetchCount(POSTS, POSTS.AUTHOR_ID.eq(1L))).isZero();     // live and deleted posts, by CASCADE
        assertThat(plain.fetchCount(COMMENTS, COMMENTS.POST_ID.in(10L, 11L))).isZero();
        assertThat(plain.fetchCount(POST_TAGS)).isZero();
        assertThat(plain.fetchValue(POSTS.EDITOR_ID, POSTS.ID.eq(20L))).isNull(); // SET NULL
    }

    private static Instant marker(Table<?> table, Field<OffsetDateTime> marker, Condition condition) {
        OffsetDateTime value = plain.select(marker).from(table).where(condition).fetchOne(marker);
        return value == null ? null : value.toInstant();
    }
}
