package io.github.softdelete.cli;

import static io.github.softdelete.it.db.Tables.CATEGORIES;
import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.LIKES;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.POST_TAGS;
import static io.github.softdelete.it.db.Tables.TAGS;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.softdelete.codegen.internal.Catalog;
import io.github.softdelete.codegen.internal.Finding;
import io.github.softdelete.codegen.internal.SchemaLint;
import io.github.softdelete.codegen.internal.TableName;
import io.github.softdelete.it.harness.PostgresTest;
import io.github.softdelete.it.harness.TestDatabase;

/**
 * The tool run as a separate process against the reference schema: each command, --help, each exit code,
 * and a purge killed between batches, then run again.
 *
 * <pre>
 * users    1 live, 2 OLD (its whole tree due), 3 OLD (author of live post 30), 5 RECENT
 * posts    10 live (editor 2, SET NULL), 20 OLD by 2 (tag 1: post_tags cascades), 30 live by 3
 * comments 100 OLD and 101 live on 10, 200 OLD on 20, 300 RECENT on 30
 * </pre>
 */
@PostgresTest
class CliTest {

    static final OffsetDateTime OLD = OffsetDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    static final OffsetDateTime RECENT = OffsetDateTime.of(2026, 6, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private static final Map<String, List<Long>> AFTER_PURGE = Map.of(
        "users", List.of(1L, 3L, 5L), "posts", List.of(10L, 30L), "comments", List.of(101L, 300L));

    private TestDatabase database;
    private DSLContext plain;

    @BeforeEach
    void reset(TestDatabase database) {
        this.database = database;
        this.plain = database.dsl();
        plain.execute("drop trigger if exists refuse_comment_delete on comments");
        plain.truncate(POST_TAGS, TAGS, LIKES, COMMENTS, POSTS, CATEGORIES, USERS).restartIdentity().cascade().execute();
        plain.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME, USERS.DELETED_AT)
            .values(1L, "u1@x", "a", null).values(2L, "u2@x", "b", OLD).values(3L, "u3@x", "c", OLD)
            .values(5L, "u5@x", "e", RECENT).execute();
        plain.insertInto(POSTS, POSTS.ID, POSTS.AUTHOR_ID, POSTS.EDITOR_ID, POSTS.TITLE, POSTS.DELETED_AT)
            .values(10L, 1L, 2L, "live", null).values(20L, 2L, null, "due", OLD).values(30L, 3L, null, "live", null).execute();
        plain.insertInto(COMMENTS, COMMENTS.ID, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.BODY, COMMENTS.DELETED_AT)
            .values(100L, 10L, 1L, "due", OLD).values(101L, 10L, 1L, "live", null)
            .values(200L, 20L, 2L, "due", OLD).values(300L, 30L, 1L, "recent", RECENT).execute();
        plain.insertInto(TAGS, TAGS.ID, TAGS.NAME).values(1L, "t").execute();
        plain.insertInto(POST_TAGS, POST_TAGS.POST_ID, POST_TAGS.TAG_ID).values(20L, 1L).execute();
    }

    @Test
    void purge_catalogPolicy_removesExactlyTheDueRowsThatNothingKeeps() throws Exception {
        CliProcess.Result result = CliProcess.run(connect("purge", "--deleted-before", "2026-01-01", "--batch-size", "1"));

        assertThat(result.exitCode()).as("stderr: %s", result.err()).isZero();
        assertThat(keys()).isEqualTo(AFTER_PURGE);
        assertThat(plain.fetchCount(POST_TAGS)).isZero();
        assertThat(plain.fetchValue(DSL.select(POSTS.EDITOR_ID).from(POSTS).where(POSTS.ID.eq(10L)))).isNull();
        assertThat(result.out()).contains("  posts: 1 rows of another table deleted through post_tags_post_id_fkey (post_tags -> posts, ON DELETE CASCADE)")
            .contains("  users: 1 references set to NULL or their default through posts_editor_id_fkey (posts -> users, ON DELETE SET NULL)")
            .contains("  users: kept 1 rows: posts_author_id_fkey (posts -> users, ON DELETE CASCADE)");
        assertThat(result.outText()).contains("Total: 4 purged, 1 kept");
        assertThat(result.err()).anyMatch(line -> line.contains("purge comments: batch 1,"));
    }

