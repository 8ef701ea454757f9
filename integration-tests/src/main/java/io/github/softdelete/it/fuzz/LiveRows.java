package io.github.softdelete.it.fuzz;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;

/**
 * The live rows of every table, read without the listener, in a form in which the soft-delete database
 * and the live oracle must agree after the same statement. The same SQL runs on both: on the oracle
 * every row is live, so its marker tests always hold.
 *
 * <p>Two differences between soft and hard deletes are documented, and normalised away here:
 * <ul>
 *   <li><b>SET NULL</b> ({@code posts.editor_id}): the library leaves the column as it is, the database
 *       sets it to NULL. A reference to a row that is not live reads as NULL on both sides.</li>
 *   <li><b>A CASCADE child that is not soft-deletable</b> ({@code post_tags}): the library leaves its
 *       rows in place, the database deletes them. Only rows whose post is live are compared.</li>
 * </ul>
 * The marker itself is not compared: live rows have none, and the timestamps of deletions differ anyway.
 */
final class LiveRows {

    private static final Map<String, String> QUERIES = new LinkedHashMap<>();

    static {
        QUERIES.put("users", "select id, email, name from users where deleted_at is null");
        QUERIES.put("categories", "select id, name from categories where deleted_at is null");
        QUERIES.put("posts", "select p.id, p.author_id, p.category_id,"
            + " case when exists (select 1 from users u where u.id = p.editor_id and u.deleted_at is null) then p.editor_id end,"
            + " p.title, p.content from posts p where p.deleted_at is null");
        QUERIES.put("comments", "select id, post_id, author_id, parent_id, body from comments where deleted_at is null");
        QUERIES.put("likes", "select user_id, comment_id from likes where deleted_at is null");
        QUERIES.put("tags", "select id, name from tags");
        QUERIES.put("post_tags", "select pt.post_id, pt.tag_id from post_tags pt"
            + " where exists (select 1 from posts p where p.id = pt.post_id and p.deleted_at is null)");
    }

    private LiveRows() {
    }

    /** Table name to its sorted live rows. */
    static Map<String, List<String>> of(DSLContext plain) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        QUERIES.forEach((table, sql) -> rows.put(table, RowDiff.sorted(RowDiff.rows(plain.fetch(sql)))));
        return rows;
    }
}
