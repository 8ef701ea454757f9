package io.github.softdelete.examples;

import static io.github.softdelete.it.db.Tables.CATEGORIES;
import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.LIKES;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.USERS;

import org.jooq.DSLContext;

/**
 * The story's data: three users, two categories, six posts, five comments and six likes, inserted in
 * an empty database so that identity columns number them from 1.
 *
 * <pre>
 * users       1 alice, 2 bob, 3 carol
 * posts       1 "Lisbon in spring" (alice, travel)   2 "Pasta from scratch" (alice, food)
 *             3 "Sourdough diary" (bob, food)        4 "Road trip notes" (bob, travel)
 *             5 "Ramen tour" (bob, food)             6 "Tokyo on a budget" (carol, travel)
 * comments    1 bob on post 1, 2 alice on 3, 3 carol on 3, 4 bob on 6, 5 carol on 1
 * likes       alice: comments 1, 4, 5; bob: 2, 5; carol: 1
 * </pre>
 */
final class SocialApp {

    static final long ALICE = 1L;
    static final long BOB = 2L;
    static final long CAROL = 3L;

    private static final long FOOD = 1L;
    private static final long TRAVEL = 2L;

    private SocialApp() {
    }

    /** Inserts the data through {@code plain}, a context without the soft-delete listener. */
    static void seed(DSLContext plain) {
        plain.insertInto(USERS, USERS.EMAIL, USERS.NAME)
                .values("alice@example.com", "Alice")
                .values("bob@example.com", "Bob")
                .values("carol@example.com", "Carol")
                .execute();
        plain.insertInto(CATEGORIES, CATEGORIES.NAME).values("food").values("travel").execute();
        plain.insertInto(POSTS, POSTS.AUTHOR_ID, POSTS.CATEGORY_ID, POSTS.TITLE)
                .values(ALICE, TRAVEL, "Lisbon in spring")
                .values(ALICE, FOOD, "Pasta from scratch")
                .values(BOB, FOOD, "Sourdough diary")
                .values(BOB, TRAVEL, "Road trip notes")
                .values(BOB, FOOD, "Ramen tour")
                .values(CAROL, TRAVEL, "Tokyo on a budget")
                .execute();
        plain.insertInto(COMMENTS, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.BODY)
                .values(1L, BOB, "Great photos!")
                .values(3L, ALICE, "Looks delicious")
                .values(3L, CAROL, "Recipe, please?")
                .values(6L, BOB, "Saving this one")
                .values(1L, CAROL, "Adding it to my list")
                .execute();
        plain.insertInto(LIKES, LIKES.USER_ID, LIKES.COMMENT_ID)
                .values(ALICE, 1L).values(ALICE, 4L).values(ALICE, 5L)
                .values(BOB, 2L).values(BOB, 5L)
                .values(CAROL, 1L)
                .execute();
    }
}
