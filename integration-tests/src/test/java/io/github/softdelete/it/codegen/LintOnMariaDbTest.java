package io.github.softdelete.it.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.github.softdelete.SoftDeletePolicy;
import io.github.softdelete.codegen.LintFinding;
import io.github.softdelete.codegen.SchemaLint;
import io.github.softdelete.codegen.internal.Catalog;
import io.github.softdelete.codegen.internal.Finding;
import io.github.softdelete.codegen.internal.Finding.Kind;
import io.github.softdelete.codegen.internal.LintMarker;
import io.github.softdelete.codegen.internal.TableName;
import io.github.softdelete.it.harness.MariaDbServers;
import io.github.softdelete.it.harness.MariaDbTest;
import io.github.softdelete.it.harness.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

/**
 * The schema lint on MariaDB (db/mariadb), where its advice is MariaDB's DDL: a unique key among live rows is a
 * generated column NULL on deleted rows under a UNIQUE key (as {@code users.email_live}), an index for a foreign key
 * is {@code CREATE INDEX ... ON t (fk, marker)}, a view is replaced filtered; no partial index, no PostgreSQL syntax.
 * On the reference schema it finds the traps it finds on PostgreSQL; on a copy with more traps, running the DDL it
 * advises, round after round, leaves nothing to find.
 */
@MariaDbTest
class LintOnMariaDbTest {

    // Statements of the advice: each ends with the first semicolon (none of the reference schema's DDL holds one).
    private static final Pattern DDL = Pattern.compile("(?:ALTER TABLE|CREATE INDEX|CREATE OR REPLACE VIEW) [^;]*;");

    @Test
    void lint_referenceSchema_findsThePlantedTrapsAsOnPostgres(TestDatabase database, DSLContext dsl) {
        Map<TableName, LintMarker> markers = new TreeMap<>();
        ReferenceSchemaLintTest.markers().forEach((table, marker) -> markers.put(new TableName(database.name(), table.table()), marker));

        List<Finding> findings = io.github.softdelete.codegen.internal.SchemaLint.check(Catalog.read(dsl, List.of(database.name())), markers);

        assertThat(findings).extracting(Finding::kind, Finding::constraint).containsExactly(
                tuple(Kind.UNIQUE_COUNTS_DELETED_ROWS, "categories_name_key"),
                tuple(Kind.CASCADE_ACROSS_SOFT_DELETE_BOUNDARY, "post_tags_post_id_fkey"),
                tuple(Kind.VIEW_OVER_SOFT_DELETABLE_TABLE, "post_authors"),
                tuple(Kind.VIEW_OVER_SOFT_DELETABLE_TABLE, "user_emails"),
                tuple(Kind.VIEW_OVER_SOFT_DELETABLE_TABLE, "user_names"));
        // users_email_live_key and documents_owner_id_title_live_key are the live-row form: not reported.
        assertThat(findings.get(0).message()).contains("MariaDB has no partial index", "ALTER TABLE categories ADD COLUMN"
                + " name_live varchar(255) AS (IF(deleted_at IS NULL, name, NULL)) VIRTUAL, ADD CONSTRAINT"
                + " categories_name_live_key UNIQUE (name_live), DROP INDEX categories_name_key;");
        assertThat(findings.get(1).message()).contains("Add deleted_at to post_tags (datetime(6), NULL while the row is live:"
                + " ALTER TABLE post_tags ADD COLUMN deleted_at datetime(6) NULL;)");
        assertThat(findings.get(3).message()).contains("CREATE OR REPLACE VIEW user_emails AS select `users`.`id` as `id`,"
                + " `users`.`email` as `email`, `users`.`name` as `name` from `users` where users.deleted_at is null;");
        assertThat(findings).extracting(Finding::message).allSatisfy(message -> assertThat(message)
                .doesNotContain("USING btree", "timestamptz", "WHERE (", "::", "\"", "NULLS NOT DISTINCT", database.name() + "`."));
    }

