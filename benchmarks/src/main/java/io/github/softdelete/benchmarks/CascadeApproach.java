package io.github.softdelete.benchmarks;

import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.LIKES;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.jooq.impl.DSL.select;

import java.time.OffsetDateTime;

import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.Select;

/**
 * B3's ways to soft-delete a user with everything that hangs from it: the library's, and two that
 * applications write by hand with plain jOOQ. All three leave the same rows of {@link Dataset#CASCADE}
 * deleted ({@link CascadeTree}).
 *
 * <p>Stateless; thread-safe as long as each thread uses its own connection.
 */
public enum CascadeApproach {

    /** {@code DELETE FROM users WHERE id = ?} through the listener: one statement, no transaction needed. */
    LIBRARY {
        @Override
        int delete(BenchmarkConnection connection, long userId) {
            return connection.softDeleting().deleteFrom(USERS).where(USERS.ID.eq(userId)).execute();
        }
    },

    /**
     * {@link #LIBRARY} with a listener that counts what each delete stamped (issue 26): the delete counts its steps in
     * the same statement, and its settlement reads the counts back, so that the listeners hear every table's rows.
     */
    LIBRARY_WITH_A_LISTENER {
        @Override
        int delete(BenchmarkConnection connection, long userId) {
            return connection.softDeletingWithListener().deleteFrom(USERS).where(USERS.ID.eq(userId)).execute();
        }
    },

    /**
     * The library's delete inside the caller's transaction, in a nested transaction (a savepoint), so that a refusal
     * raised by the statement can be caught and the transaction go on (docs/guarantees.md, "Refusals"): what the
     * recipe costs over the bare delete.
     */
    LIBRARY_IN_A_SAVEPOINT {
        @Override
        int delete(BenchmarkConnection connection, long userId) {
            return connection.softDeleting().transactionResult(tx -> tx.dsl().transactionResult(
                nested -> nested.dsl().deleteFrom(USERS).where(USERS.ID.eq(userId)).execute()));
        }
    },

    /**
     * The application code many teams write: in a transaction, find the user and update it, then load
     * its posts and update them one by one, and each post's comments (and their likes) one by one.
     */
    HAND_ROLLED_PER_ROW {
        @Override
        int delete(BenchmarkConnection connection, long userId) {
            return connection.plain().transactionResult(tx -> {
                DSLContext ctx = tx.dsl();
                if (ctx.selectFrom(USERS).where(USERS.ID.eq(userId)).and(USERS.DELETED_AT.isNull()).fetchOne() == null)
                    return 0;
                OffsetDateTime now = OffsetDateTime.now();
                ctx.update(USERS).set(USERS.DELETED_AT, now).where(USERS.ID.eq(userId)).execute();
                for (Long post : ctx.select(POSTS.ID).from(POSTS)
                        .where(POSTS.AUTHOR_ID.eq(userId)).and(POSTS.DELETED_AT.isNull()).fetch(POSTS.ID)) {
                    ctx.update(POSTS).set(POSTS.DELETED_AT, now).where(POSTS.ID.eq(post)).execute();
                    for (Long comment : ctx.select(COMMENTS.ID).from(COMMENTS)
                            .where(COMMENTS.POST_ID.eq(post)).and(COMMENTS.DELETED_AT.isNull()).fetch(COMMENTS.ID)) {
                        ctx.update(COMMENTS).set(COMMENTS.DELETED_AT, now).where(COMMENTS.ID.eq(comment)).execute();
                        ctx.update(LIKES).set(LIKES.DELETED_AT, now)
                            .where(LIKES.COMMENT_ID.eq(comment)).and(LIKES.DELETED_AT.isNull()).execute();
                    }
                }
                return 1;
            });
        }
    },

    /**
     * The careful hand-written version: in a transaction, find the user, then one set-based UPDATE per
     * table (user, posts, their comments, those comments' likes).
     */
    HAND_ROLLED_PER_TABLE {
        @Override
        int delete(BenchmarkConnection connection, long userId) {
            return connection.plain().transactionResult(tx -> {
                DSLContext ctx = tx.dsl();
                if (!ctx.fetchExists(USERS, USERS.ID.eq(userId).and(USERS.DELETED_AT.isNull())))
                    return 0;
                OffsetDateTime now = OffsetDateTime.now();
                int users = ctx.update(USERS).set(USERS.DELETED_AT, now).where(USERS.ID.eq(userId)).execute();
                ctx.update(POSTS).set(POSTS.DELETED_AT, now)
                    .where(POSTS.AUTHOR_ID.eq(userId)).and(POSTS.DELETED_AT.isNull()).execute();
                Select<Record1<Long>> posts = select(POSTS.ID).from(POSTS).where(POSTS.AUTHOR_ID.eq(userId));
                ctx.update(COMMENTS).set(COMMENTS.DELETED_AT, now)
                    .where(COMMENTS.POST_ID.in(posts)).and(COMMENTS.DELETED_AT.isNull()).execute();
                ctx.update(LIKES).set(LIKES.DELETED_AT, now)
                    .where(LIKES.COMMENT_ID.in(select(COMMENTS.ID).from(COMMENTS).where(COMMENTS.POST_ID.in(posts))))
                    .and(LIKES.DELETED_AT.isNull()).execute();
                return users;
            });
        }
    };

    /** Soft-deletes user {@code userId} and what hangs from it; returns the number of users deleted. */
    abstract int delete(BenchmarkConnection connection, long userId);
}
