package io.github.softdelete.codegen.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.softdelete.OnDelete;
import io.github.softdelete.codegen.internal.Finding.Kind;

/**
 * The lint's rules on MariaDB catalogs written out by hand, shaped as {@code information_schema} reports them: no
 * partial index, unique keys among live rows as generated columns, MariaDB's DDL in the advice. The same rules run on
 * a real MariaDB in integration-tests ({@code LintOnMariaDbTest}), which also runs the advice.
 */
class MariaDbLintTest {

    private static final String DATABASE = "shop";
    private static final TableName USERS = new TableName(DATABASE, "users");
    private static final TableName POSTS = new TableName(DATABASE, "posts");
    private static final TableName TAGS = new TableName(DATABASE, "tags");
    private static final Map<TableName, LintMarker> MARKERS = Map.of(USERS, LintMarker.timestamp("deleted_at"),
        POSTS, new LintMarker("is_deleted", true, false));

    private final List<CatalogIndex> indexes = new ArrayList<>();
    private final List<CatalogForeignKey> keys = new ArrayList<>();
    private final List<CatalogColumn> columns = new ArrayList<>(List.of(
        new CatalogColumn(USERS, "email", "varchar(255)", null, null),
        new CatalogColumn(USERS, "email_live", "varchar(255)", null, "if(`deleted_at` is null,`email`,NULL)"),
        new CatalogColumn(USERS, "name", "text", "utf8mb4_unicode_ci", null),
        new CatalogColumn(USERS, "deleted_at", "datetime(6)", null, null),
        new CatalogColumn(POSTS, "title", "varchar(200)", null, null),
        new CatalogColumn(POSTS, "is_deleted", "tinyint(1)", null, null)));

    @Test
    void uniqueKey_overTheLiveColumn_notReported() {
        unique(USERS, "users_email_live_key", "email_live");

        assertThat(lint(DATABASE)).isEmpty();
    }

    @Test
    void uniqueKey_countingDeletedRows_advisesTheLiveColumnInOneAlterTable() {
        unique(USERS, "users_name_key", "name(100)");

        assertThat(lint(DATABASE)).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.UNIQUE_COUNTS_DELETED_ROWS);
            assertThat(f.message()).contains("unique constraint users_name_key on shop.users (name(100)) also counts deleted rows",
                "MariaDB has no partial index", "ALTER TABLE users ADD COLUMN name_live text COLLATE utf8mb4_unicode_ci AS"
                    + " (IF(deleted_at IS NULL, name, NULL)) VIRTUAL, ADD CONSTRAINT users_name_live_key UNIQUE (name_live(100)),"
                    + " DROP INDEX users_name_key;")
                .doesNotContain("WHERE", "CREATE UNIQUE INDEX", "\"");
        });
    }

    @Test
    void uniqueKey_ofATableInAnotherDatabase_namesItsDatabase() {
        unique(USERS, "users_name_key", "name");

        assertThat(lint("other")).singleElement().extracting(Finding::message).asString()
            .contains("ALTER TABLE shop.users ADD COLUMN name_live");
    }

    @Test
    void uniqueKey_withTheMarker_advisesTheOtherColumnsLiveForm_andAFreeColumnName() {
        unique(USERS, "users_email_deleted_key", "email", "deleted_at");
        unique(POSTS, "posts_title_deleted_key", "title", "is_deleted");
        columns.add(new CatalogColumn(POSTS, "title_live", "varchar(200)", null, null));

        List<Finding> findings = lint(DATABASE);

        // A flag in the key: two deleted rows with one title collide, so it counts deleted rows.
        assertThat(findings.get(0).message()).contains("on shop.posts (title, is_deleted) also counts deleted rows",
            "ALTER TABLE posts ADD COLUMN title_live2 varchar(200) AS (IF(is_deleted, NULL, title)) VIRTUAL,"
                + " ADD CONSTRAINT posts_title_deleted_live_key UNIQUE (title_live2), DROP INDEX posts_title_deleted_key;");
        assertThat(findings.get(1).message()).contains("includes the marker column deleted_at, which is NULL in every live row",
                "ALTER TABLE users ADD COLUMN email_live2 varchar(255) AS (IF(deleted_at IS NULL, email, NULL)) VIRTUAL,"
                    + " ADD CONSTRAINT users_email_deleted_live_key UNIQUE (email_live2), DROP INDEX users_email_deleted_key;")
            .doesNotContain("NULLS NOT DISTINCT");
    }

    @Test
    void foreignKey_whoseOnlyIndexIsIgnored_advisesMariaDbsCreateIndex() {
        keys.add(new CatalogForeignKey("posts_author_id_fkey", POSTS, List.of("author_id"), USERS, OnDelete.CASCADE));
        indexes.add(new CatalogIndex(POSTS, "posts_author_id_idx", false, false, false, null, null, List.of("author_id"),
            List.of("author_id"), "", false, List.of()));

        assertThat(lint(DATABASE)).singleElement().extracting(Finding::message).asString()
            .contains("MariaDB's own foreign key action", "CREATE INDEX posts_author_id_idx2 ON posts (author_id, is_deleted);",
                "(author_id = ? AND NOT is_deleted is an index condition on its columns)")
            .doesNotContain("PostgreSQL");
    }

    @Test
    void cascade_toAPlainTable_advisesTheColumnAsTheMarkedTableHasIt() {
        keys.add(new CatalogForeignKey("tags_user_id_fkey", TAGS, List.of("user_id"), USERS, OnDelete.CASCADE));
        keys.add(new CatalogForeignKey("posts_tag_id_fkey", POSTS, List.of("tag_id"), TAGS, OnDelete.CASCADE));
        indexes.add(new CatalogIndex(POSTS, "posts_tag_id_idx", false, false, true, null, null, List.of("tag_id"),
            List.of("tag_id"), "", false, List.of()));

        List<Finding> findings = lint(DATABASE);

        assertThat(findings).extracting(Finding::constraint).containsExactly("posts_tag_id_fkey", "tags_user_id_fkey");
        assertThat(findings.get(0).message()).contains("Add is_deleted to tags (BOOLEAN NOT NULL DEFAULT FALSE:"
            + " ALTER TABLE tags ADD COLUMN is_deleted BOOLEAN NOT NULL DEFAULT FALSE;) so that its deletes are soft too");
        assertThat(findings.get(1).message()).contains("Add deleted_at to tags (datetime(6), NULL while the row is live:"
            + " ALTER TABLE tags ADD COLUMN deleted_at datetime(6) NULL;) so that soft deletes cascade to it");
    }

    private List<Finding> lint(String currentDatabase) {
        return SchemaLint.check(new Catalog(indexes, keys, List.of(), columns, Engine.MARIADB, currentDatabase), MARKERS);
    }

    // keyText as MariaDbCatalog writes it: a prefix length after the name; keyColumns the names.
    private void unique(TableName table, String name, String... keyText) {
        List<String> names = List.of(keyText).stream().map(text -> text.replaceAll("[`]|\\(\\d+\\)", "")).toList();
        indexes.add(new CatalogIndex(table, name, true, false, true, name, null, names, List.of(keyText), "", false, List.of()));
    }
}
