package io.github.softdelete.it.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeletePolicy;
import io.github.softdelete.codegen.internal.Catalog;
import io.github.softdelete.codegen.internal.Finding;
import io.github.softdelete.codegen.internal.SchemaLint;
import io.github.softdelete.it.db.SoftDeletes;
import io.github.softdelete.it.harness.PostgresServer;
import io.github.softdelete.it.harness.PostgresServers;
import io.github.softdelete.it.harness.TestDatabase;

/**
 * Views over the flag-marked tables of V4 ({@code documents}: a NOT NULL flag; {@code attachments}: a flag
 * with a timestamp, where the flag decides): whether their definition filters deleted rows follows the
 * marker kind, at run time ({@code SoftDeletePolicy.views()}, reads left alone or inlined) and in the lint,
 * which agree. Every view judged filtering is checked against the database: read as plain SQL, it returns
 * no deleted row. Its own database, so that its views do not show up in other tests' catalogs.
 */
class FlagViewsTest {

    private static TestDatabase database;
    private static DSLContext plain;
    private static SoftDeletePolicy policy;
    private static DSLContext ctx;
    private static List<Finding> findings;

    static Stream<Arguments> views() {
        return Stream.of(
            // name, definition, filters, live rows through the library, rows of the plain view
            Arguments.of("docs_not", "select id, title from documents where not is_deleted", true, 2, 2),
            Arguments.of("docs_eq_false", "select d.id, d.title from documents d where d.is_deleted = false", true, 2, 2),
            Arguments.of("docs_is_not_true", "select id, title from documents where is_deleted is not true", true, 2, 2),
            Arguments.of("docs_coalesce", "select id, title from documents where coalesce(is_deleted, false) = false and title <> ''", true, 2, 2),
            Arguments.of("docs_is_false", "select id, title from documents where is_deleted is false", true, 2, 2),
            Arguments.of("docs_or_title", "select id, title from documents where not is_deleted or title = 'secret'", false, 2, 3),
            Arguments.of("docs_text", "select id, title from documents where is_deleted::text <> 'yes'", false, 2, 3),
            Arguments.of("docs_is_not_false", "select id, title from documents where is_deleted is not false", false, 0, 1),
            Arguments.of("att_flag", "select id, file_name from attachments where not removed", true, 1, 1),
            Arguments.of("att_both", "select id, file_name from attachments where removed_at is null and removed = false", true, 1, 1),
            // the flag decides: a row written outside the library may be removed without a timestamp
            Arguments.of("att_stamp_only", "select id, file_name from attachments where removed_at is null", false, 1, 2));
    }

    @BeforeAll
    static void createViews() {
        database = PostgresServers.shared().createMigratedDatabase("flag_views");
        Flyway.configure().dataSource(database.dataSource()).locations(PostgresServer.MIGRATIONS).load().migrate();
        plain = database.dsl();
        plain.execute("insert into users (id, email, name) values (1, 'a@example.com', 'a')");
        plain.execute("insert into documents (id, owner_id, title, is_deleted) values (1, 1, 'one', false), (2, 1, 'two', false), (3, 1, 'secret', true)");
        plain.execute("insert into attachments (id, document_id, file_name, removed, removed_at)"
            + " values (1, 1, 'a.txt', false, null), (2, 1, 'b.txt', true, now()), (3, 1, 'legacy.txt', true, null)");
        views().forEach(view -> plain.execute("create view " + view.get()[0] + " as " + view.get()[1]));
        policy = SoftDeletes.builder().viewsFromDatabase(plain).build();
        ctx = DSL.using(SoftDelete.install(database.newConfiguration(), policy));
        findings = SchemaLint.check(Catalog.read(plain, List.of("public")), ReferenceSchemaLintTest.markers());
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("views")
    void view_filteringFollowsTheMarkerKind_runtimeAndLintAgree(String view, String definition, boolean filters, int live, int plainRows) {
        assertThat(policy.views()).extracting(Object::toString).contains("\"" + view + "\" " + (filters ? "(filters)" : "(inlined)"));
        List<String> reported = findings.stream().filter(f -> f.kind() == Finding.Kind.VIEW_OVER_SOFT_DELETABLE_TABLE)
            .map(Finding::constraint).toList();
        assertThat(reported.contains(view)).as("lint finding for " + view).isEqualTo(!filters);

        assertThat(ctx.fetchCount(DSL.table(DSL.name("public", view)))).isEqualTo(live);
        assertThat(ctx.selectFrom(DSL.table(DSL.name("public", view))).getSQL()).matches(sql -> sql.contains("(select") != filters);
        assertThat(plain.fetchCount(DSL.table(DSL.name("public", view)))).isEqualTo(plainRows);
        if (filters) // the database's own read of a view judged filtering has no deleted row
            assertThat(plainRows).isEqualTo(live);
    }
}
