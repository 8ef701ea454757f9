package io.github.softdelete.examples;

import static io.github.softdelete.examples.SocialApp.ALICE;
import static io.github.softdelete.examples.SocialApp.BOB;
import static io.github.softdelete.examples.SocialApp.CAROL;
import static io.github.softdelete.examples.StepResult.rows;
import static io.github.softdelete.it.db.Tables.CATEGORIES;
import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.DOCUMENTS;
import static io.github.softdelete.it.db.Tables.LIKES;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.selectCount;

import java.util.ArrayList;
import java.util.List;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Record4;
import org.jooq.ResultQuery;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteException;

/**
 * The eight steps, in order. Each step's code text mirrors its action; later steps build on the rows
 * that earlier steps left behind, as in a real app.
 */
final class Story {

    private static final String ALICES_POSTS = """
            ctx.select(POSTS.ID, POSTS.TITLE).from(POSTS)
               .where(POSTS.AUTHOR_ID.eq(ALICE)).orderBy(POSTS.ID).fetch();""";

    private static final String LIVE_ROWS = """
            var liveRows = ctx.select(
                field(selectCount().from(USERS)).as("users"),
                field(selectCount().from(POSTS)).as("posts"),
                field(selectCount().from(COMMENTS)).as("comments"),
                field(selectCount().from(LIKES)).as("likes"));""";

    private static final String USERS_INCLUDING_DELETED = """
            SoftDelete.includeDeleted(ctx)
                .select(USERS.ID, USERS.EMAIL, USERS.DELETED_AT.isNotNull().as("deleted"))
                .from(USERS).orderBy(USERS.ID).fetch();""";

    private Story() {
    }

