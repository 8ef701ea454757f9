package io.github.softdelete.it.markers;

import static io.github.softdelete.it.db.Tables.ATTACHMENTS;
import static io.github.softdelete.it.db.Tables.CATEGORIES;
import static io.github.softdelete.it.db.Tables.DOCUMENTS;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.PRODUCTS;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.SoftDeletePolicy;
import io.github.softdelete.it.db.Public;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.harness.PostgresTest;

/**
 * Every rule for every marker kind, on the reference schema's V4 tables: products (archived_at),
 * documents (is_deleted plus deleted_by), attachments (removed plus removed_at), related to the
 * timestamp tables and to each other by CASCADE and RESTRICT keys.
 *
 * <pre>
 * users        1 uma, 2 vic, 3 wes
 * categories   1
 * products     10 (uma, category 1), 30 (wes)
 * documents    100 (uma, product 10), 101 (uma), 102 (vic, title "notes"), 300 (wes)
 * attachments  1000, 1001 (document 100), 1002 (document 102, post 20)
 * posts        20 (vic)
 * </pre>
 */
@PostgresTest
class MarkerKindsOnPostgresTest extends SeededDatabaseTest {

    private static final OffsetDateTime EARLIER = OffsetDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    @Override
    protected void seed(DSLContext plain) {
        plain.truncate(USERS, CATEGORIES).restartIdentity().cascade().execute();
        plain.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME)
            .values(1L, "uma@example.com", "uma").values(2L, "vic@example.com", "vic").values(3L, "wes@example.com", "wes").execute();
        plain.insertInto(CATEGORIES, CATEGORIES.ID, CATEGORIES.NAME).values(1L, "one").execute();
        plain.insertInto(POSTS, POSTS.ID, POSTS.AUTHOR_ID, POSTS.TITLE).values(20L, 2L, "vic's post").execute();
        plain.insertInto(PRODUCTS, PRODUCTS.ID, PRODUCTS.OWNER_ID, PRODUCTS.CATEGORY_ID, PRODUCTS.NAME)
            .values(10L, 1L, 1L, "lamp").values(30L, 3L, null, "desk").execute();
        plain.insertInto(DOCUMENTS, DOCUMENTS.ID, DOCUMENTS.OWNER_ID, DOCUMENTS.PRODUCT_ID, DOCUMENTS.TITLE)
            .values(100L, 1L, 10L, "manual").values(101L, 1L, null, "invoice").values(102L, 2L, null, "notes")
            .values(300L, 3L, null, "plan").execute();
        plain.insertInto(ATTACHMENTS, ATTACHMENTS.ID, ATTACHMENTS.DOCUMENT_ID, ATTACHMENTS.POST_ID, ATTACHMENTS.FILE_NAME)
            .values(1000L, 100L, null, "a.pdf").values(1001L, 100L, null, "b.pdf").values(1002L, 102L, 20L, "c.pdf").execute();
    }

    @Test
    void flag_deleteWithActor_hidesRowAndRecordsWho() {
        int count = SoftDelete.withActor(ctx, "alice").deleteFrom(DOCUMENTS).where(DOCUMENTS.ID.eq(101L)).execute();

        assertThat(count).isEqualTo(1);
        assertThat(ctx.select(DOCUMENTS.ID).from(DOCUMENTS).orderBy(DOCUMENTS.ID).fetch(DOCUMENTS.ID)).containsExactly(100L, 102L, 300L);
        assertThat(SoftDelete.onlyDeleted(ctx).select(DOCUMENTS.ID, DOCUMENTS.DELETED_BY).from(DOCUMENTS).fetch(r -> r.value1() + " by " + r.value2()))
            .containsExactly("101 by alice");
        assertThat(SoftDelete.includeDeleted(ctx).fetchCount(DOCUMENTS)).isEqualTo(4);
        // left join: the deleted document is null-extended, not dropped with its owner
        assertThat(ctx.select(USERS.ID, DOCUMENTS.ID).from(USERS).leftJoin(DOCUMENTS).on(DOCUMENTS.OWNER_ID.eq(USERS.ID))
                .where(USERS.ID.eq(1L)).fetch(r -> r.value1() + ":" + r.value2())).containsExactly("1:100");
    }

    @Test
    void flag_recordDelete_andIncludingDeleted() {
        DSLContext alice = SoftDelete.withActor(ctx, "alice");
        var record = alice.fetchOne(DOCUMENTS, DOCUMENTS.ID.eq(101L));

        assertThat(record.delete()).isEqualTo(1);

        assertThat(plain.select(DOCUMENTS.IS_DELETED, DOCUMENTS.DELETED_BY).from(DOCUMENTS).where(DOCUMENTS.ID.eq(101L)).fetchOne().intoList())
            .containsExactly(true, "alice");
        assertThat(ctx.select(DOCUMENTS.ID).from(USERS).join(SoftDelete.includeDeleted(DOCUMENTS)).on(DOCUMENTS.OWNER_ID.eq(USERS.ID))
            .where(USERS.ID.eq(1L)).orderBy(DOCUMENTS.ID).fetch(DOCUMENTS.ID)).containsExactly(100L, 101L);
        assertThat(ctx.select(DOCUMENTS.ID).from(USERS).join(DOCUMENTS).on(DOCUMENTS.OWNER_ID.eq(USERS.ID))
            .where(USERS.ID.eq(1L)).fetch(DOCUMENTS.ID)).containsExactly(100L);
    }

    @Test
    void flag_deleteWithoutActor_refusedAndNothingChanged() {
        assertThatThrownBy(() -> ctx.deleteFrom(DOCUMENTS).where(DOCUMENTS.ID.eq(101L)).execute())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("\"documents\".deleted_by needs to know who deletes");
        assertThat(plain.fetchCount(DOCUMENTS, DSL.condition(DOCUMENTS.IS_DELETED))).isZero();
    }

    @Test
    void flag_deleteReturningAndBatch_work() {
        DSLContext alice = SoftDelete.withActor(ctx, "alice");
        Record returned = alice.deleteFrom(DOCUMENTS).where(DOCUMENTS.ID.eq(101L)).returning(DOCUMENTS.ID, DOCUMENTS.IS_DELETED, DOCUMENTS.DELETED_BY).fetchOne();
        assertThat(List.of(returned.get(DOCUMENTS.ID), returned.get(DOCUMENTS.IS_DELETED), returned.get(DOCUMENTS.DELETED_BY)))
            .containsExactly(101L, true, "alice");

        int[] counts = alice.batch(alice.deleteFrom(DOCUMENTS).where(DOCUMENTS.ID.eq((Long) null))).bind(300L).bind(101L).execute();
        assertThat(counts).containsExactly(1, 0);
        assertThat(plain.select(DOCUMENTS.DELETED_BY).from(DOCUMENTS).where(DOCUMENTS.ID.eq(300L)).fetchOne(DOCUMENTS.DELETED_BY)).isEqualTo("alice");
    }

    @Test
    void flag_updateSkipsDeletedRows_andCannotWriteTheOwnedColumns() {
        SoftDelete.withActor(ctx, "alice").deleteFrom(DOCUMENTS).where(DOCUMENTS.ID.eq(101L)).execute();

        assertThat(ctx.update(DOCUMENTS).set(DOCUMENTS.TITLE, "x").where(DOCUMENTS.OWNER_ID.eq(1L)).execute()).isEqualTo(1);
        assertThatThrownBy(() -> ctx.update(DOCUMENTS).set(DOCUMENTS.IS_DELETED, false).where(DOCUMENTS.ID.eq(101L)).execute())
            .isInstanceOf(SoftDeleteException.class);
        assertThatThrownBy(() -> ctx.update(DOCUMENTS).set(DOCUMENTS.DELETED_BY, "mallory").execute())
            .isInstanceOf(SoftDeleteException.class).hasMessageContaining("\"documents\".deleted_by");
    }

    @Test
    void cascade_acrossKinds_userToProductsDocumentsAttachments_inOneStatement() {
        int count = SoftDelete.withActor(ctx, "admin").deleteFrom(USERS).where(USERS.ID.eq(1L)).execute();

        assertThat(count).isEqualTo(1);
        assertThat(plain.select(PRODUCTS.ID).from(PRODUCTS).where(PRODUCTS.ARCHIVED_AT.isNotNull()).fetch(PRODUCTS.ID)).containsExactly(10L);
        assertThat(plain.select(DOCUMENTS.ID, DOCUMENTS.DELETED_BY).from(DOCUMENTS).where(DOCUMENTS.IS_DELETED).orderBy(DOCUMENTS.ID)
            .fetch(r -> r.value1() + " by " + r.value2())).containsExactly("100 by admin", "101 by admin");
        assertThat(plain.select(ATTACHMENTS.ID).from(ATTACHMENTS).where(ATTACHMENTS.REMOVED).and(ATTACHMENTS.REMOVED_AT.isNotNull())
            .orderBy(ATTACHMENTS.ID).fetch(ATTACHMENTS.ID)).containsExactly(1000L, 1001L);
        OffsetDateTime userStamp = plain.select(USERS.DELETED_AT).from(USERS).where(USERS.ID.eq(1L)).fetchOne(USERS.DELETED_AT);
        assertThat(plain.selectDistinct(ATTACHMENTS.REMOVED_AT).from(ATTACHMENTS).where(ATTACHMENTS.REMOVED).fetch(ATTACHMENTS.REMOVED_AT))
            .containsExactly(userStamp);
    }

    @Test
    void restrict_acrossKinds_liveFlagTimestampChildRefusesPostDelete() {
        assertThatThrownBy(() -> ctx.deleteFrom(POSTS).where(POSTS.ID.eq(20L)).execute())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("live rows in \"attachments\" reference it through attachments_post_id_fkey (ON DELETE RESTRICT)");
        assertThatThrownBy(() -> ctx.deleteFrom(CATEGORIES).where(CATEGORIES.ID.eq(1L)).execute())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("products_category_id_fkey");

        SoftDelete.withActor(ctx, "vic").deleteFrom(ATTACHMENTS).where(ATTACHMENTS.ID.eq(1002L)).execute();
        assertThat(ctx.deleteFrom(POSTS).where(POSTS.ID.eq(20L)).execute()).isEqualTo(1);
    }

    @Test
    void restore_stampedKinds_exact_earlierDeleteStaysDeleted() {
        // wes: product 30 (archived_at) and document 300 (a flag); restore through users is exact for
        // products, and refused for documents, which cannot tell this delete from another
        plain.update(PRODUCTS).set(PRODUCTS.ARCHIVED_AT, EARLIER).where(PRODUCTS.ID.eq(30L)).execute();
        plain.deleteFrom(DOCUMENTS).where(DOCUMENTS.ID.eq(300L)).execute();
        plain.insertInto(PRODUCTS, PRODUCTS.ID, PRODUCTS.OWNER_ID, PRODUCTS.NAME).values(31L, 3L, "chair").execute();
        ctx.deleteFrom(USERS).where(USERS.ID.eq(3L)).execute();

        assertThat(SoftDelete.restore(ctx, USERS, USERS.ID.eq(3L))).isEqualTo(1);

        assertThat(ctx.select(PRODUCTS.ID).from(PRODUCTS).where(PRODUCTS.OWNER_ID.eq(3L)).fetch(PRODUCTS.ID)).containsExactly(31L);
        assertThat(plain.select(PRODUCTS.ARCHIVED_AT).from(PRODUCTS).where(PRODUCTS.ID.eq(30L)).fetchOne(PRODUCTS.ARCHIVED_AT)).isEqualTo(EARLIER);
    }

    @Test
    void restore_throughFlagOnlyChildWithDeletedRows_refusedNamingTheFix() {
        SoftDelete.withActor(ctx, "admin").deleteFrom(USERS).where(USERS.ID.eq(1L)).execute();
        List<Record> before = plain.selectFrom(DOCUMENTS).orderBy(DOCUMENTS.ID).fetch().stream().map(r -> (Record) r).toList();

        assertThatThrownBy(() -> SoftDelete.restore(ctx, USERS, USERS.ID.eq(1L)))
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("deleted rows of \"documents\" reference them through documents_owner_id_fkey")
            .hasMessageContaining("Marker.flagAndTimestamp(flag, timestamp)");
        assertThat(plain.fetchCount(USERS, USERS.DELETED_AT.isNotNull())).isEqualTo(1);
        assertThat(plain.selectFrom(DOCUMENTS).orderBy(DOCUMENTS.ID).fetch().stream().map(r -> (Record) r).toList()).isEqualTo(before);
    }

    @Test
    void restore_flagOnlyRoot_withoutDeletedChildren_works_withDeletedChildren_refused() {
        DSLContext alice = SoftDelete.withActor(ctx, "alice");
        alice.deleteFrom(DOCUMENTS).where(DOCUMENTS.ID.in(100L, 101L)).execute();

        assertThat(SoftDelete.restore(ctx, DOCUMENTS, DOCUMENTS.ID.eq(101L))).isEqualTo(1);
        assertThat(plain.select(DOCUMENTS.IS_DELETED, DOCUMENTS.DELETED_BY).from(DOCUMENTS).where(DOCUMENTS.ID.eq(101L)).fetchOne().intoList())
            .containsExactly(false, null);
        assertThatThrownBy(() -> SoftDelete.restore(ctx, DOCUMENTS, DOCUMENTS.ID.eq(100L)))
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("\"documents\" marks deleted rows with the flag \"documents\".is_deleted alone");
    }

    @Test
    void restore_flagAndTimestamp_clearsBoth() {
        SoftDelete.withActor(ctx, "alice").deleteFrom(ATTACHMENTS).where(ATTACHMENTS.ID.eq(1000L)).execute();

        assertThat(SoftDelete.restore(ctx, ATTACHMENTS, ATTACHMENTS.ID.eq(1000L))).isEqualTo(1);
        assertThat(plain.select(ATTACHMENTS.REMOVED, ATTACHMENTS.REMOVED_AT).from(ATTACHMENTS).where(ATTACHMENTS.ID.eq(1000L)).fetchOne().intoList())
            .containsExactly(false, null);
    }

    @Test
    void restore_flagTableUniqueConflict_refusedNamingTheIndex() {
        SoftDelete.withActor(ctx, "wes").deleteFrom(DOCUMENTS).where(DOCUMENTS.ID.eq(300L)).execute();
        ctx.insertInto(DOCUMENTS, DOCUMENTS.ID, DOCUMENTS.OWNER_ID, DOCUMENTS.TITLE).values(301L, 3L, "plan").execute();

        assertThatThrownBy(() -> SoftDelete.restore(ctx, DOCUMENTS, DOCUMENTS.ID.eq(300L)))
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("documents_owner_id_title_live_key");
    }

    @Test
    void hardDelete_flagTable_removesTheRow() {
        SoftDelete.hardDelete(ctx).deleteFrom(DOCUMENTS).where(DOCUMENTS.ID.eq(101L)).execute();

        assertThat(plain.fetchCount(DOCUMENTS, DOCUMENTS.ID.eq(101L))).isZero();
    }

    @Test
    void fromDatabase_cascadesAsTheDatabaseSays() {
        DSLContext catalogCtx = DSL.using(SoftDelete.install(database.newConfiguration(), SoftDeletePolicy.fromDatabase(plain, "public")));

        plain.deleteFrom(ATTACHMENTS).where(ATTACHMENTS.ID.eq(1002L)).execute();
        // posts_author_id_fkey and documents_owner_id_fkey are CASCADE
        SoftDelete.withActor(catalogCtx, "ops").deleteFrom(USERS).where(USERS.ID.eq(2L)).execute();

        assertThat(plain.fetchCount(POSTS, POSTS.DELETED_AT.isNotNull())).isEqualTo(1);
        // documents follows the conventions (a boolean is_deleted, deleted_by beside it): the cascade flags
        // vic's document and records who, and leaves the row in place
        assertThat(plain.fetchCount(DOCUMENTS)).isEqualTo(4);
        assertThat(plain.select(DOCUMENTS.IS_DELETED, DOCUMENTS.DELETED_BY).from(DOCUMENTS).where(DOCUMENTS.ID.eq(102L))
            .fetchOne().intoList()).containsExactly(true, "ops");
    }

    @Test
    void forSchema_unknownRule_refusalSaysSoAndHowToDeclare() {
        DSLContext forSchema = DSL.using(SoftDelete.install(database.newConfiguration(), SoftDeletePolicy.forSchema(Public.PUBLIC)));

        assertThatThrownBy(() -> forSchema.deleteFrom(USERS).where(USERS.ID.eq(2L)).execute())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("whose ON DELETE rule the policy does not know")
            .hasMessageContaining("SoftDeletePolicy.fromDatabase(ctx, schema)");
    }
}
