package io.github.softdelete.it.write;

import static io.github.softdelete.it.db.Tables.LIKES;
import static io.github.softdelete.it.db.Tables.TAGS;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.harness.PostgresTest;

/** Restoring single rows: counts, live rows untouched, unique conflicts refused. */
@PostgresTest
class RestoreTest extends SeededDatabaseTest {

    @Test
    void restore_deletedRow_bringsItBack() {
        int count = SoftDelete.restore(ctx, LIKES, LIKES.USER_ID.eq(4L));

        assertThat(count).isEqualTo(1);
        assertThat(ctx.fetchCount(LIKES, LIKES.USER_ID.eq(4L))).isEqualTo(1);
        assertThat(plain.fetchValue(LIKES.DELETED_AT, LIKES.USER_ID.eq(4L))).isNull();
    }

    @Test
    void restore_nothingMatched_returnsZero() {
        assertThat(SoftDelete.restore(ctx, LIKES, LIKES.USER_ID.eq(99L))).isZero();
    }

    @Test
    void restore_liveRow_untouched() {
        assertThat(SoftDelete.restore(ctx, LIKES, LIKES.USER_ID.eq(1L))).isZero();
        assertThat(plain.fetchCount(LIKES, LIKES.USER_ID.eq(1L).and(LIKES.DELETED_AT.isNull()))).isEqualTo(3);
    }

    @Test
    void restore_afterDelete_roundTrips() {
        ctx.deleteFrom(LIKES).where(LIKES.USER_ID.eq(2L)).execute();

        assertThat(SoftDelete.restore(ctx, LIKES, LIKES.USER_ID.eq(2L))).isEqualTo(2);
        assertThat(ctx.fetchCount(LIKES, LIKES.USER_ID.eq(2L))).isEqualTo(2);
    }

    @Test
    void restore_uniqueKeyTakenByLiveRow_refusedNamingConstraint_nothingChanges() {
        ctx.insertInto(USERS, USERS.EMAIL, USERS.NAME).values("carol@example.com", "new carol").execute();

        assertThatThrownBy(() -> SoftDelete.restore(ctx, USERS, USERS.ID.eq(3L)))
            .isInstanceOf(SoftDeleteException.class)
            // MariaDB reports the key's name in its message's words only
            .hasMessageContaining(onMariaDb() ? "a unique constraint" : "users_email_live_key")
            .hasMessageContaining("\"users\"");
        assertThat(plain.fetchValue(USERS.DELETED_AT, USERS.ID.eq(3L))).isNotNull();
        assertThat(ctx.fetchCount(USERS, USERS.EMAIL.eq("carol@example.com"))).isEqualTo(1);
    }

    @Test
    void restore_tableNotSoftDeletable_refused() {
        assertThatThrownBy(() -> SoftDelete.restore(ctx, TAGS, TAGS.ID.eq(1L)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("table \"tags\" is not soft-deletable");
    }

    @Test
    void restore_insideRolledBackTransaction_undone() {
        try {
            ctx.transaction(tx -> {
                assertThat(SoftDelete.restore(tx.dsl(), LIKES, LIKES.USER_ID.eq(4L))).isEqualTo(1);
                throw new IllegalStateException("roll back");
            });
        } catch (IllegalStateException expected) {
            // the rollback is the point
        }

        assertThat(plain.fetchValue(LIKES.DELETED_AT, LIKES.USER_ID.eq(4L))).isNotNull();
    }
}
