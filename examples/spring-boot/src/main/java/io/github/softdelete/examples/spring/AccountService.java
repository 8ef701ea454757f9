package io.github.softdelete.examples.spring;

import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.USERS;

import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.github.softdelete.SoftDelete;

/** Accounts, written as any Spring service with jOOQ: nothing in it is about soft deletes but the restore. */
@Service
public class AccountService {

    private final DSLContext dsl;
    private final AccountCache cache;

    public AccountService(DSLContext dsl, AccountCache cache) {
        this.dsl = dsl;
        this.cache = cache;
    }

    /** The account's name, through the cache; null for an account that is closed. */
    public String accountName(long userId) {
        return cache.name(userId, id -> dsl.select(USERS.NAME).from(USERS).where(USERS.ID.eq(id)).fetchOne(USERS.NAME));
    }

    /** Signs a user up with a first post. */
    @Transactional
    public long signUp(String email, String name, String firstPost) {
        long userId = dsl.insertInto(USERS, USERS.EMAIL, USERS.NAME).values(email, name)
            .returning(USERS.ID).fetchOne(USERS.ID);
        long postId = dsl.insertInto(POSTS, POSTS.AUTHOR_ID, POSTS.TITLE).values(userId, firstPost)
            .returning(POSTS.ID).fetchOne(POSTS.ID);
        dsl.insertInto(COMMENTS, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.BODY)
            .values(postId, userId, "Welcome!").execute();
        return userId;
    }

    // snippet:begin spring-close-account
    @Transactional
    public void closeAccount(long userId) {
        // The starter turned this into an UPDATE of users, posts, comments and likes, in one statement.
        dsl.deleteFrom(USERS).where(USERS.ID.eq(userId)).execute();
    }

    @Transactional
    public void reopenAccount(long userId) {
        SoftDelete.restore(dsl, USERS, USERS.ID.eq(userId));
    }
    // snippet:end spring-close-account

    /** Live posts, as every query sees them. */
    public int livePosts() {
        return dsl.fetchCount(POSTS);
    }

    /** Live comments. */
    public int liveComments() {
        return dsl.fetchCount(COMMENTS);
    }

    /** Deleted posts, through a scoped context. */
    public int deletedPosts() {
        return SoftDelete.onlyDeleted(dsl).fetchCount(POSTS);
    }
}
