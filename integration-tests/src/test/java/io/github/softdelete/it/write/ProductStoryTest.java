package io.github.softdelete.it.write;

import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.it.fixture.SoftDeleteDatabase;
import io.github.softdelete.it.harness.PostgresTest;
import io.github.softdelete.it.harness.TestDatabase;

/** The story from the product brief, end to end on one database. */
@PostgresTest
class ProductStoryTest {

    @Test
    void story_mistakenDelete_supportRestores_emailReused_oldAccountCannotComeBack(TestDatabase database) {
        DSLContext ctx = SoftDeleteDatabase.dsl(database);
        long ann = ctx.insertInto(USERS, USERS.EMAIL, USERS.NAME).values("ann@example.com", "Ann")
            .returning(USERS.ID).fetchOne(USERS.ID);
        long post = ctx.insertInto(POSTS, POSTS.AUTHOR_ID, POSTS.TITLE).values(ann, "My trip")
            .returning(POSTS.ID).fetchOne(POSTS.ID);

        // 1. A user deletes a post by mistake.
        assertThat(ctx.deleteFrom(POSTS).where(POSTS.ID.eq(post)).execute()).isEqualTo(1);
        assertThat(ctx.fetchCount(POSTS, POSTS.AUTHOR_ID.eq(ann))).isZero();

        // 2. Support finds it with onlyDeleted, and restores it.
        assertThat(SoftDelete.onlyDeleted(ctx).select(POSTS.TITLE).from(POSTS).where(POSTS.AUTHOR_ID.eq(ann)).fetch(POSTS.TITLE))
            .containsExactly("My trip");
        assertThat(SoftDelete.restore(ctx, POSTS, POSTS.ID.eq(post))).isEqualTo(1);
        assertThat(ctx.fetchCount(POSTS, POSTS.AUTHOR_ID.eq(ann))).isEqualTo(1);

        // 3. Ann's account is deleted, and a new signup takes her email (the unique index covers live rows only).
        ctx.deleteFrom(USERS).where(USERS.ID.eq(ann)).execute();
        long newAnn = ctx.insertInto(USERS, USERS.EMAIL, USERS.NAME).values("ann@example.com", "Another Ann")
            .returning(USERS.ID).fetchOne(USERS.ID);
        assertThat(ctx.select(USERS.ID).from(USERS).where(USERS.EMAIL.eq("ann@example.com")).fetch(USERS.ID)).containsExactly(newAnn);

        // 4. Restoring the old account then fails clearly, and nothing changes.
        assertThatThrownBy(() -> SoftDelete.restore(ctx, USERS, USERS.ID.eq(ann)))
            .isInstanceOf(SoftDeleteException.class)
            // MariaDB reports the key's name in its message's words only
            .hasMessageContaining(database.dialect() == org.jooq.SQLDialect.MARIADB ? "a unique constraint" : "users_email_live_key");
        assertThat(SoftDelete.onlyDeleted(ctx).fetchCount(USERS, USERS.ID.eq(ann))).isEqualTo(1);
        assertThat(ctx.select(USERS.ID).from(USERS).where(USERS.EMAIL.eq("ann@example.com")).fetch(USERS.ID)).containsExactly(newAnn);
    }
}
