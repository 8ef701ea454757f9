package io.github.softdelete.cli;

import static io.github.softdelete.it.db.Tables.CATEGORIES;
import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.LIKES;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.POST_TAGS;
import static io.github.softdelete.it.db.Tables.TAGS;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.softdelete.codegen.internal.Catalog;
import io.github.softdelete.codegen.internal.Finding;
import io.github.softdelete.codegen.internal.LintMarker;
import io.github.softdelete.codegen.internal.SchemaLint;
import io.github.softdelete.codegen.internal.TableName;
import io.github.softdelete.it.harness.PostgresTest;
import io.github.softdelete.it.harness.TestDatabase;
import io.github.softdelete.it.markers.MixedMarkerSchema;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The tool run as a separate process against the reference schema: each command, --help, each exit code,
 * and a purge killed between batches, then run again.
 *
 * <pre>
 * users    1 live, 2 OLD (its whole tree due), 3 OLD (author of live post 30), 5 RECENT
 * posts    10 live (editor 2, SET NULL), 20 OLD by 2 (tag 1: post_tags cascades), 30 live by 3
 * comments 100 OLD and 101 live on 10, 200 OLD on 20, 300 RECENT on 30
 * </pre>
 * The other marker kinds, composite keys and constraint names unlike PostgreSQL's defaults live in a
 * schema of their own, {@code cli_kinds}, made by the test that uses it. The processes get no
 * {@code -D} settings: the tool alone keeps the libraries' log lines off its stderr.
 */
@PostgresTest
class CliTest {

    static final OffsetDateTime OLD = OffsetDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    static final OffsetDateTime RECENT = OffsetDateTime.of(2026, 6, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    static final OffsetDateTime CUTOFF = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

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
        assertThat(dry.outText()).contains("Total: would purge 4, would keep 1, in ");
    }

