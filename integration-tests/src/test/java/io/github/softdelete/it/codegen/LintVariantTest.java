package io.github.softdelete.it.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.github.softdelete.codegen.SoftDeleteJavaGenerator;
import io.github.softdelete.codegen.internal.Catalog;
import io.github.softdelete.codegen.internal.LintMarker;
import io.github.softdelete.codegen.internal.Finding;
import io.github.softdelete.codegen.internal.Finding.Kind;
import io.github.softdelete.codegen.internal.SchemaLint;
import io.github.softdelete.codegen.internal.TableName;
import io.github.softdelete.it.harness.PostgresServer;
import io.github.softdelete.it.harness.PostgresServers;
import io.github.softdelete.it.harness.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;
import org.jooq.codegen.GeneratorException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema lint on a variant of the reference schema with one more trap of each kind
 * ({@code db/lint-variant} in the test resources), each beside near misses it must leave alone.
 */
class LintVariantTest {

    private static final String PACKAGE = "io.github.softdelete.it.variant";
    private static final TableName DRAFTS = new TableName("public", "drafts");

    private static TestDatabase database;

    @BeforeAll
    static void migrateVariant() {
        database = PostgresServers.shared().createMigratedDatabase("lint_variant");
        Flyway.configure()
                .dataSource(database.dataSource())
                .locations(PostgresServer.MIGRATIONS, "classpath:db/lint-variant")
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }

    @AfterAll
    static void dropVariant() {
        database.close();
    }

    @Test
    void lint_variant_findsOneMoreTrapOfEachKind() {
        Map<TableName, LintMarker> markers = new TreeMap<>(ReferenceSchemaLintTest.markers());
        markers.put(DRAFTS, LintMarker.timestamp("deleted_at"));

        List<Finding> findings = SchemaLint.check(Catalog.read(database.dsl(), List.of("public")), markers);

        assertThat(findings).extracting(Finding::kind, Finding::constraint).containsExactly(
                tuple(Kind.UNIQUE_COUNTS_DELETED_ROWS, "categories_name_key"),
                tuple(Kind.UNIQUE_COUNTS_DELETED_ROWS, "drafts_slug_key"),
                tuple(Kind.UNINDEXED_FOREIGN_KEY, "drafts_author_id_fkey"),
                tuple(Kind.UNINDEXED_FOREIGN_KEY, "drafts_language_id_fkey"),
                tuple(Kind.CASCADE_ACROSS_SOFT_DELETE_BOUNDARY, "drafts_language_id_fkey"),
                tuple(Kind.CASCADE_ACROSS_SOFT_DELETE_BOUNDARY, "post_tags_post_id_fkey"),
                tuple(Kind.VIEW_OVER_SOFT_DELETABLE_TABLE, "post_authors"),
                tuple(Kind.VIEW_OVER_SOFT_DELETABLE_TABLE, "user_emails"),
                tuple(Kind.VIEW_OVER_SOFT_DELETABLE_TABLE, "user_names"));
        assertThat(findings.get(1).message()).contains("unique index drafts_slug_key on public.drafts (lower(slug))",
                "CREATE UNIQUE INDEX drafts_slug_live_key ON public.drafts USING btree (lower(slug)) WHERE (deleted_at IS NULL);",
                "DROP INDEX public.drafts_slug_key;");
        assertThat(findings.get(2).message()).contains("every soft delete of a users row (to cascade it)",
                "every restore of a users row", "CREATE INDEX drafts_author_id_idx ON public.drafts (author_id, deleted_at);");
        // a live-only index serves reads, but not the real DELETE of a languages row, which looks at every draft
        assertThat(findings.get(3).message()).contains("only drafts_language_id_live_idx leads with (language_id)",
                "every delete of a languages row (PostgreSQL's own foreign key action looks up its children, deleted ones included)",
                "CREATE INDEX drafts_language_id_idx ON public.drafts (language_id, deleted_at);",
                "DROP INDEX public.drafts_language_id_live_idx;");
        assertThat(findings.get(4).message()).contains("deleting a languages row is a real DELETE",
                "hard-deleting its drafts rows, live and soft-deleted alike");
    }

    @Test
    void generate_lintWarn_writesSourcesThatCompile(@TempDir Path directory) throws Exception {
        Path sources = directory.resolve("sources");
        Path classes = Files.createDirectories(directory.resolve("classes"));

        SchemaCodegen.generate(database, GeneratedSources.configuration(sources, PACKAGE));

        assertThat(GeneratedSources.compile(sources, classes)).isEmpty();
        String policy = Files.readString(sources.resolve(PACKAGE.replace('.', '/')).resolve("SoftDeletes.java"));
        assertThat(policy)
                .contains(".table(Drafts.DRAFTS, Drafts.DRAFTS.DELETED_AT)")
                .contains(".onDelete(Keys.DRAFTS__DRAFTS_AUTHOR_ID_FKEY, OnDelete.CASCADE)")
                .as("languages is not soft-deletable, so a policy has no rule for keys that reference it")
                .doesNotContain("DRAFTS_LANGUAGE_ID_FKEY");
        assertThat(Files.readString(sources.resolve(PACKAGE.replace('.', '/')).resolve("tables/Languages.java")))
                .doesNotContain("SoftDeletableTable");
    }

    @Test
    void generate_lintFail_failsNamingEveryTrap(@TempDir Path directory) throws Exception {
        var configuration = GeneratedSources.configuration(directory, PACKAGE, SoftDeleteJavaGenerator.LINT, "fail");

        assertThatThrownBy(() -> SchemaCodegen.generate(database, configuration))
                .isInstanceOf(GeneratorException.class)
                .hasMessageStartingWith("the softdelete schema lint found 9 traps")
                .hasMessageContainingAll("categories_name_key", "drafts_slug_key", "drafts_author_id_fkey",
                        "drafts_language_id_fkey", "post_tags_post_id_fkey");
        assertThat(GeneratedSources.javaFiles(directory)).isEmpty();
    }
}
