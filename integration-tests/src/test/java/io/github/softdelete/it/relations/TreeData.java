package io.github.softdelete.it.relations;

import static io.github.softdelete.it.db.Tables.CATEGORIES;
import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.LIKES;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.POST_TAGS;
import static io.github.softdelete.it.db.Tables.TAGS;
import static io.github.softdelete.it.db.Tables.USERS;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.jooq.DSLContext;

import io.github.softdelete.it.fixture.ReferenceData;
import org.jooq.Record;
import org.jooq.Table;

/**
 * A four-level tree (users, posts, comments with replies, likes) with earlier independent deletes at
 * each level, and a second user whose rows hang off the first user's tree.
 *
 * <pre>
 * users      1 uma (the root), 2 vic
 * posts      10 (uma), 11 (uma, deleted on its own earlier), 20 (vic, category 2)
 * comments   100 on 10 by vic; 101 reply to 100 by uma; 102 reply to 101 by vic (depth 3);
 *            103 on 10 by uma, deleted on its own earlier; 104 on 11 by vic (live under a deleted post);
 *            200 on 20 by uma
 * likes      (1,100) (2,101) (2,102) (2,200) live; (1,102) deleted on its own earlier
 * post_tags  (10,1) (11,1)
 * categories 1 (posts 10, 11), 2 (post 20)
 * </pre>
 */
final class TreeData {

    static final OffsetDateTime EARLIER = OffsetDateTime.of(2025, 5, 5, 5, 5, 5, 0, ZoneOffset.UTC);

    private TreeData() {
    }

    static void reset(DSLContext plain) {
        ReferenceData.empty(plain);
        plain.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(1L, "uma@example.com", "uma").values(2L, "vic@example.com", "vic").execute();
        plain.insertInto(CATEGORIES, CATEGORIES.ID, CATEGORIES.NAME).values(1L, "one").values(2L, "two").execute();
        plain.insertInto(POSTS, POSTS.ID, POSTS.AUTHOR_ID, POSTS.CATEGORY_ID, POSTS.EDITOR_ID, POSTS.TITLE, POSTS.DELETED_AT)
            .values(10L, 1L, 1L, 2L, "uma's post", null)
            .values(11L, 1L, 1L, null, "uma's old post", EARLIER)
            .values(20L, 2L, 2L, 1L, "vic's post", null)
            .execute();
        plain.insertInto(COMMENTS, COMMENTS.ID, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.PARENT_ID, COMMENTS.BODY, COMMENTS.DELETED_AT)
            .values(100L, 10L, 2L, null, "vic on uma's post", null)
            .values(101L, 10L, 1L, 100L, "uma replies", null)
            .values(102L, 10L, 2L, 101L, "vic replies", null)
            .values(103L, 10L, 1L, null, "uma, deleted earlier", EARLIER)
            .values(104L, 11L, 2L, null, "vic on the old post", null)
            .values(200L, 20L, 1L, null, "uma on vic's post", null)
            .execute();
        plain.insertInto(LIKES, LIKES.USER_ID, LIKES.COMMENT_ID, LIKES.DELETED_AT)
            .values(1L, 100L, null).values(2L, 101L, null).values(2L, 102L, null).values(2L, 200L, null)
            .values(1L, 102L, EARLIER)
            .execute();
        plain.insertInto(TAGS, TAGS.ID, TAGS.NAME).values(1L, "t").execute();
        plain.insertInto(POST_TAGS, POST_TAGS.POST_ID, POST_TAGS.TAG_ID).values(10L, 1L).values(11L, 1L).execute();
        ReferenceData.identitiesFrom(plain, 1000);
    }

    /** Every row of every table, with its marker, as text: the whole state to compare before and after. */
    static List<String> state(DSLContext plain) {
        List<String> rows = new ArrayList<>();
        for (Table<?> table : List.of(USERS, POSTS, COMMENTS, LIKES, POST_TAGS, CATEGORIES))
            for (Record record : plain.selectFrom(table).orderBy(table.fields()[0], table.fields()[1]).fetch())
                rows.add(table.getName() + record.intoList());
        return rows;
    }
}
