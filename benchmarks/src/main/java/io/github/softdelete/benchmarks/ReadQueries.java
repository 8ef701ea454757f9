package io.github.softdelete.benchmarks;

import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.USERS;

import java.time.OffsetDateTime;
import java.util.List;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record3;
import org.jooq.Result;
import org.jooq.impl.DSL;

import io.github.softdelete.it.db.tables.records.PostsRecord;

/**
 * The reads of B2 and B4, written once for both ways of hiding deleted rows: with the listener
 * ({@link Filtering#LISTENER}: the query names no marker column and the listener adds it) or by hand
 * ({@link Filtering#HAND_WRITTEN}: plain jOOQ, with {@code deleted_at IS NULL} where an application
 * developer would write it). Each method builds its query anew, as application code does.
 *
 * <p>Not thread-safe: it uses one connection.
 */
final class ReadQueries {

    static final int PAGE_SIZE = 50;

    private final DSLContext ctx;
    private final boolean byHand;

    ReadQueries(BenchmarkConnection connection, Filtering filtering) {
        this.byHand = filtering == Filtering.HAND_WRITTEN;
        this.ctx = byHand ? connection.plain() : connection.softDeleting();
    }

    /** A live post by primary key. */
    PostsRecord postById(long id) {
        return ctx.selectFrom(POSTS).where(POSTS.ID.eq(id)).and(live(POSTS.DELETED_AT)).fetchOne();
    }

    /** Page {@code page} (from 0) of the newest live posts with their live authors' names. */
    Result<Record3<Long, String, String>> page(int page) {
        return ctx.select(POSTS.ID, POSTS.TITLE, USERS.NAME)
            .from(POSTS)
            .join(USERS).on(USERS.ID.eq(POSTS.AUTHOR_ID))
            .where(live(POSTS.DELETED_AT)).and(live(USERS.DELETED_AT))
            .orderBy(POSTS.ID.desc())
            .limit(PAGE_SIZE).offset(PAGE_SIZE * page)
            .fetch();
    }

    /** The number of live posts. */
    int count() {
        return ctx.fetchCount(POSTS, live(POSTS.DELETED_AT));
    }

    /** A user's live posts, newest first. */
    Result<PostsRecord> postsOf(long authorId) {
        return ctx.selectFrom(POSTS).where(POSTS.AUTHOR_ID.eq(authorId)).and(live(POSTS.DELETED_AT))
            .orderBy(POSTS.ID.desc()).fetch();
    }

    /** The ids of the live posts, in order, for benchmarks to look up by key. */
    List<Long> livePostIds() {
        return ctx.select(POSTS.ID).from(POSTS).where(live(POSTS.DELETED_AT)).orderBy(POSTS.ID).fetch(POSTS.ID);
    }

    private Condition live(Field<OffsetDateTime> marker) {
        return byHand ? marker.isNull() : DSL.noCondition();
    }
}
