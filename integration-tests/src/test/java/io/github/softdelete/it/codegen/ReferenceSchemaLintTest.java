package io.github.softdelete.it.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.github.softdelete.codegen.SoftDeleteJavaGenerator;
import io.github.softdelete.Marker;
import io.github.softdelete.codegen.internal.Catalog;
import io.github.softdelete.codegen.internal.LintMarker;
import io.github.softdelete.codegen.internal.Finding;
import io.github.softdelete.codegen.internal.Finding.Kind;
import io.github.softdelete.codegen.internal.SchemaLint;
import io.github.softdelete.codegen.internal.TableName;
import io.github.softdelete.it.db.SoftDeletes;
import io.github.softdelete.it.harness.PostgresTest;
import io.github.softdelete.it.harness.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.codegen.GeneratorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema lint on the reference schema finds exactly the traps planted there: the plain UNIQUE on
 * {@code categories.name}, and the cascade from soft-deletable {@code posts} to plain {@code post_tags}.
 * Everything else is clean on purpose: {@code users_email_live_key} is a partial unique index, every
 * foreign key of a soft-deletable table has an index (V2), primary keys are not traps, and
 * {@code post_tags_tag_id_fkey} cascades between two plain tables.
 */
@PostgresTest
class ReferenceSchemaLintTest {

    @Test
    void lint_referenceSchema_findsExactlyThePlantedTraps(DSLContext dsl) {
        List<Finding> findings = SchemaLint.check(Catalog.read(dsl, List.of("public")), markers());

        assertThat(findings).extracting(Finding::kind, Finding::constraint)
                .containsExactly(
                        tuple(Kind.UNIQUE_COUNTS_DELETED_ROWS, "categories_name_key"),
                        tuple(Kind.CASCADE_ACROSS_SOFT_DELETE_BOUNDARY, "post_tags_post_id_fkey"),
                        tuple(Kind.VIEW_OVER_SOFT_DELETABLE_TABLE, "post_authors"),
                        tuple(Kind.VIEW_OVER_SOFT_DELETABLE_TABLE, "user_emails"),
                        tuple(Kind.VIEW_OVER_SOFT_DELETABLE_TABLE, "user_names"));
        assertThat(findings.get(0).message()).contains("CREATE UNIQUE INDEX categories_name_live_key ON public.categories"
                + " USING btree (name) WHERE (deleted_at IS NULL);");
        // live_posts filters its deleted rows itself: no finding
        assertThat(findings.get(3).message()).contains("view public.user_emails reads soft-deletable public.users without"
                + " filtering deleted rows", "CREATE OR REPLACE VIEW public.user_emails AS select id, email, name from users"
                + " where users.deleted_at is null;");
        assertThat(findings.get(2).message()).contains("p.deleted_at is null", "u.deleted_at is null");
    }

    @Test
    void generate_lintFail_failsBeforeWritingAnything(TestDatabase database, @TempDir Path directory) throws Exception {
        var configuration = GeneratedSources.configuration(directory, "io.github.softdelete.it.lintfail",
                SoftDeleteJavaGenerator.LINT, "fail");

        assertThatThrownBy(() -> SchemaCodegen.generate(database, configuration))
                .isInstanceOf(GeneratorException.class)
                .hasMessageStartingWith("the softdelete schema lint found 5 traps, and softdelete.lint is fail:")
                .hasMessageContaining("[unique-counts-deleted-rows] unique constraint categories_name_key")
                .hasMessageContaining("[cascade-across-soft-delete-boundary] foreign key post_tags_post_id_fkey")
                .hasMessageEndingWith("Fix the schema, or set softdelete.lint to warn to generate anyway.");
        assertThat(GeneratedSources.javaFiles(directory)).isEmpty();
    }

    @Test
    void generate_lintOff_generatesDespiteTheTraps(TestDatabase database, @TempDir Path directory) throws Exception {
        SchemaCodegen.generate(database, GeneratedSources.configuration(directory, "io.github.softdelete.it.lintoff",
                SoftDeleteJavaGenerator.LINT, "off"));

        assertThat(directory.resolve("io/github/softdelete/it/lintoff/SoftDeletes.java")).exists();
    }

    /** The tables the generated policy registers, as the lint names them. */
    /** The generated policy's tables with their markers, as the generator hands them to the lint. */
    static Map<TableName, LintMarker> markers() {
        Map<TableName, LintMarker> markers = new TreeMap<>();
        for (var table : SoftDeletes.POLICY.tables()) {
            Marker marker = SoftDeletes.POLICY.marker(table).orElseThrow();
            markers.put(new TableName(table.getSchema().getName(), table.getName()), marker.flagColumn().isEmpty()
                    ? LintMarker.timestamp(marker.stateColumn().getName())
                    : new LintMarker(marker.stateColumn().getName(), true, marker.stateColumn().getDataType().nullable()));
        }
        return markers;
    }

    static Set<TableName> softDeletable() {
        return SoftDeletes.POLICY.tables().stream()
                .map(table -> new TableName(table.getSchema().getName(), table.getName()))
                .collect(Collectors.toSet());
    }
}
