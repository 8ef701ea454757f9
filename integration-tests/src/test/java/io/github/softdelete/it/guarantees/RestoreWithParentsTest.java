package io.github.softdelete.it.guarantees;

import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.LIKES;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.fixture.ReferenceData;
import io.github.softdelete.it.harness.PostgresTest;

/** restoreWithParents over self-referencing keys (comments.parent_id) and cycles of rows. */
@PostgresTest
class RestoreWithParentsTest extends SeededDatabaseTest {

    @Test
    void restoreWithParents_selfReferenceWithLiveParent_restoresTheRow() {
        // comment 105 is a deleted reply to the live comment 103, on a live post, by a live user
        assertThat(SoftDelete.restoreWithParents(ctx, COMMENTS, COMMENTS.ID.eq(105L))).isEqualTo(1);

        assertThat(deleted(105L)).isFalse();
    }

    @Test
    void restoreWithParents_keyWithoutSelfReferenceButParentWithOne_restoresTheRow() {
        // like (4, 100) is deleted; user 4 and comment 100 are live, and comment 100 has a self-reference
        assertThat(SoftDelete.restoreWithParents(ctx, LIKES, LIKES.USER_ID.eq(4L).and(LIKES.COMMENT_ID.eq(100L)))).isEqualTo(1);

        assertThat(plain.fetchValue(LIKES.DELETED_AT, LIKES.USER_ID.eq(4L).and(LIKES.COMMENT_ID.eq(100L)))).isNull();
    }

    @Test
    void restoreWithParents_chainOfDeletedAncestors_restoresThemAll() {
        insertComment(300L, null);
        insertComment(301L, 300L);
        insertComment(302L, 301L);
        insertComment(303L, 302L);
        // deleted one by one from the leaf up, so each has its own stamp and none restores another
        for (long id : new long[] { 303L, 302L, 301L, 300L })
            ctx.deleteFrom(COMMENTS).where(COMMENTS.ID.eq(id)).execute();

        assertThat(SoftDelete.restoreWithParents(ctx, COMMENTS, COMMENTS.ID.eq(303L))).isEqualTo(1);

        for (long id : new long[] { 300L, 301L, 302L, 303L })
            assertThat(deleted(id)).as("comment %d", id).isFalse();
    }

    @Test
    void restoreWithParents_ancestorsUpToTheFirstLiveOne_onlyThoseRestored() {
        insertComment(300L, null);
        insertComment(301L, 300L);
        insertComment(302L, 301L);
        ctx.deleteFrom(COMMENTS).where(COMMENTS.ID.eq(302L)).execute();
        ctx.deleteFrom(COMMENTS).where(COMMENTS.ID.eq(301L)).execute();
        ctx.deleteFrom(COMMENTS).where(COMMENTS.ID.eq(101L)).execute(); // unrelated, already deleted: stays so

        assertThat(SoftDelete.restoreWithParents(ctx, COMMENTS, COMMENTS.ID.eq(302L))).isEqualTo(1);

        assertThat(List.of(deleted(300L), deleted(301L), deleted(302L), deleted(101L))).containsExactly(false, false, false, true);
    }

    @Test
    void restoreWithParents_cycleOfDeletedRowsInOneTable_restoresBoth() {
        insertComment(400L, null);
        insertComment(401L, 400L);
        plain.update(COMMENTS).set(COMMENTS.PARENT_ID, 401L).where(COMMENTS.ID.eq(400L)).execute();
        plain.update(COMMENTS).set(COMMENTS.DELETED_AT, ReferenceData.DELETED).where(COMMENTS.ID.in(400L, 401L)).execute();

        assertThat(SoftDelete.restoreWithParents(ctx, COMMENTS, COMMENTS.ID.eq(400L))).isEqualTo(1);

        assertThat(deleted(400L)).isFalse();
        assertThat(deleted(401L)).isFalse();
    }

    private static void insertComment(long id, Long parent) {
        plain.insertInto(COMMENTS, COMMENTS.ID, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.PARENT_ID, COMMENTS.BODY)
            .values(id, 10L, 1L, parent, "c" + id).execute();
    }

    private static boolean deleted(long id) {
        return plain.fetchValue(COMMENTS.DELETED_AT, COMMENTS.ID.eq(id)) != null;
    }
}
