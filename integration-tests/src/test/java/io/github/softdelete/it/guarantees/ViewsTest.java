package io.github.softdelete.it.guarantees;

import static io.github.softdelete.it.db.Tables.LIVE_POSTS;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.POST_AUTHORS;
import static io.github.softdelete.it.db.Tables.USERS;
import static io.github.softdelete.it.db.Tables.USER_EMAILS;
import static io.github.softdelete.it.db.Tables.USER_NAMES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.SoftDeletePolicy;
import io.github.softdelete.it.db.SoftDeletes;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.harness.PostgresTest;

/**
 * Views over soft-deletable tables (migration V3): reads see live rows only, a DELETE through a simple
 * view soft-deletes, other writes are refused.
 */
@PostgresTest
class ViewsTest extends SeededDatabaseTest {

    @Test
    void deleteThroughSimpleView_softDeletesTheBaseRow_withCascades() {
        int count = ctx.deleteFrom(USER_EMAILS).where(USER_EMAILS.EMAIL.eq("dave@example.com")).execute();

        assertThat(count).isEqualTo(1);
        assertThat(plain.fetchCount(USERS, USERS.ID.eq(4L))).isEqualTo(1);
        assertThat(plain.fetchValue(USERS.DELETED_AT, USERS.ID.eq(4L))).isNotNull();
        // dave's post 15 followed over posts_author_id_fkey (ON DELETE CASCADE), softly
        assertThat(plain.fetchValue(POSTS.DELETED_AT, POSTS.ID.eq(15L))).isNotNull();
        assertThat(plain.fetchCount(POSTS)).isEqualTo(6);
    }

    @Test
    void deleteThroughViewWithoutKey_refusedNamingViewTableAndFix_nothingDeleted() {
        assertThatThrownBy(() -> ctx.deleteFrom(USER_NAMES).where(USER_NAMES.NAME.eq("dave")).execute())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("cannot DELETE through view \"user_names\"")
            .hasMessageContaining("\"users\"")
            .hasMessageContaining("primary key");

        assertThat(plain.fetchCount(USERS)).isEqualTo(4);
        assertThat(plain.fetchValue(USERS.DELETED_AT, USERS.ID.eq(4L))).isNull();
    }

    @Test
    void deleteThroughJoinView_refused() {
        assertThatThrownBy(() -> ctx.deleteFrom(POST_AUTHORS).where(POST_AUTHORS.POST_ID.eq(15L)).execute())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("cannot DELETE through view \"post_authors\"")
            .hasMessageContaining("it joins tables");
    }

    @Test
    void deleteThroughView_hardDelete_deletesPhysically() {
        SoftDelete.hardDelete(ctx).deleteFrom(USER_EMAILS).where(USER_EMAILS.EMAIL.eq("dave@example.com")).execute();

        assertThat(plain.fetchCount(USERS, USERS.ID.eq(4L))).isZero();
    }

    @Test
    void updateThroughSimpleView_reachesLiveRowsOnly() {
        int count = ctx.update(USER_EMAILS).set(USER_EMAILS.NAME, "renamed").execute();

        assertThat(count).isEqualTo(3);
        assertThat(plain.fetchValue(USERS.NAME, USERS.ID.eq(3L))).isEqualTo("carol");
    }

    @Test
    void updateThroughJoinView_refused() {
        assertThatThrownBy(() -> ctx.update(POST_AUTHORS).set(POST_AUTHORS.TITLE, "x").execute())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("cannot UPDATE through view \"post_authors\"");
    }

    @Test
    void insertThroughSimpleView_insertsALiveBaseRow() {
        assertThat(ctx.insertInto(USER_EMAILS, USER_EMAILS.EMAIL, USER_EMAILS.NAME).values("eve@example.com", "eve").execute())
            .isEqualTo(1);
        assertThat(plain.fetchValue(USERS.DELETED_AT, USERS.EMAIL.eq("eve@example.com"))).isNull();
    }

    @Test
    void readSimpleView_liveRowsOnly() {
        assertThat(ctx.select(USER_EMAILS.EMAIL).from(USER_EMAILS).orderBy(USER_EMAILS.ID).fetch(USER_EMAILS.EMAIL))
            .containsExactly("alice@example.com", "bob@example.com", "dave@example.com");
    }

    @Test
    void readSimpleView_includeDeletedAndOnlyDeleted() {
        assertThat(SoftDelete.includeDeleted(ctx).fetchCount(USER_EMAILS)).isEqualTo(4);
        assertThat(SoftDelete.onlyDeleted(ctx).selectFrom(USER_EMAILS).fetch(USER_EMAILS.EMAIL)).containsExactly("carol@example.com");
    }

    @Test
    void readJoinView_liveRowsOfBothTablesOnly() {
        // live posts by live authors: 10 (alice), 12 (bob), 15 (dave); 13 is by carol, who is deleted
        assertThat(ctx.select(POST_AUTHORS.POST_ID).from(POST_AUTHORS).orderBy(POST_AUTHORS.POST_ID).fetch(POST_AUTHORS.POST_ID))
            .containsExactly(10L, 12L, 15L);
    }

    @Test
    void readViewJoinedWithTable_andAliased_liveRowsOnly() {
        var e = USER_EMAILS.as("e");
        assertThat(ctx.select(POSTS.ID).from(POSTS).join(e).on(e.ID.eq(POSTS.AUTHOR_ID)).where(e.EMAIL.like("%example.com"))
                .orderBy(POSTS.ID).fetch(POSTS.ID))
            .containsExactly(10L, 12L, 15L);
        assertThat(ctx.fetchCount(DSL.selectFrom(USER_EMAILS).where(USER_EMAILS.ID.in(DSL.select(USERS.ID).from(USERS)))))
            .isEqualTo(3);
    }

    @Test
    void readFilteringView_leftAlone() {
        assertThat(ctx.selectFrom(LIVE_POSTS).getSQL()).doesNotContain("(select");
        assertThat(ctx.fetchCount(LIVE_POSTS)).isEqualTo(4);
    }

    @Test
    void policyFromCatalog_findsTheViewsOverSoftDeletableTables() {
        SoftDeletePolicy policy = SoftDeletes.builder().viewsFromDatabase(plain).build();
        // snippet:begin views-from-catalog
        SoftDeletePolicy discovered = SoftDeletePolicy.builder().schema(io.github.softdelete.it.db.Public.PUBLIC)
            .viewsFromDatabase(plain).build();
        // snippet:end views-from-catalog

        assertThat(discovered.views()).extracting(Object::toString).containsExactlyInAnyOrder("\"live_posts\" (filters)", "\"post_authors\" (inlined)",
            "\"user_emails\" (inlined)", "\"user_names\" (inlined)");
        assertThat(policy.views()).hasSize(4);
        DSLContext fromCatalog = DSL.using(SoftDelete.install(database.newConfiguration(), discovered));
        assertThat(fromCatalog.fetchCount(DSL.table(DSL.name("public", "user_emails")))).isEqualTo(3);
    }
}