    @Test
    void purge_dryRun_saysWouldOnEveryLineThatCountsRows() throws Exception {
        CliProcess.Result dry = CliProcess.run(connect("purge", "--deleted-before", "2026-01-01", "--dry-run"));

        assertThat(dry.exitCode()).as("stderr: %s", dry.err()).isZero();
        assertThat(withoutTimes(dry.out())).containsExactly(
            "Dry run, nothing written: a purge of schema public, rows deleted before 2026-01-01T00:00:00Z",
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
        // No batch lines: a dry run runs none, and counts each table at once.
        assertThat(withoutTimes(dry.err())).containsExactly(
            "dry run of likes: would purge 0, would keep 0, T",
            "dry run of comments: would purge 2, would keep 0, T",
            "dry run of posts: would purge 1, would keep 0, T",
            "dry run of categories: would purge 0, would keep 0, T",
            "dry run of users: would purge 1, would keep 1, T");
    }

    @Test
    void purge_report_linesOfARealRunSayWhatWasDone() throws Exception {
        CliProcess.Result result = CliProcess.run(connect("purge", "--deleted-before", "2026-01-01"));

        assertThat(result.exitCode()).as("stderr: %s", result.err()).isZero();
        assertThat(withoutTimes(result.out())).containsExactly(
            "Purged schema public, rows deleted before 2026-01-01T00:00:00Z",
            "table                                purged         kept   batches       time",
            "likes                                     0            0         0      T",
            "comments                                  2            0         1      T",
            "posts                                     1            0         1      T",
            "categories                                0            0         0      T",
            "users                                     1            1         1      T",
            "  posts: 1 rows of another table deleted through post_tags_post_id_fkey (post_tags -> posts, ON DELETE CASCADE)",
            "  users: kept 1 rows: posts_author_id_fkey (posts -> users, ON DELETE CASCADE)",
            "  users: 1 references set to NULL or their default through posts_editor_id_fkey (posts -> users, ON DELETE SET NULL)",
            "Total: 4 purged, 1 kept, 3 batches, longest batch T, in T");
        assertThat(withoutTimes(result.err())).filteredOn(line -> !line.contains(": batch ")).containsExactly(
            "purge likes: 0 purged, 0 kept, 0 batches, T",
            "purge comments: 2 purged, 0 kept, 1 batches, T",
            "purge posts: 1 purged, 0 kept, 1 batches, T",
            "purge categories: 0 purged, 0 kept, 0 batches, T",
            "purge users: 1 purged, 1 kept, 1 batches, T");
    }

    @Test
    void purge_dryRun_withARateLimit_doesNotPause() throws Exception {
        plain.insertInto(COMMENTS, COMMENTS.ID, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.BODY, COMMENTS.DELETED_AT)
            .select(DSL.select(DSL.val(1000L).plus(DSL.field("g", Long.class)), DSL.val(10L), DSL.val(1L), DSL.val("bulk"), DSL.val(OLD))
                .from(DSL.table("generate_series(0, 999) as s(g)"))).execute();
        long started = System.nanoTime();

        // Paced like a run, this dry run would wait about 1,000 seconds, one per row it counts.
        CliProcess.Result dry = CliProcess.run(connect("purge", "--deleted-before", "2026-01-01", "--dry-run",
            "--max-rows-per-second", "1"));

        assertThat(dry.exitCode()).as("stderr: %s", dry.err()).isZero();
        assertThat(withoutTimes(dry.out())).last().isEqualTo("Total: would purge 1004, would keep 1, in T");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
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
        List<Long> before = commentIds();
        List<Long> due = plain.select(COMMENTS.ID).from(COMMENTS).where(COMMENTS.DELETED_AT.lt(CUTOFF)).orderBy(COMMENTS.ID)
            .fetch(COMMENTS.ID);
        List<Long> firstBatch = due.subList(0, 10);
        List<String> err;
        // No guess at how long a batch takes. The rate limit makes the tool wait about ten seconds after
        // batch 1, outside any transaction, and the kill comes as soon as batch 1's progress line (written
        // after its commit) appears. Should the machine be so slow that the wait runs out first, batch 2
        // still cannot commit: this transaction holds every due row after batch 1, so the kill finds it
        // open and the server rolls it back. Either way exactly batch 1 is gone.
        try (Connection locker = database.dataSource().getConnection()) {
            locker.setAutoCommit(false);
            DSL.using(locker, SQLDialect.POSTGRES).selectFrom(COMMENTS)
                .where(COMMENTS.DELETED_AT.lt(CUTOFF)).and(COMMENTS.ID.gt(firstBatch.get(firstBatch.size() - 1))).forUpdate().fetch();
            CliProcess running = CliProcess.start(connect("purge", "--deleted-before", "2026-01-01", "--batch-size", "10",
                "--max-rows-per-second", "1", "--table", "comments"));
            try {
                err = running.awaitErrLine(line -> line.contains("purge comments: batch 1,"));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; the server's sessions: " + plain.fetch("select pid, state,"
                    + " wait_event_type, wait_event, query from pg_stat_activity where pid <> pg_backend_pid()"
                    + " and datname = current_database()").intoMaps() + "; the tool's threads: " + running.threadDump(), e);
            }
            running.kill();
            locker.rollback();
        }

