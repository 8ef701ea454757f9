package io.github.softdelete.it.fuzz;

import static io.github.softdelete.it.db.Tables.CATEGORIES;
import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.LIKES;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.POST_TAGS;
import static io.github.softdelete.it.db.Tables.TAGS;
import static io.github.softdelete.it.db.Tables.USERS;

import java.util.ArrayList;
import java.util.List;

import org.jooq.Table;

/**
 * The reference schema as the generator sees it: each table's columns with the kind and domain of
 * their values, and the foreign keys that joins follow.
 */
final class ReferenceSchema {

    /** A column of a base table, by its position in the generated table's fields. */
    record ColumnInfo(int index, String name, Domain domain, boolean nullable) {
    }

    /** A base table. */
    record TableInfo(Table<?> table, List<ColumnInfo> columns, boolean softDeletable, int rows) {

        String name() {
            return table.getName();
        }

        ColumnInfo column(String name) {
            for (ColumnInfo column : columns)
                if (column.name().equals(name))
                    return column;
            throw new IllegalArgumentException(name);
        }
    }

    /** A foreign key: {@code child.childColumn} references {@code parent.parentColumn}. */
    record Edge(TableInfo child, String childColumn, TableInfo parent, String parentColumn) {
    }

    static final TableInfo USER = table(USERS, RandomDataset.USER_COUNT, "id", Domain.USER_ID, "email", Domain.EMAIL,
        "name", Domain.USER_NAME, "deleted_at?", Domain.TIME);
    static final TableInfo CATEGORY = table(CATEGORIES, RandomDataset.CATEGORY_COUNT, "id", Domain.CATEGORY_ID,
        "name", Domain.CATEGORY_NAME, "deleted_at?", Domain.TIME);
    static final TableInfo POST = table(POSTS, RandomDataset.POST_COUNT, "id", Domain.POST_ID, "author_id", Domain.USER_ID,
        "category_id?", Domain.CATEGORY_ID, "editor_id?", Domain.USER_ID, "title", Domain.TITLE,
        "content?", Domain.CONTENT, "deleted_at?", Domain.TIME);
    static final TableInfo COMMENT = table(COMMENTS, RandomDataset.COMMENT_COUNT, "id", Domain.COMMENT_ID,
        "post_id", Domain.POST_ID, "author_id", Domain.USER_ID, "parent_id?", Domain.COMMENT_ID, "body", Domain.BODY,
        "deleted_at?", Domain.TIME);
    static final TableInfo LIKE = table(LIKES, RandomDataset.LIKE_COUNT, "user_id", Domain.USER_ID,
        "comment_id", Domain.COMMENT_ID, "deleted_at?", Domain.TIME);
    static final TableInfo TAG = table(TAGS, RandomDataset.TAG_COUNT, "id", Domain.TAG_ID, "name", Domain.TAG_NAME);
    static final TableInfo POST_TAG = table(POST_TAGS, RandomDataset.POST_TAG_COUNT, "post_id", Domain.POST_ID,
        "tag_id", Domain.TAG_ID);

    static final List<TableInfo> TABLES = List.of(USER, CATEGORY, POST, COMMENT, LIKE, TAG, POST_TAG);

    static final List<Edge> EDGES = List.of(
        new Edge(POST, "author_id", USER, "id"),
        new Edge(POST, "category_id", CATEGORY, "id"),
        new Edge(POST, "editor_id", USER, "id"),
        new Edge(COMMENT, "post_id", POST, "id"),
        new Edge(COMMENT, "author_id", USER, "id"),
        new Edge(COMMENT, "parent_id", COMMENT, "id"),
        new Edge(LIKE, "user_id", USER, "id"),
        new Edge(LIKE, "comment_id", COMMENT, "id"),
        new Edge(POST_TAG, "post_id", POST, "id"),
        new Edge(POST_TAG, "tag_id", TAG, "id"));

    private ReferenceSchema() {
    }

    /** The edges between two tables, in either direction. */
    static List<Edge> edgesBetween(TableInfo a, TableInfo b) {
        List<Edge> edges = new ArrayList<>();
        for (Edge edge : EDGES)
            if (edge.child() == a && edge.parent() == b || edge.child() == b && edge.parent() == a)
                edges.add(edge);
        return edges;
    }

    // Arguments alternate name and domain; a name ending in '?' is nullable.
    private static TableInfo table(Table<?> table, int rows, Object... spec) {
        List<ColumnInfo> columns = new ArrayList<>();
        for (int i = 0; i < spec.length; i += 2) {
            String name = (String) spec[i];
            boolean nullable = name.endsWith("?");
            name = nullable ? name.substring(0, name.length() - 1) : name;
            int index = List.of(table.fields()).indexOf(table.field(name));
            if (index < 0)
                throw new IllegalStateException("no column " + name + " in " + table.getName());
            columns.add(new ColumnInfo(index, name, (Domain) spec[i + 1], nullable));
        }
        if (columns.size() != table.fields().length)
            throw new IllegalStateException("the fuzzer's model of " + table.getName() + " misses columns;"
                + " add them to ReferenceSchema");
        return new TableInfo(table, List.copyOf(columns), table.field("deleted_at") != null, rows);
    }
}
