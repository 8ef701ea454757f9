package io.github.softdelete.codegen.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.softdelete.OnDelete;
import io.github.softdelete.codegen.internal.Finding.Kind;

/**
 * The lint's rules on catalogs written out by hand, shaped as PostgreSQL reports them. The same rules
 * run on real catalogs in integration-tests ({@code ReferenceSchemaLintTest}, {@code LintVariantTest}).
 */
class SchemaLintTest {

    private static final String MARKER = "deleted_at";
    private static final TableName USERS = new TableName("public", "users");
    private static final TableName POSTS = new TableName("public", "posts");
    private static final TableName TAGS = new TableName("public", "tags");
    private static final TableName POST_TAGS = new TableName("public", "post_tags");
    private static final Set<TableName> SOFT = Set.of(USERS, POSTS);

    private final List<CatalogIndex> indexes = new ArrayList<>();
    private final List<CatalogForeignKey> keys = new ArrayList<>();

    @Test
    void uniqueConstraint_onSoftDeletableTable_reportedWithPartialIndexFix() {
        unique(USERS, "users_email_key", "users_email_key", null, "email");

        assertThat(lint()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.UNIQUE_COUNTS_DELETED_ROWS);
            assertThat(f.constraint()).isEqualTo("users_email_key");
            assertThat(f.message()).contains("unique constraint users_email_key on public.users (email) also counts"
                + " deleted rows", "CREATE UNIQUE INDEX users_email_live_key ON public.users USING btree (email) WHERE"
                + " (deleted_at IS NULL);", "ALTER TABLE public.users DROP CONSTRAINT users_email_key;");
        });
    }

    @Test
    void uniqueIndex_withOtherPredicate_fixKeepsIt() {
        unique(USERS, "users_handle_key", null, "(handle <> ''::text)", "handle");

        assertThat(lint()).singleElement().extracting(Finding::message).asString().contains(
            "unique index users_handle_key", "WHERE (deleted_at IS NULL) AND (handle <> ''::text);",
            "DROP INDEX public.users_handle_key;");
    }

    @Test
    void uniqueKey_referencedByForeignKey_saysToMoveTheReferenceFirst() {
        indexes.add(new CatalogIndex(USERS, "users_code_key", true, false, true, "users_code_key", null, List.of("code"),
            List.of("code"), "CREATE UNIQUE INDEX users_code_key ON public.users USING btree (code)", false,
            List.of("posts_user_code_fkey")));

        assertThat(lint()).singleElement().extracting(Finding::message).asString()
            .contains("posts_user_code_fkey references this one: point it at the primary key first.");
    }

    @Test
    void uniqueKey_cleanShapes_notReported() {
        unique(USERS, "users_email_live_key", null, "(deleted_at IS NULL)", "email");
        unique(USERS, "users_slug_live_key", null, "((deleted_at IS NULL) AND (slug <> ''::text))", "slug");
        indexes.add(new CatalogIndex(USERS, "users_pkey", true, true, true, "users_pkey", null, List.of("id"),
            List.of("id"), "CREATE UNIQUE INDEX users_pkey ON public.users USING btree (id)", false, List.of()));
        unique(TAGS, "tags_name_key", "tags_name_key", null, "name");
        indexes.add(new CatalogIndex(USERS, "users_name_deleted_key", true, false, true, null, null,
            List.of("name", MARKER), List.of("name", MARKER), "CREATE UNIQUE INDEX users_name_deleted_key ON"
            + " public.users USING btree (name, deleted_at) NULLS NOT DISTINCT", true, List.of()));

        assertThat(lint()).isEmpty();
    }

    @Test
    void uniqueKey_withMarkerAndDistinctNulls_reportedAsNotUniqueAmongLiveRows() {
        unique(USERS, "users_name_deleted_key", null, null, "name", MARKER);

        assertThat(lint()).singleElement().extracting(Finding::message).asString()
            .contains("includes the marker column deleted_at", "NULLS NOT DISTINCT");
    }

    @Test
    void foreignKey_withoutIndex_reportedWithIndexFix() {
        fk("posts_author_id_fkey", POSTS, USERS, OnDelete.CASCADE, "author_id");

        assertThat(lint()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.UNINDEXED_FOREIGN_KEY);
            assertThat(f.message()).contains("no index on public.posts leads with (author_id)",
                "every soft delete of a users row (to cascade it), reads that join posts on author_id, every restore of a"
                    + " users row (to find the deleted children its delete took), every purge or hard delete of a users row"
                    + " (PostgreSQL's own foreign key action looks up its children, deleted ones included) scan the whole table",
                "CREATE INDEX posts_author_id_idx ON public.posts (author_id, deleted_at);",
                "(author_id = ? AND deleted_at IS NULL is an index condition on its columns).");
        });
    }

    @Test
    void foreignKey_liveOnlyIndex_reportedForRestorePurgeAndHardDelete() {
        fk("posts_author_id_fkey", POSTS, USERS, OnDelete.CASCADE, "author_id");
        fk("posts_owner_id_fkey", POSTS, USERS, OnDelete.RESTRICT, "owner_id");
        index(POSTS, "posts_author_id_live_idx", "(deleted_at IS NULL)", "author_id");
        index(POSTS, "posts_owner_id_live_idx", "(deleted_at IS NULL)", "owner_id");

        List<Finding> findings = lint();

        assertThat(findings).extracting(Finding::constraint).containsExactly("posts_author_id_fkey", "posts_owner_id_fkey");
        assertThat(findings.get(0).message()).contains("only posts_author_id_live_idx leads with (author_id), and it covers"
                + " live rows only, so every restore of a users row (to find the deleted children its delete took), every purge"
                + " or hard delete of a users row", "CREATE INDEX posts_author_id_idx ON public.posts (author_id, deleted_at);",
                "so posts_author_id_live_idx is then redundant: DROP INDEX public.posts_author_id_live_idx;")
            .doesNotContain("soft delete of", "reads that join");
        // a RESTRICT key is not followed by restores, but purges and hard deletes still check it
        assertThat(findings.get(1).message()).contains("so every purge or hard delete of a users row (PostgreSQL's own"
            + " foreign key check looks up its children, deleted ones included) scan the whole table")
            .doesNotContain("restore");
    }

    @Test
    void foreignKey_servingIndexes_notReported() {
        fk("posts_author_id_fkey", POSTS, USERS, OnDelete.CASCADE, "author_id");
        fk("posts_editor_id_fkey", POSTS, USERS, OnDelete.SET_NULL, "editor_id");
        fk("posts_owner_fkey", POSTS, USERS, OnDelete.RESTRICT, "owner_org", "owner_id");
        index(POSTS, "posts_author_id_idx", null, "author_id", "deleted_at");
        index(POSTS, "posts_editor_id_idx", null, "editor_id", "title");
        indexes.add(new CatalogIndex(POSTS, "posts_pkey", true, true, true, "posts_pkey", null,
            List.of("owner_id", "owner_org", "id"), List.of("owner_id", "owner_org", "id"), "", false, List.of()));

        assertThat(lint()).isEmpty();
    }

    @Test
    void foreignKey_indexesThatDoNotServe_reported() {
        fk("posts_author_id_fkey", POSTS, USERS, OnDelete.RESTRICT, "author_id");
        fk("posts_editor_id_fkey", POSTS, USERS, OnDelete.CASCADE, "editor_id");
        fk("posts_reviewer_id_fkey", POSTS, USERS, OnDelete.CASCADE, "reviewer_id");
        index(POSTS, "posts_title_author_idx", null, "title", "author_id");
        index(POSTS, "posts_editor_id_deleted_idx", "(deleted_at IS NOT NULL)", "editor_id");
        indexes.add(new CatalogIndex(POSTS, "posts_reviewer_id_idx", false, false, false, null, null,
            List.of("reviewer_id"), List.of("reviewer_id"), "", false, List.of()));

        assertThat(lint()).extracting(Finding::constraint)
            .containsExactly("posts_author_id_fkey", "posts_editor_id_fkey", "posts_reviewer_id_fkey");
        assertThat(lint().get(0).message()).contains("(to refuse it while live children exist)");
    }

    @Test
    void foreignKey_onPlainChild_notCheckedForIndexes() {
        fk("post_tags_tag_id_fkey", POST_TAGS, TAGS, OnDelete.NO_ACTION, "tag_id");

        assertThat(lint()).isEmpty();
    }

    @Test
    void cascade_acrossTheBoundary_reportedInBothDirections() {
        fk("post_tags_post_id_fkey", POST_TAGS, POSTS, OnDelete.CASCADE, "post_id");
        fk("posts_tag_id_fkey", POSTS, TAGS, OnDelete.CASCADE, "tag_id");
        index(POSTS, "posts_tag_id_idx", null, "tag_id");

        List<Finding> findings = lint();

        assertThat(findings).extracting(Finding::kind).containsOnly(Kind.CASCADE_ACROSS_SOFT_DELETE_BOUNDARY);
        assertThat(findings.get(0).message()).isEqualTo("foreign key post_tags_post_id_fkey (post_tags.post_id -> posts,"
            + " ON DELETE CASCADE) cascades from soft-deletable posts to post_tags, which has no deleted_at column:"
            + " soft-deleting a posts row leaves its post_tags rows in place, so reads of post_tags that do not join posts"
            + " still see them, and only a hard delete of the posts row removes them. Add deleted_at to post_tags"
            + " (timestamptz, NULL while the row is live) so that soft deletes cascade to it, and declare post_tags"
            + " soft-deletable: softdelete-codegen registers it when it generates again if deleted_at is its"
            + " softdelete.markerColumn (the default), else add the entry post_tags = timestamp(deleted_at) to"
            + " softdelete.markers; in a policy built in code, SoftDeletePolicy.builder().table(POST_TAGS,"
            + " POST_TAGS.DELETED_AT) (SoftDeletePolicy.fromDatabase and builder().schema(...) find a deleted_at column"
            + " by themselves). Or read post_tags only through posts.");
        assertThat(findings.get(1).message()).contains("posts_tag_id_fkey", "hard-deleting its posts rows",
            "Add deleted_at to tags (timestamptz, NULL while the row is live) so that its deletes are soft too, and declare"
                + " tags soft-deletable:", "SoftDeletePolicy.builder().table(TAGS, TAGS.DELETED_AT)",
            ". Or use ON DELETE RESTRICT to refuse deleting a tags row that posts rows still reference.");
    }

    @Test
    void cascade_plainChildOfAFlaggedParent_advisesTheFlagAndHowToDeclareIt() {
        TableName tickets = new TableName("public", "tickets");
        TableName ticketTags = new TableName("public", "ticket_tags");
        fk("ticket_tags_ticket_id_fkey", ticketTags, tickets, OnDelete.CASCADE, "ticket_id");

        List<Finding> findings = SchemaLint.check(new Catalog(indexes, keys), Map.of(tickets, new LintMarker("is_deleted", true, false)));

        assertThat(findings).singleElement().extracting(Finding::message).isEqualTo("foreign key ticket_tags_ticket_id_fkey"
            + " (ticket_tags.ticket_id -> tickets, ON DELETE CASCADE) cascades from soft-deletable tickets to ticket_tags,"
            + " which has no is_deleted column: soft-deleting a tickets row leaves its ticket_tags rows in place, so reads"
            + " of ticket_tags that do not join tickets still see them, and only a hard delete of the tickets row removes"
            + " them. Add is_deleted to ticket_tags (boolean NOT NULL DEFAULT false) so that soft deletes cascade to it,"
            + " and declare ticket_tags soft-deletable: with softdelete-codegen, add the entry ticket_tags ="
            + " flag(is_deleted) to softdelete.markers (unless an entry flag(is_deleted) without a table name is there)"
            + " and generate again; in a policy built in code, SoftDeletePolicy.builder().table(TICKET_TAGS,"
            + " Marker.flag(TICKET_TAGS.IS_DELETED)). Or read ticket_tags only through tickets.");
    }

    @Test
    void cascade_plainParentOfATimestampOtherThanDeletedAt_advisesTheMarkersEntry() {
        fk("posts_tag_id_fkey", POSTS, TAGS, OnDelete.CASCADE, "tag_id");
        index(POSTS, "posts_tag_id_idx", null, "tag_id");

        List<Finding> findings = SchemaLint.check(new Catalog(indexes, keys), Map.of(POSTS, LintMarker.timestamp("archived_at")));

        assertThat(findings).singleElement().extracting(Finding::message).asString()
            .contains("Add archived_at to tags (timestamptz, NULL while the row is live) so that its deletes are soft too,"
                + " and declare tags soft-deletable: softdelete-codegen registers it when it generates again if archived_at"
                + " is its softdelete.markerColumn, else add the entry tags = timestamp(archived_at) to softdelete.markers;"
                + " in a policy built in code, SoftDeletePolicy.builder().table(TAGS, TAGS.ARCHIVED_AT). Or use ON DELETE"
                + " RESTRICT")
            .doesNotContain("(the default)", "fromDatabase");
    }

    @Test
    void cascade_withinEitherSide_orOtherRules_notReported() {
        fk("posts_author_id_fkey", POSTS, USERS, OnDelete.CASCADE, "author_id");
        fk("post_tags_tag_id_fkey", POST_TAGS, TAGS, OnDelete.CASCADE, "tag_id");
        fk("post_tags_post_id_fkey", POST_TAGS, POSTS, OnDelete.RESTRICT, "post_id");
        index(POSTS, "posts_author_id_idx", null, "author_id");

        assertThat(lint()).isEmpty();
    }

    @Test
    void findings_sortedByRuleThenTableThenName() {
        fk("post_tags_post_id_fkey", POST_TAGS, POSTS, OnDelete.CASCADE, "post_id");
        fk("posts_b_fkey", POSTS, USERS, OnDelete.CASCADE, "b");
        fk("posts_a_fkey", POSTS, USERS, OnDelete.CASCADE, "a");
        unique(USERS, "users_email_key", "users_email_key", null, "email");
        unique(POSTS, "posts_slug_key", "posts_slug_key", null, "slug");

        assertThat(lint()).extracting(Finding::constraint).containsExactly("posts_slug_key", "users_email_key",
            "posts_a_fkey", "posts_b_fkey", "post_tags_post_id_fkey");
    }

    private List<Finding> lint() {
        return SchemaLint.check(new Catalog(indexes, keys), SOFT, MARKER);
    }

    private void unique(TableName table, String name, String constraint, String predicate, String... columns) {
        indexes.add(new CatalogIndex(table, name, true, false, true, constraint, predicate, List.of(columns),
            List.of(columns), "CREATE UNIQUE INDEX " + name + " ON " + table + " USING btree (" + String.join(", ", columns)
            + ")" + (predicate == null ? "" : " WHERE " + predicate), false, List.of()));
    }

    private void index(TableName table, String name, String predicate, String... columns) {
        indexes.add(new CatalogIndex(table, name, false, false, true, null, predicate, Arrays.asList(columns),
            List.of(columns), "", false, List.of()));
    }

    private void fk(String name, TableName child, TableName parent, OnDelete rule, String... columns) {
        keys.add(new CatalogForeignKey(name, child, List.of(columns), parent, rule));
    }
}