    static List<Step> steps() {
        return List.of(
            new Step("A user deletes a post by mistake",
                "Alice meant to delete a draft, but deleted \"Lisbon in spring\". The DELETE becomes an"
                    + " UPDATE that stamps deleted_at on the post and, following ON DELETE CASCADE, on its"
                    + " comments and their likes. Every read leaves those rows out.",
                "ctx.deleteFrom(POSTS).where(POSTS.ID.eq(1L)).execute();\n\n" + ALICES_POSTS,
                (ctx, result) -> {
                    result.line("deleted: " + rows(ctx.deleteFrom(POSTS).where(POSTS.ID.eq(1L)).execute()));
                    result.table("Alice's posts:", alicesPosts(ctx));
                }),
            new Step("Support finds it with onlyDeleted and restores it",
                "Alice asks support for her post back. onlyDeleted(ctx) reads deleted rows only, and"
                    + " restore() sets deleted_at back to NULL on the post and on what its delete took along.",
                """
                SoftDelete.onlyDeleted(ctx)
                    .select(POSTS.ID, POSTS.TITLE, POSTS.DELETED_AT).from(POSTS)
                    .where(POSTS.AUTHOR_ID.eq(ALICE)).fetch();

                SoftDelete.restore(ctx, POSTS, POSTS.ID.eq(1L));

                """ + ALICES_POSTS,
                (ctx, result) -> {
                    result.table("Alice's deleted posts:", SoftDelete.onlyDeleted(ctx)
                        .select(POSTS.ID, POSTS.TITLE, POSTS.DELETED_AT).from(POSTS)
                        .where(POSTS.AUTHOR_ID.eq(ALICE)).fetch());
                    result.line("restored: " + rows(SoftDelete.restore(ctx, POSTS, POSTS.ID.eq(1L))));
                    result.table("Alice's posts:", alicesPosts(ctx));
                }),
            new Step("An account is deleted; its posts, comments and likes go with it",
                "Some time ago Bob deleted his post \"Road trip notes\" himself. Now he deletes his"
                    + " account. Its foreign keys say ON DELETE CASCADE, so his posts, his comments, the"
                    + " comments on his posts and the likes of all of them are soft-deleted with it, in"
                    + " one statement (on MariaDB, in one transaction).",
                """
                ctx.deleteFrom(POSTS).where(POSTS.ID.eq(4L)).execute();

                """ + LIVE_ROWS + """

                var before = liveRows.fetchOne();
                ctx.deleteFrom(USERS).where(USERS.ID.eq(BOB)).execute();
                var after = liveRows.fetchOne();""",
                (ctx, result) -> {
                    ctx.deleteFrom(POSTS).where(POSTS.ID.eq(4L)).execute();
                    ResultQuery<Record4<Integer, Integer, Integer, Integer>> liveRows = liveRows(ctx);
                    Record before = liveRows.fetchOne();
                    result.line("deleted: " + rows(ctx.deleteFrom(USERS).where(USERS.ID.eq(BOB)).execute()));
                    result.table("Live rows:", liveRowsTable().add(row("before", before))
                        .add(row("after", liveRows.fetchOne())));
                }),
            new Step("Restoring the account does not bring back the post deleted earlier",
                "Bob changes his mind. Restoring his account brings back exactly what deleting it took"
                    + " along; \"Road trip notes\", which he had deleted on his own before, stays deleted.",
                """
                SoftDelete.restore(ctx, USERS, USERS.ID.eq(BOB));

                SoftDelete.includeDeleted(ctx)
                    .select(POSTS.ID, POSTS.TITLE, POSTS.DELETED_AT.isNotNull().as("deleted"))
                    .from(POSTS).where(POSTS.AUTHOR_ID.eq(BOB)).orderBy(POSTS.ID).fetch();
                var now = liveRows.fetchOne();""",
                (ctx, result) -> {
                    result.line("restored: " + rows(SoftDelete.restore(ctx, USERS, USERS.ID.eq(BOB))));
                    result.table("Bob's posts, deleted ones included:", SoftDelete.includeDeleted(ctx)
                        .select(POSTS.ID, POSTS.TITLE, POSTS.DELETED_AT.isNotNull().as("deleted"))
                        .from(POSTS).where(POSTS.AUTHOR_ID.eq(BOB)).orderBy(POSTS.ID).fetch());
                    result.table("Live rows:", liveRowsTable().add(row("now", liveRows(ctx).fetchOne())));
                }),
            new Step("The email freed by the deleted account is reused by a new signup",
                "Carol deletes her account and signs up again with the same address. The unique index"
                    + " users_email_live_key covers live rows only (on PostgreSQL WHERE deleted_at IS NULL; on"
                    + " MariaDB it is over a generated column that is NULL on deleted rows), so the new account may"
                    + " take the address, and restoring the old one is refused.",
                """
                ctx.deleteFrom(USERS).where(USERS.ID.eq(CAROL)).execute();
                ctx.insertInto(USERS, USERS.EMAIL, USERS.NAME)
                   .values("carol@example.com", "Carol").execute();

                """ + USERS_INCLUDING_DELETED + """


                SoftDelete.restore(ctx, USERS, USERS.ID.eq(CAROL));""",
                (ctx, result) -> {
                    result.line("deleted: " + rows(ctx.deleteFrom(USERS).where(USERS.ID.eq(CAROL)).execute()));
                    result.line("inserted: " + rows(ctx.insertInto(USERS, USERS.EMAIL, USERS.NAME)
                        .values("carol@example.com", "Carol").execute()));
                    result.table("Users, deleted ones included:", usersIncludingDeleted(ctx));
                    try {
                        result.line("restored: " + rows(SoftDelete.restore(ctx, USERS, USERS.ID.eq(CAROL))));
                    } catch (SoftDeleteException e) {
                        result.refused("restore", e);
                    }
                }),
            new Step("Counts ignore deleted rows; a category in use refuses deletion",
                "Posts per category count live posts only. The filter on posts goes into the LEFT JOIN's"
                    + " ON clause, not into WHERE, so a category whose posts are all deleted would still show,"
                    + " with 0. Deleting \"food\" is refused: posts.category_id says ON DELETE RESTRICT, and"
                    + " live posts use it.",
                """
                var postsPerCategory = ctx
                    .select(CATEGORIES.NAME.as("category"), count(POSTS.ID).as("posts"))
                    .from(CATEGORIES)
                    .leftJoin(POSTS).on(POSTS.CATEGORY_ID.eq(CATEGORIES.ID))
                    .groupBy(CATEGORIES.NAME).orderBy(CATEGORIES.NAME);
                postsPerCategory.fetch();
                SoftDelete.includeDeleted(ctx).fetch(postsPerCategory);

                ctx.deleteFrom(CATEGORIES).where(CATEGORIES.NAME.eq("food")).execute();""",
                (ctx, result) -> {
                    ResultQuery<?> postsPerCategory = ctx
                        .select(CATEGORIES.NAME.as("category"), count(POSTS.ID).as("posts"))
                        .from(CATEGORIES)
                        .leftJoin(POSTS).on(POSTS.CATEGORY_ID.eq(CATEGORIES.ID))
                        .groupBy(CATEGORIES.NAME).orderBy(CATEGORIES.NAME);
                    result.table("Live posts per category:", postsPerCategory.fetch());
                    result.table("All posts per category, deleted ones included:",
                        SoftDelete.includeDeleted(ctx).fetch(postsPerCategory));
                    try {
                        result.line("deleted: " + rows(ctx.deleteFrom(CATEGORIES)
                            .where(CATEGORIES.NAME.eq("food")).execute()));
                    } catch (SoftDeleteException e) {
                        result.refused("delete", e);
                    }
                }),
            new Step("A hard delete removes rows for good",
                "Carol's old account must be erased. hardDelete(ctx) sends a real DELETE, which reaches"
                    + " rows that are already soft-deleted; the database's own ON DELETE CASCADE removes"
                    + " her post, comments and likes. Not even includeDeleted finds them now.",
                """
                SoftDelete.hardDelete(ctx)
                    .deleteFrom(USERS).where(USERS.ID.eq(CAROL)).execute();

                """ + USERS_INCLUDING_DELETED + """

                SoftDelete.includeDeleted(ctx)
                    .select(POSTS.ID, POSTS.TITLE, POSTS.DELETED_AT.isNotNull().as("deleted"))
                    .from(POSTS).orderBy(POSTS.ID).fetch();""",
                (ctx, result) -> {
                    result.line("deleted: " + rows(SoftDelete.hardDelete(ctx)
                        .deleteFrom(USERS).where(USERS.ID.eq(CAROL)).execute()));
                    result.table("Users, deleted ones included:", usersIncludingDeleted(ctx));
                    result.table("Posts, deleted ones included:", SoftDelete.includeDeleted(ctx)
                        .select(POSTS.ID, POSTS.TITLE, POSTS.DELETED_AT.isNotNull().as("deleted"))
                        .from(POSTS).orderBy(POSTS.ID).fetch());
                }),
            new Step("A table with a boolean flag records who deleted a row",
                "Documents mark deleted rows with is_deleted (a boolean, NOT NULL DEFAULT false) and say who"
                    + " deleted them in deleted_by: the policy declares Marker.flag(DOCUMENTS.IS_DELETED)"
                    + ".deletedBy(DOCUMENTS.DELETED_BY). The actor comes from the context, like the other"
                    + " context flags; a delete of a document without one is refused before anything is sent.",
                """
                ctx.insertInto(DOCUMENTS, DOCUMENTS.OWNER_ID, DOCUMENTS.TITLE)
                   .values(ALICE, "Packing list").values(ALICE, "Visa scan").execute();

                SoftDelete.withActor(ctx, "alice@example.com")
                    .deleteFrom(DOCUMENTS).where(DOCUMENTS.TITLE.eq("Visa scan")).execute();

                SoftDelete.includeDeleted(ctx)
                    .select(DOCUMENTS.TITLE, DOCUMENTS.IS_DELETED,
                            coalesce(DOCUMENTS.DELETED_BY, "-").as("deleted_by"))
                    .from(DOCUMENTS).orderBy(DOCUMENTS.ID).fetch();

                ctx.deleteFrom(DOCUMENTS).where(DOCUMENTS.TITLE.eq("Packing list")).execute();""",
                (ctx, result) -> {
                    result.line("inserted: " + rows(ctx.insertInto(DOCUMENTS, DOCUMENTS.OWNER_ID, DOCUMENTS.TITLE)
                        .values(ALICE, "Packing list").values(ALICE, "Visa scan").execute()));
                    result.line("deleted: " + rows(SoftDelete.withActor(ctx, "alice@example.com")
                        .deleteFrom(DOCUMENTS).where(DOCUMENTS.TITLE.eq("Visa scan")).execute()));
                    result.table("Documents, deleted ones included:", SoftDelete.includeDeleted(ctx)
                        .select(DOCUMENTS.TITLE, DOCUMENTS.IS_DELETED, coalesce(DOCUMENTS.DELETED_BY, "-").as("deleted_by"))
                        .from(DOCUMENTS).orderBy(DOCUMENTS.ID).fetch());
                    try {
                        result.line("deleted: " + rows(ctx.deleteFrom(DOCUMENTS)
                            .where(DOCUMENTS.TITLE.eq("Packing list")).execute()));
                    } catch (SoftDeleteException e) {
                        result.refused("delete", e);
                    }
                }));
    }

