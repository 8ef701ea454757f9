package io.github.softdelete.it.write;

import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.TAGS;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.select;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.it.db.tables.records.PostsRecord;
import io.github.softdelete.it.db.tables.records.UsersRecord;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.harness.PostgresTest;

/** UPDATE never touches deleted rows, only the library writes the marker, and upserts respect both. */
@PostgresTest
class UpdateAndMarkerGuardTest extends SeededDatabaseTest {

    private static final OffsetDateTime SOME_TIME = OffsetDateTime.of(2026, 6, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void update_deletedRow_affectsNothing() {
        int count = ctx.update(POSTS).set(POSTS.TITLE, "edited").where(POSTS.ID.in(10L, 11L)).execute();

        assertThat(count).isEqualTo(1);
        assertThat(plain.fetchValue(POSTS.TITLE, POSTS.ID.eq(10L))).isEqualTo("edited");
        assertThat(plain.fetchValue(POSTS.TITLE, POSTS.ID.eq(11L))).isEqualTo("a2");
    }

    @Test
    void updateFrom_fromTablesFilteredAsReads() {
        // MariaDB's form of UPDATE ... FROM is a multi-table UPDATE over a join
        int viaDeletedAuthor = onMariaDb()
            ? ctx.update(POSTS.join(USERS).on(POSTS.AUTHOR_ID.eq(USERS.ID))).set(POSTS.TITLE, "x").where(USERS.NAME.eq("carol")).execute()
            : ctx.update(POSTS).set(POSTS.TITLE, "x").from(USERS).where(POSTS.AUTHOR_ID.eq(USERS.ID).and(USERS.NAME.eq("carol"))).execute();
        int viaLiveAuthor = onMariaDb()
            ? ctx.update(POSTS.join(USERS).on(POSTS.AUTHOR_ID.eq(USERS.ID))).set(POSTS.TITLE, "x").where(USERS.NAME.eq("alice")).execute()
            : ctx.update(POSTS).set(POSTS.TITLE, "x").from(USERS).where(POSTS.AUTHOR_ID.eq(USERS.ID).and(USERS.NAME.eq("alice"))).execute();

        assertThat(viaDeletedAuthor).isZero();
        assertThat(viaLiveAuthor).isEqualTo(1); // post 10; post 11 is deleted
        assertThat(plain.fetchValue(POSTS.TITLE, POSTS.ID.eq(13L))).isEqualTo("c1");
    }

    @Test
    void updateWithSubquery_subqueryFiltered() {
        int count = ctx.update(POSTS).set(POSTS.TITLE, "orphan")
            .where(POSTS.AUTHOR_ID.notIn(select(USERS.ID).from(USERS))).execute();

        assertThat(count).isEqualTo(1);
        assertThat(plain.fetchValue(POSTS.TITLE, POSTS.ID.eq(13L))).isEqualTo("orphan");
    }

    @Test
    void recordStore_deletedRow_refused_updatesNothing() {
        PostsRecord deleted = SoftDelete.includeDeleted(ctx).fetchOne(POSTS, POSTS.ID.eq(11L));
        deleted.setTitle("edited");

        assertThatThrownBy(deleted::store).isInstanceOf(SoftDeleteException.class).hasMessageContaining("it is soft-deleted");
        assertThat(plain.fetchValue(POSTS.TITLE, POSTS.ID.eq(11L))).isEqualTo("a2");
    }

    @Test
    void recordUpdate_liveRow_updates() {
        PostsRecord live = ctx.fetchOne(POSTS, POSTS.ID.eq(10L));
        live.setTitle("edited");

        assertThat(live.update()).isEqualTo(1);
        assertThat(plain.fetchValue(POSTS.TITLE, POSTS.ID.eq(10L))).isEqualTo("edited");
    }

    @Test
    void guard_dslUpdate_refusedAndNothingExecuted() {
        assertRefused(() -> ctx.update(POSTS).set(POSTS.DELETED_AT, SOME_TIME).where(POSTS.ID.eq(10L)).execute(), "in an UPDATE");
        assertThat(plain.fetchValue(POSTS.DELETED_AT, POSTS.ID.eq(10L))).isNull();
    }

    @Test
    void guard_dslUpdateToNull_refused_restoreIsTheWay() {
        assertRefused(() -> ctx.update(POSTS).setNull(POSTS.DELETED_AT).where(POSTS.ID.eq(11L)).execute(), "in an UPDATE");
        assertThat(plain.fetchValue(POSTS.DELETED_AT, POSTS.ID.eq(11L))).isNotNull();
    }

    @Test
    void guard_dslInsert_refusedAndNothingExecuted() {
        assertRefused(() -> ctx.insertInto(USERS, USERS.EMAIL, USERS.NAME, USERS.DELETED_AT)
            .values("eve@example.com", "eve", SOME_TIME).execute(), "in an INSERT");
        assertThat(plain.fetchCount(USERS)).isEqualTo(4);
    }

    @Test
    void guard_insertSelect_refused() {
        assertRefused(() -> ctx.insertInto(USERS, USERS.EMAIL, USERS.NAME, USERS.DELETED_AT)
            .select(select(USERS.EMAIL.concat("x"), USERS.NAME, USERS.DELETED_AT).from(USERS)).execute(), "in an INSERT ... SELECT");
    }

    @Test
    void guard_upsertDoUpdate_refusedAndNothingExecuted() {
        assertRefused(() -> ctx.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(1L, "a", "b")
            .onConflict(USERS.ID).doUpdate().set(USERS.DELETED_AT, SOME_TIME).execute(), "in an upsert");
        assertThat(plain.fetchValue(USERS.DELETED_AT, USERS.ID.eq(1L))).isNull();
    }

    @Test
    void guard_updatableRecordStore_refusedAndNothingExecuted() {
        UsersRecord alice = ctx.fetchOne(USERS, USERS.ID.eq(1L));
        statements.clear();
        alice.setDeletedAt(SOME_TIME);

        assertRefused(alice::store, "in an UPDATE");
        assertThat(plain.fetchValue(USERS.DELETED_AT, USERS.ID.eq(1L))).isNull();
    }

    @Test
    void guard_newRecordWithMarker_refused() {
        UsersRecord eve = ctx.newRecord(USERS);
        eve.setEmail("eve@example.com");
        eve.setName("eve");
        eve.setDeletedAt(SOME_TIME);

        assertRefused(eve::store, "in an INSERT");
        assertThat(plain.fetchCount(USERS)).isEqualTo(4);
    }

    @Test
    void insert_explicitNullMarker_isAllowed_theRowIsLive() {
        UsersRecord eve = ctx.newRecord(USERS);
        eve.setEmail("eve@example.com");
        eve.setName("eve");
        eve.setDeletedAt(null);

        assertThat(eve.store()).isEqualTo(1);
        assertThat(ctx.fetchCount(USERS, USERS.EMAIL.eq("eve@example.com"))).isEqualTo(1);
    }

    @Test
    void allowMarkerWrites_importsDeletedRow() {
        SoftDelete.allowMarkerWrites(ctx).insertInto(USERS, USERS.EMAIL, USERS.NAME, USERS.DELETED_AT)
            .values("old@example.com", "old", SOME_TIME).execute();

        assertThat(ctx.fetchCount(USERS, USERS.EMAIL.eq("old@example.com"))).isZero();
        assertThat(SoftDelete.onlyDeleted(ctx).fetchCount(USERS, USERS.EMAIL.eq("old@example.com"))).isEqualTo(1);
        assertThat(plain.fetchValue(USERS.DELETED_AT, USERS.EMAIL.eq("old@example.com")).toInstant()).isEqualTo(SOME_TIME.toInstant());
    }

    @Test
    void allowMarkerWrites_updateReachesDeletedRows_andDoesNotLeakToParentContext() {
        int count = SoftDelete.allowMarkerWrites(ctx).update(POSTS).set(POSTS.DELETED_AT, SOME_TIME).where(POSTS.ID.eq(11L)).execute();

        assertThat(count).isEqualTo(1);
        assertThat(plain.fetchValue(POSTS.DELETED_AT, POSTS.ID.eq(11L)).toInstant()).isEqualTo(SOME_TIME.toInstant());
        statements.clear();
        assertRefused(() -> ctx.update(POSTS).set(POSTS.DELETED_AT, SOME_TIME).where(POSTS.ID.eq(11L)).execute(), "in an UPDATE");
    }

    @Test
    void upsertOnLiveRowsIndex_deletedEmailIsFree_thenConflictsWithLiveRow() {
        // users_email_live_key is unique WHERE deleted_at IS NULL: name that predicate to target it
        int first = ctx.insertInto(USERS, USERS.EMAIL, USERS.NAME).values("carol@example.com", "carol again")
            .onConflict(USERS.EMAIL).where(USERS.DELETED_AT.isNull()).doUpdate().set(USERS.NAME, excluded(USERS.NAME)).execute();
        int second = ctx.insertInto(USERS, USERS.EMAIL, USERS.NAME).values("carol@example.com", "carol renamed")
            .onConflict(USERS.EMAIL).where(USERS.DELETED_AT.isNull()).doUpdate().set(USERS.NAME, excluded(USERS.NAME)).execute();

        assertThat(first).isEqualTo(1);
        assertThat(second).as("MariaDB counts a row that ON DUPLICATE KEY UPDATE changed twice").isEqualTo(onMariaDb() ? 2 : 1);
        assertThat(plain.select(USERS.NAME).from(USERS).where(USERS.EMAIL.eq("carol@example.com")).orderBy(USERS.ID).fetch(USERS.NAME))
            .containsExactly("carol", "carol renamed");
    }

    @Test
    void upsertConflictingWithDeletedRow_neitherInsertsNorTouchesIt() {
        int count = ctx.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(3L, "x@example.com", "x")
            .onConflict(USERS.ID).doUpdate().set(USERS.NAME, excluded(USERS.NAME)).execute();

        // MariaDB's driver counts rows found (useAffectedRows=false): the conflicting row, which stays as it was
        assertThat(count).isEqualTo(onMariaDb() ? 1 : 0);
        assertThat(plain.fetchValue(USERS.NAME, USERS.ID.eq(3L))).isEqualTo("carol");
    }

    @Test
    void insertSelect_sourceFiltered() {
        int count = ctx.insertInto(TAGS, TAGS.NAME).select(select(POSTS.TITLE).from(POSTS)).execute();

        assertThat(count).isEqualTo(4);
        assertThat(plain.fetchCount(TAGS, TAGS.NAME.in("a2", "b2"))).isZero();
    }

    @Test
    void mergeWithSubquerySource_sourceFiltered() {
        if (onMariaDb()) {
            assertThatThrownBy(() -> ctx.mergeInto(TAGS).using(select(POSTS.TITLE).from(POSTS).asTable("s"))
                .on(TAGS.NAME.eq(org.jooq.impl.DSL.field(org.jooq.impl.DSL.name("s", "title"), String.class)))
                .whenNotMatchedThenInsert(TAGS.NAME).values(org.jooq.impl.DSL.field(org.jooq.impl.DSL.name("s", "title"), String.class))
                .execute()).as("MariaDB has no MERGE").isInstanceOf(org.jooq.exception.DataAccessException.class);
            return;
        }
        int count = ctx.mergeInto(TAGS).using(select(POSTS.TITLE).from(POSTS).asTable("s"))
            .on(TAGS.NAME.eq(org.jooq.impl.DSL.field(org.jooq.impl.DSL.name("s", "title"), String.class)))
            .whenNotMatchedThenInsert(TAGS.NAME).values(org.jooq.impl.DSL.field(org.jooq.impl.DSL.name("s", "title"), String.class))
            .execute();

        assertThat(count).isEqualTo(4);
        assertThat(plain.fetchCount(TAGS, TAGS.NAME.in("a2", "b2"))).isZero();
    }

    @Test
    void mergeIntoSoftDeletableTable_refusedAndNothingExecuted() {
        assertRefused(() -> ctx.mergeInto(USERS).using(select(TAGS.NAME).from(TAGS).asTable("s"))
            .on(USERS.NAME.eq(org.jooq.impl.DSL.field(org.jooq.impl.DSL.name("s", "name"), String.class)))
            .whenMatchedThenUpdate().set(USERS.NAME, "x").execute(), "cannot run a MERGE");
    }

    private static void assertRefused(Executable statement, String messagePart) {
        assertThatThrownBy(statement::execute)
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining(messagePart);
        assertThat(statements.executed()).isEmpty();
    }
}