    @Test
    void purge_dryRun_writesNothing_andForecastsTheRun() throws Exception {
        Map<String, String> before = checksums();
        CliProcess.Result dry = CliProcess.run(connect("purge", "--older-than", "300d", "--dry-run"));
        assertThat(dry.exitCode()).as("stderr: %s", dry.err()).isZero();
        assertThat(checksums()).isEqualTo(before);
        assertThat(dry.out().get(0)).startsWith("Dry run, nothing written");
        assertThat(dry.outText()).contains("Total: 4 purged, 1 kept, 0 batches");
    }

    @Test
    void purge_generatedPolicyClass_purgesTheSame() throws Exception {
        CliProcess.Result result = CliProcess.run(connect("purge", "--deleted-before", "2026-01-01T00:00:00Z",
            "--policy-class", "io.github.softdelete.it.db.SoftDeletes"));
        assertThat(result.exitCode()).as("stderr: %s", result.err()).isZero();
        assertThat(keys()).isEqualTo(AFTER_PURGE);
    }

    @Test
    void purge_killedBetweenBatches_thenRunAgain_endsWithExactlyTheDueRowsGone() throws Exception {
        for (long id = 1000; id < 4000; id += 500) {
            long from = id;
            plain.insertInto(COMMENTS, COMMENTS.ID, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.BODY, COMMENTS.DELETED_AT)
                .select(DSL.select(DSL.val(from).plus(DSL.field("g", Long.class)), DSL.val(10L), DSL.val(1L), DSL.val("bulk"), DSL.val(OLD))
                    .from(DSL.table("generate_series(0, 499) as s(g)"))).execute();
        }
        CliProcess running = CliProcess.start(connect("purge", "--deleted-before", "2026-01-01", "--batch-size", "10",
            "--max-rows-per-second", "500", "--table", "comments"));
        running.awaitErrLine(line -> line.contains("purge comments: batch") && !line.contains("batch 1,"));
        running.kill();

        int left = plain.fetchCount(COMMENTS, COMMENTS.ID.ge(1000L));
        assertThat(left).as("killed part way").isBetween(1, 2999);
        assertThat(plain.fetchCount(COMMENTS, COMMENTS.ID.lt(1000L))).isGreaterThanOrEqualTo(2);

        CliProcess.Result again = CliProcess.run(connect("purge", "--deleted-before", "2026-01-01"));
        assertThat(again.exitCode()).as("stderr: %s", again.err()).isZero();
        assertThat(keys()).isEqualTo(AFTER_PURGE);
    }

