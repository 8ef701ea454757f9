package io.github.softdelete.it;

import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.LIKES;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.POST_TAGS;
import static io.github.softdelete.it.db.Tables.TAGS;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.softdelete.it.harness.PostgresTest;
import java.time.OffsetDateTime;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

@PostgresTest
class ReferenceSchemaTest {

    @Test
    void migrate_appliesEveryMigrationInOrder(DSLContext dsl) {
        var versions = dsl.resultQuery("select version from flyway_schema_history where success order by installed_rank")
                .fetch(0, String.class);

        assertThat(versions).containsExactly("1", "2", "3", "4", "5");
    }

    @Test
    void migrate_insertThroughGeneratedClasses_readsBack(DSLContext dsl) {
        long ada = dsl.insertInto(USERS, USERS.EMAIL, USERS.NAME).values("ada@example.org", "Ada")
                .returning(USERS.ID).fetchOne(USERS.ID);
        long post = dsl.insertInto(POSTS, POSTS.AUTHOR_ID, POSTS.TITLE).values(ada, "Notes")
                .returning(POSTS.ID).fetchOne(POSTS.ID);
        long comment = dsl.insertInto(COMMENTS, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.BODY)
                .values(post, ada, "First").returning(COMMENTS.ID).fetchOne(COMMENTS.ID);
        dsl.insertInto(COMMENTS, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.PARENT_ID, COMMENTS.BODY)
                .values(post, ada, comment, "Reply").execute();
        dsl.insertInto(LIKES, LIKES.USER_ID, LIKES.COMMENT_ID).values(ada, comment).execute();
        long tag = dsl.insertInto(TAGS, TAGS.NAME).values("engines").returning(TAGS.ID).fetchOne(TAGS.ID);
        dsl.insertInto(POST_TAGS, POST_TAGS.POST_ID, POST_TAGS.TAG_ID).values(post, tag).execute();

        var row = dsl.select(USERS.NAME, POSTS.TITLE, COMMENTS.BODY, TAGS.NAME, LIKES.DELETED_AT)
                .from(USERS)
                .join(POSTS).on(POSTS.AUTHOR_ID.eq(USERS.ID))
                .join(COMMENTS).on(COMMENTS.POST_ID.eq(POSTS.ID).and(COMMENTS.PARENT_ID.isNull()))
                .join(LIKES).on(LIKES.COMMENT_ID.eq(COMMENTS.ID))
                .join(POST_TAGS).on(POST_TAGS.POST_ID.eq(POSTS.ID))
                .join(TAGS).on(TAGS.ID.eq(POST_TAGS.TAG_ID))
                .fetchOne();

        assertThat(row).isNotNull();
        assertThat(row.value1()).isEqualTo("Ada");
        assertThat(row.value2()).isEqualTo("Notes");
        assertThat(row.value3()).isEqualTo("First");
        assertThat(row.value4()).isEqualTo("engines");
        assertThat(row.value5()).as("a new row is live").isNull();
        assertThat(dsl.fetchCount(COMMENTS, COMMENTS.PARENT_ID.eq(comment))).isEqualTo(1);
    }

    @Test
    void insert_explicitIdentityValue_isAccepted(DSLContext dsl) {
        dsl.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(4242L, "grace@example.org", "Grace").execute();

        assertThat(dsl.fetchValue(USERS.NAME, USERS.ID.eq(4242L))).isEqualTo("Grace");
    }

    @Test
    void usersEmail_uniqueAmongLiveRowsOnly(DSLContext dsl) {
        dsl.insertInto(USERS, USERS.EMAIL, USERS.NAME, USERS.DELETED_AT)
                .values("linus@example.org", "Linus (old)", OffsetDateTime.now()).execute();
        dsl.insertInto(USERS, USERS.EMAIL, USERS.NAME).values("linus@example.org", "Linus").execute();

        assertThatThrownBy(() -> dsl.insertInto(USERS, USERS.EMAIL, USERS.NAME)
                        .values("linus@example.org", "Linus again").execute())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("users_email_live_key");
    }
}