        assertThat(err).noneMatch(line -> line.contains("batch 2"));
        List<Long> expected = new ArrayList<>(before);
        expected.removeAll(firstBatch);
        assertThat(commentIds()).as("after the kill: exactly batch 1 gone").isEqualTo(expected);
        assertThat(keys()).containsEntry("users", List.of(1L, 2L, 3L, 5L)).containsEntry("posts", List.of(10L, 20L, 30L));

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
        for (Finding finding : SchemaLint.check(Catalog.read(plain, List.of("public")), softDeletableTables()))
            expected.add(finding.toString());
        assertThat(expected).isNotEmpty();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.outText()).isEqualTo("softdelete lint: " + expected.size() + (expected.size() == 1 ? " trap" : " traps")
            + " found\n" + String.join("\n", expected));
    }

    @Test
    void help_ofEveryCommand_documentsEveryOption_andExits0() throws Exception {
        CliProcess.Result top = CliProcess.run("--help");
        assertThat(top.exitCode()).isZero();
        assertThat(top.err()).isEmpty();
        assertThat(top.outText()).contains("purge", "status", "lint", "Exit codes:", "0   success", "1   failure",
            "2   bad arguments");
        CommandLine tool = new CommandLine(new SoftDeleteCli());
        for (CommandLine command : tool.getSubcommands().values()) {
            CliProcess.Result help = CliProcess.run(command.getCommandName(), "--help");
            assertThat(help.exitCode()).as(command.getCommandName()).isZero();
            assertThat(help.err()).as(command.getCommandName()).isEmpty();
            for (OptionSpec option : command.getCommandSpec().options()) {
                assertThat(help.outText()).as(command.getCommandName()).contains(option.longestName());
                assertThat(String.join(" ", option.description())).as(option.longestName()).isNotBlank();
            }
        }
        // The model above is the tool's own; this list is what users and docs/purge.md rely on.
        assertThat(tool.getSubcommands().get("purge").getCommandSpec().options()).extracting(OptionSpec::longestName)
            .contains("--jdbc-url", "--user", "--password", "--schema", "--markers", "--marker-column", "--timestamp-column",
                "--deleted-by-column", "--policy-class", "--verbose", "--older-than", "--deleted-before", "--batch-size",
                "--dry-run", "--table", "--max-rows-per-second", "--help", "--version");
        for (String command : List.of("status", "lint"))
            assertThat(tool.getSubcommands().get(command).getCommandSpec().options()).extracting(OptionSpec::longestName)
                .contains("--jdbc-url", "--user", "--password", "--schema", "--markers", "--marker-column",
                    "--timestamp-column", "--deleted-by-column", "--policy-class", "--verbose");
    }

    @Test
    void defaultPolicy_mixedConventions_eachTableByItsMarker_andTheLookAlikeOnStderr() throws Exception {
        MixedMarkerSchema.create(plain, "cli_mixed");
        plain.execute("update cli_mixed.posts set deleted_at = '2025-01-01T00:00:00Z' where id = 1");
        plain.execute("update cli_mixed.tickets set is_deleted = true where id = 1");
        plain.execute("update cli_mixed.notes set deleted = true where id = 1");
        plain.execute("update cli_mixed.orders set is_deleted = true, deleted_at = '2025-01-01T00:00:00Z',"
            + " deleted_by = 'ann' where id = 1");
        plain.execute("update cli_mixed.invoices set deleted_on = '2025-01-01T00:00:00Z' where id = 1");
        try {
            CliProcess.Result status = CliProcess.run(connect("status", "--schema", "cli_mixed"));
            assertThat(status.exitCode()).as("stderr: %s", status.err()).isZero();
            assertThat(status.out()).anyMatch(line -> line.matches("posts\\s+1\\s+1\\s+2025-01-01T00:00:00Z"))
                .anyMatch(line -> line.matches("tickets\\s+1\\s+1\\s+-"))
                .anyMatch(line -> line.matches("notes\\s+1\\s+1\\s+-"))
                .anyMatch(line -> line.matches("orders\\s+1\\s+1\\s+2025-01-01T00:00:00Z"))
                .noneMatch(line -> line.startsWith("invoices"));
            assertThat(status.err()).containsExactly("softdelete: " + MixedMarkerSchema.lookAlike("cli_mixed", "markers(...)"));

            // orders has a timestamp beside its flag, so a purge goes by it; tickets and notes have a flag alone.
            CliProcess.Result purge = CliProcess.run(connect("purge", "--schema", "cli_mixed", "--deleted-before", "2026-01-01"));
            assertThat(purge.exitCode()).as("stderr: %s", purge.err()).isZero();
            assertThat(ids("cli_mixed.orders")).containsExactly(2L);
            assertThat(ids("cli_mixed.posts")).containsExactly(2L);
            assertThat(ids("cli_mixed.tickets")).containsExactly(1L, 2L);
            assertThat(ids("cli_mixed.invoices")).containsExactly(1L, 2L);

            CliProcess.Result declared = CliProcess.run(connect("status", "--schema", "cli_mixed", "--markers",
                "invoices = timestamp(deleted_on)"));
            assertThat(declared.exitCode()).as("stderr: %s", declared.err()).isZero();
            assertThat(declared.out()).anyMatch(line -> line.matches("invoices\\s+1\\s+1\\s+2025-01-01T00:00:00Z"));
            assertThat(declared.err()).isEmpty();

            CliProcess.Result typo = CliProcess.run(connect("status", "--schema", "cli_mixed", "--markers",
                "invoice = timestamp(deleted_on)"));
            assertThat(typo.exitCode()).isEqualTo(2);
            assertThat(String.join("\n", typo.err())).contains("--markers: invalid soft-delete policy: markers(...) declares \"invoice = timestamp(deleted_on)\","
                + " which matches no table of schema \"cli_mixed\"");
        } finally {
            plain.execute("drop schema cli_mixed cascade");
        }
    }

    private List<Long> ids(String table) {
        return plain.fetchValues("select id from " + table + " order by id").stream().map(Long.class::cast).toList();
    }

    @Test
    void success_leavesStderrEmpty_withoutJooqsLogoTipsOrWarnings() throws Exception {
        CliProcess.Result quiet = CliProcess.run(connect("status"));
        assertThat(quiet.exitCode()).isZero();
        assertThat(quiet.err()).isEmpty();
        CliProcess.Result verbose = CliProcess.run(connect("status", "--verbose"));
        assertThat(verbose.exitCode()).as("stderr: %s", verbose.err()).isZero();
        assertThat(verbose.out()).isEqualTo(quiet.out());
        assertThat(verbose.err()).noneMatch(line -> line.contains("@@@@") || line.toLowerCase(Locale.ROOT).contains("tip of the day"));
        // jOOQ 3.20+ warns about the server's version on every connection; --verbose lets it through.
        if (!runningJooqVersion().startsWith("3.19"))
            assertThat(verbose.err()).anyMatch(line -> line.contains("WARN org.jooq."));
    }

    // Constants.VERSION is a compile-time constant, inlined where used; read it at run time instead.
    private static String runningJooqVersion() throws ReflectiveOperationException {
        return (String) org.jooq.Constants.class.getField("VERSION").get(null);
    }

    @Test
    void catalogPolicy_otherMarkerKinds_compositeKeys_andTheirRealConstraintNames() throws Exception {
        createOtherKindsSchema();
        try {
            String[] kinds = { "--schema", "cli_kinds", "--marker-column", "is_deleted", "--timestamp-column", "removed_at",
                "--deleted-by-column", "removed_by" };
            CliProcess.Result status = CliProcess.run(connect(concat(new String[] { "status" }, kinds)));
            assertThat(status.exitCode()).as("stderr: %s", status.err()).isZero();
            assertThat(status.out()).anyMatch(line -> line.matches("shops\\s+2\\s+3\\s+2025-01-01T00:00:00Z"))
                .anyMatch(line -> line.matches("products\\s+1\\s+2\\s+2025-01-01T00:00:00Z"))
                .noneMatch(line -> line.startsWith("notes"));

            CliProcess.Result purge = CliProcess.run(connect(concat(new String[] { "purge", "--deleted-before", "2026-01-01" }, kinds)));
            assertThat(purge.exitCode()).as("stderr: %s", purge.err()).isZero();
            assertThat(purge.out())
                .contains("  shops: kept 1 rows: product_belongs_to_shop (products -> shops, ON DELETE CASCADE)")
                .contains("  shops: 1 references set to NULL or their default through note_mentions_shop (notes -> shops, ON DELETE SET NULL)");
            assertThat(plain.fetchValues("select id from cli_kinds.shops order by id").stream().map(Object.class::cast).toList()).containsExactly(1L, 3L, 4L, 5L);
            assertThat(plain.fetchValues("select id from cli_kinds.products order by id").stream().map(Object.class::cast).toList()).containsExactly(10L);
            assertThat(plain.fetchValues("select shop_id from cli_kinds.notes").stream().map(Object.class::cast).toList())
                .containsExactly((Object) null);

            // A flag alone records no time of deletion: status shows none, and a purge has nothing to go by.
            CliProcess.Result flagOnly = CliProcess.run(connect("status", "--schema", "cli_kinds", "--marker-column", "is_deleted"));
            assertThat(flagOnly.exitCode()).as("stderr: %s", flagOnly.err()).isZero();
            assertThat(flagOnly.out()).anyMatch(line -> line.matches("shops\\s+2\\s+2\\s+-"));
            CliProcess.Result refused = CliProcess.run(connect("purge", "--older-than", "1d", "--schema", "cli_kinds",
                "--marker-column", "is_deleted"));
            assertThat(refused.exitCode()).isEqualTo(2);
            assertThat(refused.err()).singleElement().asString().startsWith("softdelete: no soft-deletable table records when")
                .contains("--timestamp-column");

            CliProcess.Result lint = CliProcess.run(connect(concat(new String[] { "lint" }, kinds)));
            Map<TableName, LintMarker> markers = Map.of(new TableName("cli_kinds", "shops"), new LintMarker("is_deleted", true, false),
                new TableName("cli_kinds", "products"), new LintMarker("is_deleted", true, false));
            List<String> expected = new ArrayList<>();
            for (Finding finding : SchemaLint.check(Catalog.read(plain, List.of("cli_kinds")), new TreeMap<>(markers)))
                expected.add(finding.toString());
            assertThat(expected).isNotEmpty();
            assertThat(lint.exitCode()).isEqualTo(1);
            assertThat(lint.out()).containsAll(expected);
        } finally {
            plain.execute("drop schema if exists cli_kinds cascade");
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
                new String[] { "status", "--jdbc-url", "jdbc:postgresql://localhost:no-port/app" },
                new String[] { "status", "--jdbc-url", database.jdbcUrl(), "--policy-class", "io.github.softdelete.it.db.SoftDeletes",
                    "--marker-column", "archived_at" },
                new String[] { "lint", "--jdbc-url", database.jdbcUrl(), "--timestamp-column", "removed_at" },
                new String[] { "status", "--jdbc-url", database.jdbcUrl(), "--schema", "no_such_schema" },
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

    private void createOtherKindsSchema() {
        plain.execute("drop schema if exists cli_kinds cascade");
        plain.execute("create schema cli_kinds");
        // Constraint names unlike PostgreSQL's defaults, and a key of two columns: reports must name the real ones.
        plain.execute("create table cli_kinds.shops (id bigint primary key, region int not null,"
            + " is_deleted boolean not null default false, removed_at timestamptz, removed_by text,"
            + " constraint shop_identity unique (id, region))");
        plain.execute("create table cli_kinds.products (id bigint primary key, shop_id bigint not null, shop_region int not null,"
            + " is_deleted boolean not null default false, removed_at timestamptz,"
            + " constraint product_belongs_to_shop foreign key (shop_id, shop_region) references cli_kinds.shops (id, region)"
            + " on delete cascade)");
        plain.execute("create table cli_kinds.notes (id bigint primary key, shop_id bigint, shop_region int,"
            + " constraint note_mentions_shop foreign key (shop_id, shop_region) references cli_kinds.shops (id, region)"
            + " on delete set null)");
        // shops: 1 OLD (live product 10 keeps it), 2 OLD (its tree is due; note 100 mentions it), 3 live,
        // 4 live (its flag says so, whatever its timestamp), 5 RECENT. products: 10 live, 20 OLD on 2, 30 OLD on 3.
        plain.execute("insert into cli_kinds.shops values (1, 1, true, {0}, 'ann'), (2, 1, true, {0}, 'ann'),"
            + " (3, 1, false, null, null), (4, 1, false, {0}, null), (5, 1, true, {1}, 'bob')", OLD, RECENT);
        plain.execute("insert into cli_kinds.products values (10, 1, 1, false, null), (20, 2, 1, true, {0}), (30, 3, 1, true, {0})", OLD);
        plain.execute("insert into cli_kinds.notes values (100, 2, 1)");
    }

    // The times of day and durations vary from run to run; everything else on a line is exact.
    private static List<String> withoutTimes(List<String> lines) {
        return lines.stream().map(line -> line.replaceFirst("^\\d\\d:\\d\\d:\\d\\d ", "")
            .replaceAll("\\b(\\d+\\.\\d s|\\d+:\\d\\d:\\d\\d)\\b", "T")).toList();
    }

    private static String[] concat(String[] first, String[] second) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(second));
        return all.toArray(String[]::new);
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

    private List<Long> commentIds() {
        return plain.select(COMMENTS.ID).from(COMMENTS).orderBy(COMMENTS.ID).fetch(COMMENTS.ID);
    }

    private Map<String, String> checksums() {
        Map<String, String> sums = new TreeMap<>();
        for (Table<?> table : List.of(USERS, CATEGORIES, POSTS, COMMENTS, LIKES, TAGS, POST_TAGS))
            sums.put(table.getName(), plain.select(DSL.count(), DSL.field("md5(coalesce(string_agg(t::text, ';' order by t::text), ''))", String.class))
                .from(table.as("t")).fetchOne().intoList().toString());
        return sums;
    }

    // The tables of the reference schema that the catalog policy finds by the conventions: the deleted_at
    // tables, and documents by its boolean is_deleted.
    private static Map<TableName, LintMarker> softDeletableTables() {
        Map<TableName, LintMarker> tables = new TreeMap<>();
        for (String name : List.of("users", "categories", "posts", "comments", "likes"))
            tables.put(new TableName("public", name), LintMarker.timestamp("deleted_at"));
        tables.put(new TableName("public", "documents"), new LintMarker("is_deleted", true, false));
        return tables;
    }
}