    private static org.jooq.Result<?> alicesPosts(DSLContext ctx) {
        return ctx.select(POSTS.ID, POSTS.TITLE).from(POSTS)
            .where(POSTS.AUTHOR_ID.eq(ALICE)).orderBy(POSTS.ID).fetch();
    }

    private static org.jooq.Result<?> usersIncludingDeleted(DSLContext ctx) {
        return SoftDelete.includeDeleted(ctx)
            .select(USERS.ID, USERS.EMAIL, USERS.DELETED_AT.isNotNull().as("deleted"))
            .from(USERS).orderBy(USERS.ID).fetch();
    }

    private static ResultQuery<Record4<Integer, Integer, Integer, Integer>> liveRows(DSLContext ctx) {
        return ctx.select(
            field(selectCount().from(USERS)).as("users"),
            field(selectCount().from(POSTS)).as("posts"),
            field(selectCount().from(COMMENTS)).as("comments"),
            field(selectCount().from(LIKES)).as("likes"));
    }

    private static TextTable liveRowsTable() {
        return TextTable.withColumns(List.of("", "users", "posts", "comments", "likes"));
    }

    private static List<Object> row(String label, Record counts) {
        List<Object> row = new ArrayList<>();
        row.add(label);
        row.addAll(List.of(counts.intoArray()));
        return row;
    }
}
