package io.github.softdelete.examples;

import static io.github.softdelete.it.db.Keys.COMMENTS__COMMENTS_AUTHOR_ID_FKEY;
import static io.github.softdelete.it.db.Keys.COMMENTS__COMMENTS_PARENT_ID_FKEY;
import static io.github.softdelete.it.db.Keys.COMMENTS__COMMENTS_POST_ID_FKEY;
import static io.github.softdelete.it.db.Keys.LIKES__LIKES_COMMENT_ID_FKEY;
import static io.github.softdelete.it.db.Keys.LIKES__LIKES_USER_ID_FKEY;
import static io.github.softdelete.it.db.Keys.POSTS__POSTS_AUTHOR_ID_FKEY;
import static io.github.softdelete.it.db.Keys.POSTS__POSTS_CATEGORY_ID_FKEY;
import static io.github.softdelete.it.db.Keys.POSTS__POSTS_EDITOR_ID_FKEY;
import static io.github.softdelete.it.db.Keys.POST_TAGS__POST_TAGS_POST_ID_FKEY;
import static io.github.softdelete.it.db.Public.PUBLIC;

import io.github.softdelete.OnDelete;
import io.github.softdelete.SoftDeletePolicy;

/**
 * The soft-delete policy of the reference schema: every table with a {@code deleted_at} column, and
 * the {@code ON DELETE} rule of each foreign key that points at one, as the Flyway migrations
 * declare them.
 *
 * <p>The rules are spelled out because jOOQ 3.19's generated metadata does not carry them; without
 * them every key would count as {@code NO ACTION}, and deleting a user would be refused instead of
 * cascading. The softdelete code generator will generate this declaration; until then it lives here,
 * in one place, so that it can be swapped for the generated one. ({@code post_tags_tag_id_fkey} is
 * missing on purpose: it points at {@code tags}, which is not soft-deletable.)
 *
 * <p>The policy is immutable and thread-safe.
 */
final class ReferenceSchemaPolicy {

    static final SoftDeletePolicy POLICY = SoftDeletePolicy.builder()
            .schema(PUBLIC)
            .onDelete(POSTS__POSTS_AUTHOR_ID_FKEY, OnDelete.CASCADE)
            .onDelete(POSTS__POSTS_CATEGORY_ID_FKEY, OnDelete.RESTRICT)
            .onDelete(POSTS__POSTS_EDITOR_ID_FKEY, OnDelete.SET_NULL)
            .onDelete(COMMENTS__COMMENTS_POST_ID_FKEY, OnDelete.CASCADE)
            .onDelete(COMMENTS__COMMENTS_AUTHOR_ID_FKEY, OnDelete.CASCADE)
            .onDelete(COMMENTS__COMMENTS_PARENT_ID_FKEY, OnDelete.CASCADE)
            .onDelete(LIKES__LIKES_USER_ID_FKEY, OnDelete.CASCADE)
            .onDelete(LIKES__LIKES_COMMENT_ID_FKEY, OnDelete.CASCADE)
            .onDelete(POST_TAGS__POST_TAGS_POST_ID_FKEY, OnDelete.CASCADE)
            .build();

    private ReferenceSchemaPolicy() {
    }
}
