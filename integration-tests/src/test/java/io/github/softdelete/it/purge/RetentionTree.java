package io.github.softdelete.it.purge;

import static io.github.softdelete.it.db.Tables.CATEGORIES;
import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.LIKES;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.POST_TAGS;
import static io.github.softdelete.it.db.Tables.TAGS;
import static io.github.softdelete.it.db.Tables.USERS;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;

import io.github.softdelete.it.fixture.ReferenceData;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The reference schema filled for purging: users, posts, comments (with replies) and likes, with rows
 * deleted long ago (OLD, due), rows deleted recently (RECENT, not due) and live rows at every level.
 *
 * <pre>
 * users      1 live; 2 OLD, its tree all due; 3 OLD, author of live post 30; 4 OLD, author of due post 40,
 *            which keeps a RECENT comment; 5 RECENT. User 2 edits live post 10 (SET NULL).
 * categories 1 live; 2 OLD, used by post 40 (RESTRICT); 3 OLD, unused
 * posts      10 live (uma, editor 2, tag 1); 20 OLD by 2 (tag 1, cascaded); 30 live by 3; 40 OLD by 4 (category 2)
 * comments   on 10: 100 OLD (due, a due like), 101 live, 102 OLD with OLD reply 103 (both due, parent first by id),
 *            104 OLD with live reply 105, 107 OLD with a live like; 200 OLD on 20 by 2; 400 RECENT on 40
 * likes      (1,100) OLD; (1,101) live; (1,107) live
 * </pre>
 *
 * A purge before {@link #CUTOFF} leaves users 1 3 4 5, categories 1 2, posts 10 30 40,
 * comments 101 104 105 107 400, likes (1,101) (1,107), post_tags (10,1), and post 10's editor NULL.
 */
final class RetentionTree {

    static final OffsetDateTime OLD = OffsetDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    static final OffsetDateTime RECENT = OffsetDateTime.of(2026, 6, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    static final Instant CUTOFF = Instant.parse("2026-01-01T00:00:00Z");

    /** The keys of each table once a purge before {@link #CUTOFF} is done. */
    static final Map<String, List<String>> AFTER_PURGE = Map.of(
        "users", List.of("1", "3", "4", "5"),
        "categories", List.of("1", "2"),
        "posts", List.of("10", "30", "40"),
        "comments", List.of("101", "104", "105", "107", "400"),
        "likes", List.of("1,101", "1,107"),
        "post_tags", List.of("10,1"));

    private RetentionTree() {
    }

    static void reset(DSLContext plain) {
        ReferenceData.empty(plain);
        plain.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME, USERS.DELETED_AT)
            .values(1L, "u1@example.com", "uma", null).values(2L, "u2@example.com", "bo", OLD)
            .values(3L, "u3@example.com", "cy", OLD).values(4L, "u4@example.com", "di", OLD)
            .values(5L, "u5@example.com", "ed", RECENT).execute();
        plain.insertInto(CATEGORIES, CATEGORIES.ID, CATEGORIES.NAME, CATEGORIES.DELETED_AT)
            .values(1L, "one", null).values(2L, "two", OLD).values(3L, "three", OLD).execute();
        plain.insertInto(POSTS, POSTS.ID, POSTS.AUTHOR_ID, POSTS.CATEGORY_ID, POSTS.EDITOR_ID, POSTS.TITLE, POSTS.DELETED_AT)
            .values(10L, 1L, 1L, 2L, "live", null).values(20L, 2L, 1L, null, "all due", OLD)
            .values(30L, 3L, 1L, null, "live under a due user", null).values(40L, 4L, 2L, null, "due, keeps a recent comment", OLD)
            .execute();
        plain.insertInto(COMMENTS, COMMENTS.ID, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.PARENT_ID, COMMENTS.BODY, COMMENTS.DELETED_AT)
            .values(100L, 10L, 1L, null, "due", OLD).values(101L, 10L, 1L, null, "live", null)
            .values(102L, 10L, 1L, null, "due parent", OLD).values(103L, 10L, 1L, 102L, "due reply", OLD)
            .values(104L, 10L, 1L, null, "due, live reply", OLD).values(105L, 10L, 1L, 104L, "live reply", null)
            .values(107L, 10L, 1L, null, "due, live like", OLD).values(200L, 20L, 2L, null, "due", OLD)
            .values(400L, 40L, 1L, null, "recent", RECENT).execute();
        plain.insertInto(LIKES, LIKES.USER_ID, LIKES.COMMENT_ID, LIKES.DELETED_AT)
            .values(1L, 100L, OLD).values(1L, 101L, null).values(1L, 107L, null).execute();
        plain.insertInto(TAGS, TAGS.ID, TAGS.NAME).values(1L, "t").execute();
        plain.insertInto(POST_TAGS, POST_TAGS.POST_ID, POST_TAGS.TAG_ID).values(10L, 1L).values(20L, 1L).execute();
    }

    /** Each table's keys, sorted, as text ({@code "1,101"} for a two-column key). */
    static Map<String, List<String>> keys(DSLContext plain) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        for (Table<?> table : List.of(USERS, CATEGORIES, POSTS, COMMENTS, LIKES, POST_TAGS)) {
            var key = table.getPrimaryKey().getFields();
            keys.put(table.getName(), plain.select(key).from(table).orderBy(key).fetch(r -> String.join(",",
                r.intoStream().map(String::valueOf).toList())));
        }
        return keys;
    }

    /** Per table: its rows in key order, as text, to tell whether anything at all changed (on either database). */
    static Map<String, String> checksums(DSLContext plain) {
        Map<String, String> sums = new LinkedHashMap<>();
        for (Table<?> table : List.of(USERS, CATEGORIES, POSTS, COMMENTS, LIKES, TAGS, POST_TAGS))
            sums.put(table.getName(), plain.selectFrom(table).orderBy(table.getPrimaryKey().getFields()).fetch().formatCSV());
        return sums;
    }
}
