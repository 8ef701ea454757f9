package io.github.softdelete.it.write;

import static io.github.softdelete.it.db.Tables.LIKES;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.POST_TAGS;
import static io.github.softdelete.it.db.Tables.TAGS;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;

import java.time.OffsetDateTime;
import java.util.List;

import org.jooq.CommonTableExpression;
import org.jooq.Record1;
import org.jooq.Result;
import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.it.db.tables.records.LikesRecord;
import io.github.softdelete.it.fixture.ReferenceData;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.harness.PostgresTest;

/** DELETE becomes UPDATE, through every delete path jOOQ offers. Tables are read back unfiltered. */
@PostgresTest
class DeleteRewritingTest extends SeededDatabaseTest {

    @Test
    void delete_marksRowsAndCountsOnlyNewlyDeleted() {
        int count = ctx.deleteFrom(LIKES).where(LIKES.COMMENT_ID.eq(100L)).execute();

        assertThat(count).isEqualTo(2); // (1,100) and (3,100); (4,100) was deleted already
        assertThat(plain.fetchCount(LIKES)).isEqualTo(7);
        assertThat(plain.fetchCount(LIKES, LIKES.COMMENT_ID.eq(100L).and(LIKES.DELETED_AT.isNotNull()))).isEqualTo(3);
    }

    @Test
    void delete_alreadyDeletedRow_keepsItsTimestamp() {
        int count = ctx.deleteFrom(LIKES).where(LIKES.USER_ID.eq(4L)).execute();

        assertThat(count).isZero();
        assertThat(plain.fetchValue(LIKES.DELETED_AT, LIKES.USER_ID.eq(4L)).toInstant()).isEqualTo(ReferenceData.DELETED.toInstant());
    }

    @Test
    void delete_rendersAsUpdate() {
        if (onMariaDb()) {
            assertThat(ctx.deleteFrom(LIKES).where(LIKES.USER_ID.eq(1L)).getSQL()).as("the stamp set before it runs: SessionStamp").isEqualTo(
                "update `" + database.name() + "`.`likes` set `" + database.name() + "`.`likes`.`deleted_at` = @softdelete_stamp where (`" + database.name()
                    + "`.`likes`.`user_id` = ? and `" + database.name() + "`.`likes`.`deleted_at` is null)");
            return;
        }
        assertThat(ctx.deleteFrom(LIKES).where(LIKES.USER_ID.eq(1L)).getSQL()).isEqualTo(
            "update \"public\".\"likes\" set \"deleted_at\" = statement_timestamp()"
                + " where (\"public\".\"likes\".\"user_id\" = ? and \"public\".\"likes\".\"deleted_at\" is null)");
    }

    @Test
    void deleteReturning_returnsDeletedRowsWithNewTimestamp() {
        if (onMariaDb()) {
            assertThatThrownBy(() -> ctx.deleteFrom(LIKES).where(LIKES.USER_ID.eq(1L)).returning().fetch())
                .isInstanceOf(SoftDeleteException.class).hasMessageContaining("DELETE ... RETURNING on MariaDB");
            assertThat(plain.fetchCount(LIKES, LIKES.DELETED_AT.isNotNull())).as("nothing sent").isEqualTo(1);
            return;
        }
        OffsetDateTime before = plain.fetchValue(select(org.jooq.impl.DSL.currentOffsetDateTime()));

        Result<LikesRecord> deleted = ctx.deleteFrom(LIKES).where(LIKES.USER_ID.eq(1L)).returning().fetch();

        assertThat(deleted).extracting(LikesRecord::getCommentId).containsExactlyInAnyOrder(100L, 101L, 103L);
        assertThat(deleted).allSatisfy(r -> assertThat(r.getDeletedAt()).isAfterOrEqualTo(before));
    }

    @Test
    void deleteUsing_becomesUpdateFrom_usingTablesFilteredAsReads() {
        // carol (3) is deleted, so no like of hers is reached through the USING table
        int viaDeletedUser = ctx.deleteFrom(LIKES).using(USERS).where(LIKES.USER_ID.eq(USERS.ID).and(USERS.NAME.eq("carol"))).execute();
        int viaLiveUser = ctx.deleteFrom(LIKES).using(USERS).where(LIKES.USER_ID.eq(USERS.ID).and(USERS.NAME.eq("bob"))).execute();

        assertThat(viaDeletedUser).isZero();
        assertThat(viaLiveUser).isEqualTo(2);
        assertThat(plain.fetchCount(LIKES, LIKES.USER_ID.eq(3L).and(LIKES.DELETED_AT.isNull()))).isEqualTo(1);
    }

    @Test
    void deleteUsing_targetNotSoftDeletable_usingTablesStillFiltered() {
        int count = ctx.deleteFrom(POST_TAGS).using(POSTS).where(POST_TAGS.POST_ID.eq(POSTS.ID)).execute();

        assertThat(count).isEqualTo(4); // post 11 is deleted, so (11,1) stays
        assertThat(plain.select(POST_TAGS.POST_ID, POST_TAGS.TAG_ID).from(POST_TAGS).fetch(r -> r.value1() + "|" + r.value2()))
            .containsExactly("11|1");
    }

