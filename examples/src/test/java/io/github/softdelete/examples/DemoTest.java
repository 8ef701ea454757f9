package io.github.softdelete.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the demo's main on embedded PostgreSQL, as the README's first command does, and checks the
 * result of every step of the story, then the command line's errors.
 */
class DemoTest {

    private static DemoOutput demo;

    @BeforeAll
    static void runDemo() {
        demo = DemoOutput.of();
    }

    @Test
    void story_runsToTheEnd_exitsZero() {
        assertThat(demo.exitCode()).as(demo.err()).isZero();
        assertThat(demo.out()).contains("Running on PostgreSQL", "embedded PostgreSQL", "The end: 8 steps");
    }

    @Test
    void step1_deletedPost_leavesTheReads() {
        assertThat(demo.resultLines(1)).contains("deleted: 1 row");
        assertThat(demo.table(1, "Alice's posts:")).containsExactly("2 Pasta from scratch");
    }

    @Test
    void step2_onlyDeleted_findsThePost_andRestoreBringsItBack() {
        assertThat(demo.table(2, "Alice's deleted posts:")).singleElement().asString()
                .matches("1 Lisbon in spring \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(demo.resultLines(2)).contains("restored: 1 row");
        assertThat(demo.table(2, "Alice's posts:")).containsExactly("1 Lisbon in spring", "2 Pasta from scratch");
    }

    @Test
    void step3_accountDelete_takesPostsCommentsAndLikesAlong() {
        assertThat(demo.resultLines(3)).contains("deleted: 1 row");
        // users posts comments likes: Bob, his two live posts, the four comments by him or on his
        // posts, and the five likes by him or on those comments.
        assertThat(demo.table(3, "Live rows:")).containsExactly("before 3 5 5 6", "after 2 3 1 1");
    }

    @Test
    void step4_accountRestore_leavesThePostDeletedEarlierDeleted() {
        assertThat(demo.resultLines(4)).contains("restored: 1 row");
        assertThat(demo.table(4, "Bob's posts, deleted ones included:"))
                .containsExactly("3 Sourdough diary no", "4 Road trip notes yes", "5 Ramen tour no");
        assertThat(demo.table(4, "Live rows:")).containsExactly("now 3 5 5 6");
    }

    @Test
    void step5_freedEmail_isTakenByNewSignup_andOldAccountsRestoreIsRefused() {
        assertThat(demo.resultLines(5)).contains("deleted: 1 row", "inserted: 1 row",
                "restore refused, SoftDeleteException:");
        assertThat(demo.table(5, "Users, deleted ones included:")).containsExactly("1 alice@example.com no",
                "2 bob@example.com no", "3 carol@example.com yes", "4 carol@example.com no");
        assertThat(String.join(" ", demo.section(5, "Result:"))).contains("users_email_live_key");
    }

    @Test
    void step6_countsIgnoreDeletedRows_andCategoryInUseRefusesDelete() {
        assertThat(demo.table(6, "Live posts per category:")).containsExactly("food 3", "travel 1");
        assertThat(demo.table(6, "All posts per category, deleted ones included:"))
                .containsExactly("food 3", "travel 3");
        assertThat(demo.resultLines(6)).contains("delete refused, SoftDeleteException:");
        assertThat(String.join(" ", demo.section(6, "Result:"))).contains("posts_category_id_fkey");
    }

    @Test
    void step7_hardDelete_removesRowsForGood() {
        assertThat(demo.resultLines(7)).contains("deleted: 1 row");
        assertThat(demo.table(7, "Users, deleted ones included:"))
                .containsExactly("1 alice@example.com no", "2 bob@example.com no", "4 carol@example.com no");
        assertThat(demo.table(7, "Posts, deleted ones included:")).containsExactly("1 Lisbon in spring no",
                "2 Pasta from scratch no", "3 Sourdough diary no", "4 Road trip notes yes", "5 Ramen tour no");
    }

    @Test
    void step8_flagTable_recordsWhoDeleted_andRefusesADeleteWithoutActor() {
        assertThat(demo.resultLines(8)).contains("inserted: 2 rows", "deleted: 1 row");
        assertThat(demo.table(8, "Documents, deleted ones included:"))
                .containsExactly("Packing list no -", "Visa scan yes alice@example.com");
        assertThat(demo.out()).contains("needs to know who deletes, and no actor was given");
    }

    @Test
    void sql_showsTheRewriteOfReadsDeletesCascadesAndRestores() {
        String read = String.join("\n", demo.section(1, "SQL sent:"));
        assertThat(read).contains("WHERE (posts.author_id = 1 AND posts.deleted_at IS NULL)");
        String delete = String.join("\n", demo.section(1, "SQL sent:"));
        assertThat(delete).contains("UPDATE posts").contains("SET deleted_at =").doesNotContain("DELETE");
        String cascade = String.join("\n", demo.section(3, "SQL sent:"));
        assertThat(cascade).contains("UPDATE users", "UPDATE posts", "UPDATE comments", "UPDATE likes");
        String restore = String.join("\n", demo.section(2, "SQL sent:"));
        assertThat(restore).contains("UPDATE posts", "deleted_at = NULL");
        String hardDelete = String.join("\n", demo.section(7, "SQL sent:"));
        assertThat(hardDelete).contains("DELETE FROM users");
    }

    @Test
    void output_fitsAnEightyColumnTerminal() {
        assertThat(demo.out().lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(80));
    }

    @Test
    void help_printsUsage_exitsZero() {
        DemoOutput help = DemoOutput.of("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage:").contains("--jdbc-url", "--user", "--password");
        assertThat(help.err()).isEmpty();
    }

    @Test
    void jdbcUrl_unreachable_exitsTwoWithOneLineAndNoStackTrace() {
        DemoOutput run = DemoOutput.of("--jdbc-url", "jdbc:postgresql://127.0.0.1:1/postgres?password=secret");

        assertOneLineError(run, "cannot connect to jdbc:postgresql://127.0.0.1:1/postgres");
        assertThat(run.err()).doesNotContain("secret");
    }

    @Test
    void jdbcUrl_neitherPostgresNorMariaDb_exitsTwoWithOneLine() {
        assertOneLineError(DemoOutput.of("--jdbc-url", "jdbc:mysql://localhost/db"), "is neither a PostgreSQL nor a MariaDB JDBC URL");
    }

    @Test
    void arguments_unknownOrIncomplete_exitTwoWithOneLine() {
        assertOneLineError(DemoOutput.of("--jdbc"), "unknown argument \"--jdbc\"");
        assertOneLineError(DemoOutput.of("--jdbc-url"), "--jdbc-url needs a value");
        assertOneLineError(DemoOutput.of("--user", "me"), "--user and --password need --jdbc-url");
    }

    private static void assertOneLineError(DemoOutput run, String message) {
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        List<String> lines = run.err().lines().toList();
        assertThat(lines).singleElement().asString().startsWith("softdelete-demo: ").contains(message);
    }
}