    @Test
    void lint_afterRunningItsOwnAdvice_findsNothing() {
        try (TestDatabase copy = MariaDbServers.shared().createMigratedDatabase("lint_advice")) {
            DSLContext dsl = copy.dsl();
            // More traps beside the reference schema's, one of each shape the advice must handle.
            dsl.execute("ALTER TABLE comments RENAME INDEX comments_post_id_idx TO comments_post_id_old");
            dsl.execute("ALTER TABLE comments ALTER INDEX comments_post_id_old IGNORED"); // the optimizer never uses it
            dsl.execute("ALTER TABLE posts ADD CONSTRAINT posts_title_deleted_key UNIQUE (title(100), deleted_at)");
            dsl.execute("ALTER TABLE documents ADD CONSTRAINT documents_title_key UNIQUE (title)");
            dsl.execute("ALTER TABLE categories MODIFY name VARCHAR(255) COLLATE utf8mb4_unicode_ci NOT NULL");

            List<String> ran = new ArrayList<>();
            List<LintFinding> findings = lint(copy);
            for (int round = 1; !findings.isEmpty(); round++) {
                assertThat(round).as("rounds; ran so far: %s; left: %s", ran, findings).isLessThanOrEqualTo(4);
                for (LintFinding finding : findings) {
                    List<String> statements = statements(finding.message());
                    assertThat(statements).as("DDL in %s", finding).isNotEmpty();
                    for (String statement : statements.subList(0, 1)) { // the first way out, where a message offers two
                        try {
                            dsl.execute(statement);
                        } catch (DataAccessException e) {
                            throw new AssertionError("the advice of " + finding + " fails: " + e.getMessage(), e);
                        }
                        ran.add(statement);
                    }
                }
                findings = lint(copy);
            }

            assertThat(ran).contains(
                    "CREATE INDEX comments_post_id_idx ON comments (post_id, deleted_at);",
                    "ALTER TABLE posts ADD COLUMN title_live text AS (IF(deleted_at IS NULL, title, NULL)) VIRTUAL,"
                            + " ADD CONSTRAINT posts_title_deleted_live_key UNIQUE (title_live(100)), DROP INDEX posts_title_deleted_key;",
                    "ALTER TABLE documents ADD COLUMN title_live2 varchar(255) AS (IF(is_deleted, NULL, title)) VIRTUAL,"
                            + " ADD CONSTRAINT documents_title_live_key UNIQUE (title_live2), DROP INDEX documents_title_key;",
                    "ALTER TABLE categories ADD COLUMN name_live varchar(255) COLLATE utf8mb4_unicode_ci AS (IF(deleted_at IS NULL,"
                            + " name, NULL)) VIRTUAL, ADD CONSTRAINT categories_name_live_key UNIQUE (name_live),"
                            + " DROP INDEX categories_name_key;",
                    "ALTER TABLE post_tags ADD COLUMN deleted_at datetime(6) NULL;",
                    "ALTER TABLE tags ADD COLUMN deleted_at datetime(6) NULL;");
            // The new keys are unique among live rows only, comparing as the column did (utf8mb4_unicode_ci: 'TECH' = 'tech').
            dsl.execute("INSERT INTO categories (id, name, deleted_at) VALUES (1, 'tech', NOW(6)), (2, 'tech', NULL)");
            assertThatThrownBy(() -> dsl.execute("INSERT INTO categories (id, name) VALUES (3, 'TECH')"))
                    .isInstanceOf(DataAccessException.class).hasMessageContaining("Duplicate entry");
        }
    }

    private static List<LintFinding> lint(TestDatabase database) {
        SoftDeletePolicy policy = SoftDeletePolicy.builder().markers(SchemaCodegen.MARKERS).database(database.dsl(), database.name()).build();
        return SchemaLint.check(database.dsl(), policy, database.name());
    }

    private static List<String> statements(String message) {
        List<String> statements = new ArrayList<>();
        Matcher matcher = DDL.matcher(message);
        while (matcher.find()) {
            statements.add(matcher.group());
        }
        return statements;
    }
}
