package io.github.softdelete.it.codegen;

import static io.github.softdelete.it.db.Public.PUBLIC;
import static io.github.softdelete.it.db.Tables.CATEGORIES;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.SoftDeletePolicy;
import io.github.softdelete.it.db.SoftDeletes;
import io.github.softdelete.it.fixture.ReferenceData;
import io.github.softdelete.it.harness.PostgresTest;
import io.github.softdelete.it.harness.TestDatabase;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generated helpers and policy at work on the reference dataset, set up the way the README
 * says: {@code SoftDelete.install(configuration, SoftDeletes.POLICY)}.
 */
@PostgresTest
class GeneratedHelpersTest {

    private static DSLContext plain;
    private static DSLContext ctx;
    private static TestDatabase database;

    @BeforeAll
    static void connect(TestDatabase testDatabase) {
        database = testDatabase;
        plain = database.dsl();
        ctx = DSL.using(SoftDelete.install(database.newConfiguration(), SoftDeletes.POLICY));
    }

    @BeforeEach
    void resetData() {
        ReferenceData.reset(plain);
    }

    @Test
    void liveAndDeleted_countUsersByTheirMarker() {
        DSLContext unfiltered = SoftDelete.includeDeleted(ctx);

        assertThat(unfiltered.fetchCount(USERS, USERS.live())).isEqualTo(3);
        assertThat(unfiltered.fetchCount(USERS, USERS.deleted())).isEqualTo(1);
        assertThat(ctx.fetchCount(USERS, USERS.deleted())).as("ordinary reads see no deleted row").isZero();
    }

    @Test
    void includingDeleted_joinReachesTheDeletedEditor() {
        // Post 12 is live; its editor, carol, is deleted.
        var editorOf12 = ctx.select(USERS.NAME).from(POSTS)
                .join(USERS.includingDeleted()).on(USERS.ID.eq(POSTS.EDITOR_ID))
                .where(POSTS.ID.eq(12L));
        var filteredEditorOf12 = ctx.select(USERS.NAME).from(POSTS)
                .join(USERS).on(USERS.ID.eq(POSTS.EDITOR_ID))
                .where(POSTS.ID.eq(12L));

        assertThat(editorOf12.fetch(USERS.NAME)).containsExactly("carol");
        assertThat(filteredEditorOf12.fetch(USERS.NAME)).isEmpty();
    }

    @Test
    void delete_userWithLivePosts_cascadesByTheGeneratedRule() {
        ctx.deleteFrom(USERS).where(USERS.ID.eq(1L)).execute();

        assertThat(plain.fetchValue(POSTS.DELETED_AT, POSTS.ID.eq(10L))).as("post 10 by alice, posts_author_id_fkey"
                + " ON DELETE CASCADE").isNotNull();
    }

    @Test
    void delete_userWithLivePosts_forSchemaOnJooq319_refuses() {
        // What the generated rules add: without them, jOOQ 3.19 metadata has no rule and the key
        // counts as NO ACTION. (On jOOQ 3.20+ forSchema reads the rule, and cascades too.)
        DSLContext forSchema = DSL.using(SoftDelete.install(database.newConfiguration(), SoftDeletePolicy.forSchema(PUBLIC)));
        boolean jooqHasDeleteRules = hasDeleteRules();

        if (jooqHasDeleteRules) {
            forSchema.deleteFrom(USERS).where(USERS.ID.eq(1L)).execute();
            assertThat(plain.fetchValue(POSTS.DELETED_AT, POSTS.ID.eq(10L))).isNotNull();
        } else {
            assertThatThrownBy(() -> forSchema.deleteFrom(USERS).where(USERS.ID.eq(1L)).execute())
                    .isInstanceOf(SoftDeleteException.class);
        }
    }

    @Test
    void delete_categoryWithLivePosts_refusedByTheGeneratedRestrictRule() {
        assertThatThrownBy(() -> ctx.deleteFrom(CATEGORIES).where(CATEGORIES.ID.eq(1L)).execute())
                .isInstanceOf(SoftDeleteException.class)
                .hasMessageContaining("posts_category_id_fkey");
        assertThat(plain.fetchValue(CATEGORIES.DELETED_AT, CATEGORIES.ID.eq(1L))).isNull();
    }

    private static boolean hasDeleteRules() {
        try {
            org.jooq.ForeignKey.class.getMethod("getDeleteRule");
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