    @Test
    void purge_failingBatch_exits1_withOneLine() throws Exception {
        plain.execute("create or replace function refuse_delete() returns trigger language plpgsql as"
            + " $$ begin raise exception 'injected failure' using errcode = 'P0001'; end $$");
        plain.execute("create trigger refuse_comment_delete before delete on comments for each row execute function refuse_delete()");
        CliProcess.Result result = CliProcess.run(connect("purge", "--older-than", "300d"));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).last().asString().startsWith("softdelete: purge of \"comments\" stopped: batch 1 was rolled back");
        assertThat(plain.fetchCount(COMMENTS)).isEqualTo(4);
    }

    @Test
    void status_showsLiveAndDeletedRows_andTheOldestDeletion() throws Exception {
        CliProcess.Result result = CliProcess.run(connect("status"));
        assertThat(result.exitCode()).as("stderr: %s", result.err()).isZero();
        assertThat(result.out()).anyMatch(line -> line.matches("users\\s+1\\s+3\\s+2025-01-01T00:00:00Z"))
            .anyMatch(line -> line.matches("comments\\s+1\\s+3\\s+2025-01-01T00:00:00Z"))
            .anyMatch(line -> line.matches("categories\\s+0\\s+0\\s+-"));
    }

    @Test
    void lint_findsWhatTheGeneratorsLintFinds_andExits1() throws Exception {
        CliProcess.Result result = CliProcess.run(connect("lint"));
        List<String> expected = new ArrayList<>();
        for (Finding finding : SchemaLint.check(Catalog.read(plain, List.of("public")), softDeletableTables(), "deleted_at"))
            expected.add(finding.toString());
        assertThat(expected).isNotEmpty();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.outText()).isEqualTo("softdelete lint: " + expected.size() + (expected.size() == 1 ? " trap" : " traps")
            + " found\n" + String.join("\n", expected));
    }

    @Test
    void help_documentsEveryOption_andExits0() throws Exception {
        CliProcess.Result top = CliProcess.run("--help");
        assertThat(top.exitCode()).isZero();
        assertThat(top.outText()).contains("purge", "status", "lint", "Exit codes:", "2   bad arguments");
        CliProcess.Result purge = CliProcess.run("purge", "--help");
        assertThat(purge.exitCode()).isZero();
        assertThat(purge.outText()).contains("--jdbc-url", "--user", "--password", "--schema", "--older-than", "--deleted-before",
            "--batch-size", "--dry-run", "--table", "--max-rows-per-second", "--policy-class", "--marker-column");
        for (String command : List.of("status", "lint")) {
            CliProcess.Result help = CliProcess.run(command, "--help");
            assertThat(help.exitCode()).isZero();
            assertThat(help.outText()).contains("--jdbc-url", "--user", "--password", "--schema", "--policy-class", "--marker-column");
        }
    }

    @Test
    void badArguments_exit2_withOneLineOnStderr() throws Exception {
        for (String[] args : List.of(
                new String[] { "purge", "--jdbc-url", database.jdbcUrl() },
                new String[] { "purge", "--jdbc-url", database.jdbcUrl(), "--older-than", "ninety days" },
                new String[] { "purge", "--jdbc-url", database.jdbcUrl(), "--older-than", "90d", "--batch-size", "0" },
                new String[] { "purge", "--jdbc-url", "jdbc:mysql://localhost/app", "--older-than", "90d" },
                new String[] { "purge", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/app", "--older-than", "90d" },
                new String[] { "status", "--jdbc-url", database.jdbcUrl().replace(database.name(), "no_such_database") },
                new String[] { "frobnicate" },
                new String[] {})) {
            CliProcess.Result result = CliProcess.run(args);
            assertThat(result.exitCode()).as("%s", List.of(args)).isEqualTo(2);
            assertThat(result.err()).as("%s", List.of(args)).singleElement().asString().startsWith("softdelete: ");
        }
        CliProcess.Result badTable = CliProcess.run(connect("purge", "--older-than", "90d", "--table", "tags"));
        assertThat(badTable.exitCode()).isEqualTo(2);
        assertThat(badTable.err()).singleElement().asString().contains("--table tags is not a soft-deletable table");
    }

    private String[] connect(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--jdbc-url", database.jdbcUrl()));
        if (database.user() != null)
            all.addAll(List.of("--user", database.user()));
        if (database.password() != null)
            all.addAll(List.of("--password", database.password()));
        return all.toArray(String[]::new);
    }

    private Map<String, List<Long>> keys() {
        return Map.of("users", plain.select(USERS.ID).from(USERS).orderBy(USERS.ID).fetch(USERS.ID),
            "posts", plain.select(POSTS.ID).from(POSTS).orderBy(POSTS.ID).fetch(POSTS.ID),
            "comments", plain.select(COMMENTS.ID).from(COMMENTS).orderBy(COMMENTS.ID).fetch(COMMENTS.ID));
    }

    private Map<String, String> checksums() {
        Map<String, String> sums = new TreeMap<>();
        for (Table<?> table : List.of(USERS, CATEGORIES, POSTS, COMMENTS, LIKES, TAGS, POST_TAGS))
            sums.put(table.getName(), plain.select(DSL.count(), DSL.field("md5(coalesce(string_agg(t::text, ';' order by t::text), ''))", String.class))
                .from(table.as("t")).fetchOne().intoList().toString());
        return sums;
    }

    private static java.util.Set<TableName> softDeletableTables() {
        java.util.Set<TableName> tables = new java.util.TreeSet<>();
        for (String name : List.of("users", "categories", "posts", "comments", "likes"))
            tables.add(new TableName("public", name));
        return tables;
    }
}
