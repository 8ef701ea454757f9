package io.github.softdelete.cli;

import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.POST_TAGS;
import static io.github.softdelete.it.db.Tables.TAGS;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.softdelete.codegen.internal.Catalog;
import io.github.softdelete.codegen.internal.Finding;
import io.github.softdelete.codegen.internal.LintMarker;
import io.github.softdelete.codegen.internal.SchemaLint;
import io.github.softdelete.codegen.internal.TableName;
import io.github.softdelete.it.harness.MariaDbTest;
import io.github.softdelete.it.harness.TestDatabase;

/**
 * The tool with {@code jdbc:mariadb:} URLs, as a separate process, on the reference schema migrated for MariaDB: the
 * schema is the URL's database; status, lint, a purge and its dry run work. The rows are {@link CliTest}'s, inserted
 * once; the one test that purges inserts them again when it is done.
 */
@MariaDbTest
class CliOnMariaDbTest {

    private static TestDatabase database;
    private static DSLContext plain;

    @BeforeAll
    static void insertRows(TestDatabase mariaDb) {
        database = mariaDb;
        plain = mariaDb.dsl();
        plain.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME, USERS.DELETED_AT)
            .values(1L, "u1@x", "a", null).values(2L, "u2@x", "b", CliTest.OLD).values(3L, "u3@x", "c", CliTest.OLD)
            .values(5L, "u5@x", "e", CliTest.RECENT).execute();
        plain.insertInto(POSTS, POSTS.ID, POSTS.AUTHOR_ID, POSTS.EDITOR_ID, POSTS.TITLE, POSTS.DELETED_AT)
            .values(10L, 1L, 2L, "live", null).values(20L, 2L, null, "due", CliTest.OLD).values(30L, 3L, null, "live", null).execute();
        plain.insertInto(COMMENTS, COMMENTS.ID, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.BODY, COMMENTS.DELETED_AT)
            .values(100L, 10L, 1L, "due", CliTest.OLD).values(101L, 10L, 1L, "live", null)
            .values(200L, 20L, 2L, "due", CliTest.OLD).values(300L, 30L, 1L, "recent", CliTest.RECENT).execute();
        plain.insertInto(TAGS, TAGS.ID, TAGS.NAME).values(1L, "t").execute();
        plain.insertInto(POST_TAGS, POST_TAGS.POST_ID, POST_TAGS.TAG_ID).values(20L, 1L).execute();
    }

    @Test
    void status_urlsDatabaseIsTheSchema_inTheServersTimeZoneWithoutUrlParameters() throws Exception {
        String bare = database.jdbcUrl().substring(0, database.jdbcUrl().indexOf('?'));

        for (String url : List.of(database.jdbcUrl(), bare)) {
            CliProcess.Result result = CliProcess.run(connect(url, "status"));

            assertThat(result.exitCode()).as("stderr: %s", result.err()).isZero();
            assertThat(result.err()).isEmpty();
            assertThat(result.out()).anyMatch(line -> line.matches("users\\s+1\\s+3\\s+2025-01-01T00:00:00Z"))
                .anyMatch(line -> line.matches("comments\\s+1\\s+3\\s+2025-01-01T00:00:00Z"))
                .anyMatch(line -> line.matches("categories\\s+0\\s+0\\s+-"))
                .anyMatch(line -> line.matches("documents\\s+0\\s+0\\s+-"));
        }
    }

    @Test
    void purge_dryRun_forecastsWhatPostgresForecasts_andWritesNothing() throws Exception {
        Map<String, Integer> before = counts();

        CliProcess.Result dry = CliProcess.run(connect(database.jdbcUrl(), "purge", "--deleted-before", "2026-01-01", "--dry-run"));

        assertThat(dry.exitCode()).as("stderr: %s", dry.err()).isZero();
        assertThat(counts()).isEqualTo(before);
        assertThat(withoutTimes(dry.out())).containsExactly(
            "Dry run, nothing written: a purge of schema " + database.name() + ", rows deleted before 2026-01-01T00:00:00Z",
            "table                           would purge   would keep   batches       time",
            "likes                                     0            0         0      T",
            "comments                                  2            0         0      T",
            "posts                                     1            0         0      T",
            "categories                                0            0         0      T",
            "users                                     1            1         0      T",
            "  posts: 1 rows of another table would be deleted through post_tags_post_id_fkey (post_tags -> posts, ON DELETE CASCADE)",
            "  users: would keep 1 rows: posts_author_id_fkey (posts -> users, ON DELETE CASCADE)",
            "  users: 1 references would be set to NULL or their default through posts_editor_id_fkey (posts -> users, ON DELETE SET NULL)",
            "Total: would purge 4, would keep 1, in T");
    }

    @Test
    void purge_olderThan_removesWhatTheDryRunForecast_inTheServersClock() throws Exception {
        try {
            // --older-than counts back from the server's clock (UTC_TIMESTAMP on MariaDB): 300 days back is after OLD
            // and before RECENT, so the cutoff splits the rows as 2026-01-01 does.
            CliProcess.Result result = CliProcess.run(connect(database.jdbcUrl(), "purge", "--older-than", "300d", "--batch-size", "1"));

            assertThat(result.exitCode()).as("stderr: %s", result.err()).isZero();
            assertThat(result.outText()).contains("Total: 4 purged, 1 kept");
            assertThat(result.out())
                .contains("  posts: 1 rows of another table deleted through post_tags_post_id_fkey (post_tags -> posts, ON DELETE CASCADE)")
                .contains("  users: 1 references set to NULL or their default through posts_editor_id_fkey (posts -> users, ON DELETE SET NULL)");
            assertThat(plain.select(COMMENTS.ID).from(COMMENTS).orderBy(COMMENTS.ID).fetch(COMMENTS.ID)).containsExactly(101L, 300L);
            assertThat(plain.select(POSTS.ID).from(POSTS).orderBy(POSTS.ID).fetch(POSTS.ID)).containsExactly(10L, 30L);
            assertThat(plain.select(USERS.ID).from(USERS).orderBy(USERS.ID).fetch(USERS.ID)).containsExactly(1L, 3L, 5L);
            assertThat(plain.fetchCount(POST_TAGS)).isZero();
            assertThat(plain.fetchValue(DSL.select(POSTS.EDITOR_ID).from(POSTS).where(POSTS.ID.eq(10L)))).isNull();
        } finally {
            // The other tests read the rows as inserted.
            for (var table : List.of(POST_TAGS, TAGS, COMMENTS, POSTS, USERS))
                plain.deleteFrom(table).execute();
            insertRows(database);
        }
    }

    @Test
    void lint_findsWhatTheGeneratorsLintFinds_inMariaDbsDdl_andExits1() throws Exception {
        CliProcess.Result result = CliProcess.run(connect(database.jdbcUrl(), "lint"));
        List<String> expected = new ArrayList<>();
        for (Finding finding : SchemaLint.check(Catalog.read(plain, List.of(database.name())), softDeletableTables()))
            expected.add(finding.toString());

        assertThat(expected).isNotEmpty().anyMatch(line -> line.contains("ALTER TABLE categories ADD COLUMN name_live"));
        assertThat(result.exitCode()).as("stderr: %s", result.err()).isEqualTo(1);
        assertThat(result.outText()).isEqualTo("softdelete lint: " + expected.size() + " traps found\n" + String.join("\n", expected));
    }

    @Test
    void badArguments_exit2_withOneLineOnStderr() throws Exception {
        String url = database.jdbcUrl();
        for (String[] args : List.of(
                connect(url.replace(database.name(), "no_such_database"), "status"),
                connect(url, "status", "--schema", "no_such_database"),
                connect("jdbc:mariadb://127.0.0.1:1/app", "status"),
                connect(url.replace("jdbc:mariadb://", "jdbc:mysql://"), "status"),
                connect("jdbc:mariadb://localhost:no-port/app", "status"),
                connect(url.substring(0, url.indexOf(database.name())), "status"))) { // no database: no schema
            CliProcess.Result result = CliProcess.run(args);
            assertThat(result.exitCode()).as("%s: %s", List.of(args), result.err()).isEqualTo(2);
            assertThat(result.err()).as("%s", List.of(args)).singleElement().asString().startsWith("softdelete: ");
        }
    }

    private static String[] connect(String url, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--jdbc-url", url));
        if (database.user() != null)
            all.addAll(List.of("--user", database.user()));
        if (database.password() != null)
            all.addAll(List.of("--password", database.password()));
        return all.toArray(String[]::new);
    }

    private static Map<String, Integer> counts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (var table : List.of(USERS, POSTS, COMMENTS, TAGS, POST_TAGS))
            counts.put(table.getName(), plain.fetchCount(table));
        counts.put("deleted users", plain.fetchCount(USERS, USERS.DELETED_AT.isNotNull()));
        return counts;
    }

    // The times of day and durations vary from run to run; everything else on a line is exact.
    private static List<String> withoutTimes(List<String> lines) {
        return lines.stream().map(line -> line.replaceAll("\\b(\\d+\\.\\d s|\\d+:\\d\\d:\\d\\d)\\b", "T")).toList();
    }

    // The tables of the reference schema that the catalog policy finds by the conventions: the deleted_at tables,
    // and documents by its boolean is_deleted.
    private static Map<TableName, LintMarker> softDeletableTables() {
        Map<TableName, LintMarker> tables = new TreeMap<>();
        for (String name : List.of("users", "categories", "posts", "comments", "likes"))
            tables.put(new TableName(database.name(), name), LintMarker.timestamp("deleted_at"));
        tables.put(new TableName(database.name(), "documents"), new LintMarker("is_deleted", true, false));
        return tables;
    }
}
