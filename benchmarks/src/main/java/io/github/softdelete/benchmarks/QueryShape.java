package io.github.softdelete.benchmarks;

import static io.github.softdelete.it.db.Tables.CATEGORIES;
import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.POST_TAGS;
import static io.github.softdelete.it.db.Tables.TAGS;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.deleteFrom;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.insertInto;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectCount;
import static org.jooq.impl.DSL.selectFrom;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.update;
import static org.jooq.impl.DSL.with;

import java.util.function.Supplier;

import org.jooq.CommonTableExpression;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Record1;
import org.jooq.impl.DSL;

/**
 * The query shapes of benchmark B1 (ten built with the DSL, and one of plain SQL), built once, unattached, and rendered by every variant from the
 * same object. {@link #UPDATE} shows what a plain rewrite costs; {@link #DELETE} renders a cascade.
 *
 * <p>Immutable; thread-safe. Each {@link #query()} is a new query object.
 */
public enum QueryShape {

    /** {@code SELECT * FROM posts WHERE id = ?}. */
    PK_LOOKUP(() -> selectFrom(POSTS).where(POSTS.ID.eq(42L))),

    /** Posts with their author (inner join) and category (left join). */
    JOIN_3_LEFT(() -> select(POSTS.ID, POSTS.TITLE, USERS.NAME, CATEGORIES.NAME)
        .from(POSTS)
        .join(USERS).on(USERS.ID.eq(POSTS.AUTHOR_ID))
        .leftJoin(CATEGORIES).on(CATEGORIES.ID.eq(POSTS.CATEGORY_ID))
        .where(POSTS.TITLE.like("%jOOQ%"))),

    /** Users who commented: a correlated {@code EXISTS}. */
    EXISTS_SUBQUERY(() -> selectFrom(USERS)
        .where(exists(selectOne().from(COMMENTS).where(COMMENTS.AUTHOR_ID.eq(USERS.ID))))),

    /** Active users: a CTE whose body is a {@code UNION} of two tables, joined to a third. */
    CTE_UNION(QueryShape::cteUnion),

    /** Prolific authors: {@code GROUP BY} with {@code HAVING count(*)}. */
    GROUP_BY_COUNT(() -> select(POSTS.AUTHOR_ID, count())
        .from(POSTS)
        .groupBy(POSTS.AUTHOR_ID)
        .having(count().gt(10))
        .orderBy(count().desc())),

    /** Delete a post by id; with the reference schema's rules it cascades to comments and likes. */
    DELETE(() -> deleteFrom(POSTS).where(POSTS.ID.eq(42L))),

    /** Rename a post. */
    UPDATE(() -> update(POSTS).set(POSTS.TITLE, "A better title").where(POSTS.ID.eq(42L))),

    /** Tag counts over two tables without {@code deleted_at}: nothing to rewrite. */
    NOT_SOFT_DELETABLE(() -> select(TAGS.NAME, count())
        .from(TAGS)
        .join(POST_TAGS).on(POST_TAGS.TAG_ID.eq(TAGS.ID))
        .groupBy(TAGS.NAME)),

    /** An author's page of posts with a comment count each: a scalar subquery, ORDER BY and LIMIT. */
    PAGE_WITH_COUNTS(() -> select(POSTS.ID, POSTS.TITLE,
            field(selectCount().from(COMMENTS).where(COMMENTS.POST_ID.eq(POSTS.ID))).as("comments"))
        .from(POSTS)
        .where(POSTS.AUTHOR_ID.eq(7L))
        .orderBy(POSTS.ID.desc())
        .limit(50)),

    /**
     * A new comment, returning its id: checked for marker writes, and each foreign-key value wrapped in the
     * in-statement check for a deleted parent.
     */
    INSERT(() -> insertInto(COMMENTS, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.BODY)
        .values(42L, 7L, "Nice post")
        .returning(COMMENTS.ID)),

    /**
     * jOOQ's plain SQL, {@code resultQuery("select ... from posts where author_id = ?")}: parsed by jOOQ's parser
     * and rewritten by the listener (PlainSql.PARSE, the default), its rewrite kept per text after the first
     * render. Not one of the DSL shapes the targets are set on ({@link #dsl()}).
     */
    PLAIN_SQL(() -> DSL.resultQuery("select id, title from posts where author_id = ? order by id", 7L));

    private final Supplier<Query> query;

    QueryShape(Supplier<Query> query) {
        this.query = query;
    }

    /** Whether the shape is built with the DSL: the shapes B1's targets are set on. */
    boolean dsl() {
        return this != PLAIN_SQL;
    }

    /** The shapes built with the DSL. */
    static java.util.List<QueryShape> dslShapes() {
        return java.util.Arrays.stream(values()).filter(QueryShape::dsl).toList();
    }

    /** A new query object of this shape. */
    public Query query() {
        return query.get();
    }

    private static Query cteUnion() {
        CommonTableExpression<Record1<Long>> active = DSL.name("active").fields("user_id")
            .as(select(POSTS.AUTHOR_ID).from(POSTS).union(select(COMMENTS.AUTHOR_ID).from(COMMENTS)));
        Field<Long> userId = active.field("user_id", Long.class);
        return with(active)
            .select(USERS.ID, USERS.NAME)
            .from(USERS)
            .join(active).on(userId.eq(USERS.ID));
    }
}
