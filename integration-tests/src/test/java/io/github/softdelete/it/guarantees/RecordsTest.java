package io.github.softdelete.it.guarantees;

import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.POSTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;

import org.jooq.exception.NoDataFoundException;
import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.it.db.tables.records.PostsRecord;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.harness.PostgresTest;

/** UpdatableRecord operations on soft-deletable tables: delete(), then store(), refresh(), delete() again. */
@PostgresTest
class RecordsTest extends SeededDatabaseTest {

    @Test
    void delete_record_markerSetToTheStoredStamp_cascadeFollowed() {
        PostsRecord post = ctx.fetchOne(POSTS, POSTS.ID.eq(10L));

        assertThat(post.delete()).isEqualTo(1);

        OffsetDateTime stored = plain.fetchValue(POSTS.DELETED_AT, POSTS.ID.eq(10L));
        assertThat(stored).isNotNull();
        assertThat(post.getDeletedAt()).isEqualTo(stored);
        assertThat(plain.fetchValue(COMMENTS.DELETED_AT, COMMENTS.ID.eq(100L))).isEqualTo(stored);
    }

    @Test
    void store_deletedRecord_refusedNamingRestore_noRowWritten() {
        PostsRecord post = ctx.fetchOne(POSTS, POSTS.ID.eq(12L));
        post.delete();
        post.setTitle("changed");

        assertThatThrownBy(post::store)
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("cannot store() a record of \"posts\" (id = 12)")
            .hasMessageContaining("SoftDelete.restore");
        assertThat(plain.fetchValue(POSTS.TITLE, POSTS.ID.eq(12L))).isEqualTo("b1");
        assertThat(plain.fetchCount(POSTS)).isEqualTo(6);
    }

    @Test
    void store_recordReadWithDeletedRows_refusedInsteadOfUpdatingNothing() {
        PostsRecord post = SoftDelete.includeDeleted(ctx).fetchOne(POSTS, POSTS.ID.eq(11L));
        post.setTitle("changed");

        assertThatThrownBy(post::store).isInstanceOf(SoftDeleteException.class).hasMessageContaining("soft-deleted");
        assertThat(plain.fetchValue(POSTS.TITLE, POSTS.ID.eq(11L))).isEqualTo("a2");
    }

    @Test
    void refresh_deletedRecord_noDataFound_likeARowThatIsGone() {
        PostsRecord post = ctx.fetchOne(POSTS, POSTS.ID.eq(12L));
        post.delete();

        assertThatThrownBy(post::refresh).isInstanceOf(NoDataFoundException.class);
    }

    @Test
    void refresh_deletedRecordAttachedToIncludeDeleted_readsItsRow() {
        PostsRecord post = ctx.fetchOne(POSTS, POSTS.ID.eq(12L));
        post.delete();
        plain.update(POSTS).set(POSTS.TITLE, "changed meanwhile").where(POSTS.ID.eq(12L)).execute();

        // snippet:begin refresh-deleted-record
        post.attach(SoftDelete.includeDeleted(ctx).configuration());
        post.refresh();
        // snippet:end refresh-deleted-record

        assertThat(post.getTitle()).isEqualTo("changed meanwhile");
        assertThat(post.getDeletedAt()).isNotNull();
    }

    @Test
    void delete_recordAlreadyDeleted_returnsZero_keepsTheFirstStamp() {
        PostsRecord post = ctx.fetchOne(POSTS, POSTS.ID.eq(12L));
        post.delete();
        OffsetDateTime first = plain.fetchValue(POSTS.DELETED_AT, POSTS.ID.eq(12L));

        assertThat(post.delete()).isZero();

        assertThat(plain.fetchValue(POSTS.DELETED_AT, POSTS.ID.eq(12L))).isEqualTo(first);
        assertThat(post.getDeletedAt()).isEqualTo(first);
    }

    @Test
    void store_liveRecord_updatesAsUsual() {
        PostsRecord post = ctx.fetchOne(POSTS, POSTS.ID.eq(12L));
        post.setTitle("changed");

        assertThat(post.store()).isEqualTo(1);
        post.refresh();
        assertThat(post.getTitle()).isEqualTo("changed");
    }

    @Test
    void delete_recordOnHardDeleteContext_removesTheRow() {
        PostsRecord post = SoftDelete.hardDelete(ctx).fetchOne(POSTS, POSTS.ID.eq(13L));

        assertThat(post.delete()).isEqualTo(1);
        assertThat(plain.fetchCount(POSTS, POSTS.ID.eq(13L))).isZero();
    }
}