    @Test
    void deleteWithCte_keepsTheCte() {
        CommonTableExpression<Record1<Long>> bobs = name("bobs").as(select(USERS.ID).from(USERS).where(USERS.NAME.eq("bob")));

        if (onMariaDb()) {
            // MariaDB has no WITH before a DELETE or UPDATE: the statement fails as the user's own would (1064)
            assertThatThrownBy(() -> ctx.with(bobs).delete(LIKES).where(LIKES.USER_ID.in(select(bobs.field(USERS.ID)).from(bobs))).execute())
                .isInstanceOf(org.jooq.exception.DataAccessException.class);
            assertThat(plain.fetchCount(LIKES, LIKES.USER_ID.eq(2L).and(LIKES.DELETED_AT.isNotNull()))).isZero();
            return;
        }
        int count = ctx.with(bobs).delete(LIKES).where(LIKES.USER_ID.in(select(bobs.field(USERS.ID)).from(bobs))).execute();

        assertThat(count).isEqualTo(2);
        assertThat(plain.fetchCount(LIKES, LIKES.USER_ID.eq(2L).and(LIKES.DELETED_AT.isNotNull()))).isEqualTo(2);
    }

    @Test
    void batchWithBindValues_softDeletesEachBinding() {
        int[] counts = ctx.batch(ctx.deleteFrom(LIKES).where(LIKES.USER_ID.eq((Long) null).and(LIKES.COMMENT_ID.eq((Long) null))))
            .bind(1L, 100L)
            .bind(4L, 100L)
            .bind(2L, 102L)
            .execute();

        assertThat(counts).containsExactly(1, 0, 1);
        assertThat(plain.fetchCount(LIKES)).isEqualTo(7);
        assertThat(plain.fetchCount(LIKES, LIKES.DELETED_AT.isNotNull())).isEqualTo(3);
    }

    @Test
    void batchDeleteOfRecords_softDeletes() {
        Result<LikesRecord> likes = ctx.selectFrom(LIKES).where(LIKES.USER_ID.eq(2L)).fetch();

        ctx.batchDelete(likes).execute();

        assertThat(plain.fetchCount(LIKES)).isEqualTo(7);
        assertThat(plain.fetchCount(LIKES, LIKES.USER_ID.eq(2L).and(LIKES.DELETED_AT.isNotNull()))).isEqualTo(2);
    }

    @Test
    void updatableRecordDelete_softDeletes() {
        LikesRecord like = ctx.fetchOne(LIKES, LIKES.USER_ID.eq(1L).and(LIKES.COMMENT_ID.eq(103L)));

        assertThat(like.delete()).isEqualTo(1);
        assertThat(plain.fetchValue(LIKES.DELETED_AT, LIKES.USER_ID.eq(1L).and(LIKES.COMMENT_ID.eq(103L)))).isNotNull();
    }

    @Test
    void executeDelete_softDeletes() {
        LikesRecord like = ctx.fetchOne(LIKES, LIKES.USER_ID.eq(1L).and(LIKES.COMMENT_ID.eq(103L)));

        assertThat(ctx.executeDelete(like)).isEqualTo(1);
        assertThat(plain.fetchValue(LIKES.DELETED_AT, LIKES.USER_ID.eq(1L).and(LIKES.COMMENT_ID.eq(103L)))).isNotNull();
    }

    @Test
    void delete_tableNotSoftDeletable_deletesPhysically() {
        assertThat(ctx.deleteFrom(TAGS).where(TAGS.NAME.eq("misc")).execute()).isEqualTo(1);
        assertThat(plain.fetchCount(TAGS)).isEqualTo(2);
    }

    @Test
    void delete_insideRolledBackTransaction_leavesRowLive() {
        try {
            ctx.transaction(tx -> {
                tx.dsl().deleteFrom(LIKES).where(LIKES.USER_ID.eq(2L)).execute();
                throw new IllegalStateException("roll back");
            });
        } catch (IllegalStateException expected) {
            // the rollback is the point
        }

        assertThat(plain.fetchCount(LIKES, LIKES.USER_ID.eq(2L).and(LIKES.DELETED_AT.isNull()))).isEqualTo(2);
    }

    @Test
    void delete_insideCommittedTransaction_marksRow() {
        ctx.transaction(tx -> tx.dsl().deleteFrom(LIKES).where(LIKES.USER_ID.eq(2L)).execute());

        assertThat(plain.fetchCount(LIKES, LIKES.USER_ID.eq(2L).and(LIKES.DELETED_AT.isNotNull()))).isEqualTo(2);
    }

    @Test
    void sameDeleteObjectExecutedTwice_rendersTheSameSql() {
        var delete = ctx.deleteFrom(LIKES).where(LIKES.USER_ID.eq(2L));
        String plainSql = plain.render(delete);

        assertThat(delete.execute()).isEqualTo(2);
        assertThat(delete.execute()).isZero();
        assertThat(plain.render(delete)).isEqualTo(plainSql).startsWith("delete from");
        assertThat(delete.getSQL()).startsWith("update");
    }

    @Test
    void hardDelete_removesRowsForGood_withDatabaseFkRules() {
        List<Long> before = plain.select(POSTS.ID).from(POSTS).where(POSTS.AUTHOR_ID.eq(3L)).fetch(POSTS.ID);

        int count = SoftDelete.hardDelete(ctx).deleteFrom(USERS).where(USERS.ID.eq(3L)).execute();

        assertThat(before).containsExactly(13L);
        assertThat(count).isEqualTo(1);
        assertThat(plain.fetchCount(USERS, USERS.ID.eq(3L))).isZero();
        assertThat(plain.fetchCount(POSTS, POSTS.AUTHOR_ID.eq(3L))).isZero(); // ON DELETE CASCADE, by PostgreSQL
        assertThat(plain.fetchValue(POSTS.EDITOR_ID, POSTS.ID.eq(12L))).isNull(); // ON DELETE SET NULL
    }

}
