package io.github.softdelete.it.purge;

import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.DOCUMENTS;
import static io.github.softdelete.it.db.Tables.LIKES;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.USERS;
import static io.github.softdelete.it.purge.RetentionTree.AFTER_PURGE;
import static io.github.softdelete.it.purge.RetentionTree.CUTOFF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import io.github.softdelete.PurgeProgress;
import io.github.softdelete.PurgeReport;
import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.harness.PostgresTest;

/** Section 2 of the purge contract, on a four-level tree with due, recent and live rows at every level. */
@PostgresTest
class PurgeTest extends SeededDatabaseTest {

    private static final String POSTS_AUTHOR = "posts_author_id_fkey (posts -> users, ON DELETE CASCADE)";
    private static final String POSTS_CATEGORY = "posts_category_id_fkey (posts -> categories, ON DELETE RESTRICT)";
    private static final String COMMENTS_POST = "comments_post_id_fkey (comments -> posts, ON DELETE CASCADE)";
    private static final String COMMENTS_PARENT = "comments_parent_id_fkey (comments -> comments, ON DELETE CASCADE)";
    private static final String LIKES_COMMENT = "likes_comment_id_fkey (likes -> comments, ON DELETE CASCADE)";

    @Override
    protected void seed(DSLContext plain) {
        plain.execute("drop trigger if exists refuse_post_tags_delete" + (onMariaDb() ? "" : " on post_tags"));
        RetentionTree.reset(plain);
    }

    @Test
    void purge_tree_removesExactlyTheDueRowsThatNothingKeeps() {
        List<PurgeProgress> events = new ArrayList<>();
        PurgeReport report = SoftDelete.purge(ctx).deletedBefore(CUTOFF).batchSize(2).progress(events::add).run();

        assertThat(RetentionTree.keys(plain)).isEqualTo(AFTER_PURGE);
        assertThat(plain.select(POSTS.EDITOR_ID).from(POSTS).where(POSTS.ID.eq(10L)).fetchOne().value1()).isNull();
        assertThat(report.tables()).extracting(PurgeReport.TableReport::table)
            .containsExactly("attachments", "likes", "comments", "posts", "products", "categories", "users");
        // documents (a flag without a timestamp) records no time of deletion: "every table" leaves it out.
        assertThat(report.tables()).extracting(PurgeReport.TableReport::table).doesNotContain("documents");
        assertThat(figures(report)).isEqualTo(expectedFigures());
        assertThat(report.tables()).filteredOn(t -> t.table().equals("posts")).singleElement()
            .satisfies(t -> assertThat(t.cascaded()).containsExactly(entry("post_tags_post_id_fkey (post_tags -> posts, ON DELETE CASCADE)", 1L)));
        assertThat(report.tables()).filteredOn(t -> t.table().equals("users")).singleElement()
            .satisfies(t -> assertThat(t.setNull()).containsExactly(entry("posts_editor_id_fkey (posts -> users, ON DELETE SET NULL)", 1L)));
        assertThat(report.batches()).isEqualTo(events.size()).isGreaterThan(5);
        assertThat(events).allSatisfy(e -> assertThat(e.rowsDone()).isLessThanOrEqualTo(e.estimatedTotal()));
        assertThat(events).filteredOn(e -> e.table().equals("comments")).last()
            .satisfies(e -> assertThat(e.rowsDone()).isEqualTo(4)).satisfies(e -> assertThat(e.estimatedTotal()).isEqualTo(6));
    }

    @Test
    void purge_flagOnlyTableNamed_isRefusedNamingTheFix() {
        assertThatThrownBy(() -> SoftDelete.purge(ctx).tables(DOCUMENTS).deletedBefore(CUTOFF).run())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("cannot purge \"documents\"")
            .hasMessageContaining("Marker.flagAndTimestamp(flag, timestamp)");
    }

    @Test
    void purge_keyFromAnotherSchemaThePolicyDoesNotKnow_isRefusedBeforeAnyRowChanges() {
        // MariaDB: a database beside the test's, whose name is its schema (no unqualified "billing" there: other
        // classes' databases share the server).
        String billing = onMariaDb() ? database.name() + "_billing" : "billing";
        String users = onMariaDb() ? database.name() + ".users" : "public.users";
        plain.execute("create " + (onMariaDb() ? "database " : "schema if not exists ") + billing);
        plain.execute("create table " + billing + ".invoices (id bigint primary key, customer_id bigint,"
            + " constraint invoice_customer foreign key (customer_id) references " + users + " (id) on delete cascade)");
        try {
            plain.execute("insert into " + billing + ".invoices select u.id, u.id from users u");
            Map<String, String> before = RetentionTree.checksums(plain);

            // The database would cascade a purged user to its invoices, which the purge cannot see.
            assertThatThrownBy(() -> SoftDelete.purge(ctx).deletedBefore(CUTOFF).run())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot purge \"users\"")
                .hasMessageContaining("invoice_customer on \"" + billing + "\".\"invoices\" (customer_id)")
                .hasMessageContaining("SoftDeletePolicy.builder().relation(...)");
            assertThatThrownBy(() -> SoftDelete.purge(ctx).deletedBefore(CUTOFF).dryRun(true).run())
                .hasMessageContaining("invoice_customer");
            assertThat(RetentionTree.checksums(plain)).isEqualTo(before);
            assertThat(plain.fetchCount(DSL.table(DSL.name(billing, "invoices")))).isEqualTo(plain.fetchCount(USERS));
            // Tables the key does not reach still purge.
            assertThat(SoftDelete.purge(ctx).tables(LIKES).deletedBefore(CUTOFF).run().purged()).isPositive();
        } finally {
            plain.execute(onMariaDb() ? "drop database " + billing : "drop schema billing cascade");
        }
    }

    @Test
    void purge_again_purgesNothingMore() {
        SoftDelete.purge(ctx).deletedBefore(CUTOFF).run();
        PurgeReport again = SoftDelete.purge(ctx).deletedBefore(CUTOFF).run();
        assertThat(again.purged()).isZero();
        assertThat(RetentionTree.keys(plain)).isEqualTo(AFTER_PURGE);
    }

    @Test
    void dryRun_forecastsTheRun_andChangesNoRow() {
        Map<String, String> before = RetentionTree.checksums(plain);
        PurgeReport forecast = SoftDelete.purge(ctx).deletedBefore(CUTOFF).dryRun(true).run();
        assertThat(RetentionTree.checksums(plain)).isEqualTo(before);
        assertThat(forecast.dryRun()).isTrue();
        assertThat(forecast.batches()).isZero();

        PurgeReport run = SoftDelete.purge(ctx).deletedBefore(CUTOFF).batchSize(3).run();
        assertThat(figures(forecast)).isEqualTo(figures(run)).isEqualTo(expectedFigures());
        assertThat(forecast.tables()).extracting(PurgeReport.TableReport::cascaded)
            .isEqualTo(run.tables().stream().map(PurgeReport.TableReport::cascaded).toList());
        assertThat(forecast.tables()).extracting(PurgeReport.TableReport::setNull)
            .isEqualTo(run.tables().stream().map(PurgeReport.TableReport::setNull).toList());
    }

    @Test
    void purge_oneTable_countsRowsOfOtherTablesAsRowsThatStay() {
        // Post 20's comment 200 is due, but comments are not purged now, so it keeps post 20.
        PurgeReport report = SoftDelete.purge(ctx).tables(POSTS).deletedBefore(CUTOFF).run();
        assertThat(plain.select(POSTS.ID).from(POSTS).orderBy(POSTS.ID).fetch(POSTS.ID)).containsExactly(10L, 20L, 30L, 40L);
        assertThat(byText(report.tables().get(0).kept())).containsExactly(entry(COMMENTS_POST, 2L));
        assertThat(report.tables().get(0).kept().keySet()).singleElement()
            .isInstanceOfSatisfying(PurgeReport.KeptReason.Referenced.class,
                reason -> assertThat(reason.relation().name()).isEqualTo("comments_post_id_fkey"));
    }

    @Test
    void purge_olderThan_countsBackFromTheDatabaseClock() {
        // Every deletion of the tree lies within the last hundred years of the database's clock.
        Duration age = Duration.ofDays(365 * 100);
        OffsetDateTime before = databaseClock();
        PurgeReport report = SoftDelete.purge(ctx).olderThan(age).run();
        OffsetDateTime after = databaseClock();
        assertThat(report.purged()).isZero();
        assertThat(report.cutoff()).isBetween(before.toInstant().minus(age), after.toInstant().minus(age));
    }

    @Test
    void purge_liveAndRecentRows_areNeverTouched() {
        SoftDelete.purge(ctx).deletedBefore(CUTOFF).batchSize(1).run();
        assertThat(plain.fetchCount(USERS, USERS.DELETED_AT.isNull().or(USERS.DELETED_AT.ge(RetentionTree.RECENT)))).isEqualTo(2);
        assertThat(plain.fetchCount(COMMENTS, COMMENTS.DELETED_AT.isNull())).isEqualTo(2);
        assertThat(plain.fetchCount(COMMENTS, COMMENTS.DELETED_AT.eq(RetentionTree.RECENT))).isEqualTo(1);
        assertThat(plain.fetchCount(POSTS, POSTS.DELETED_AT.isNull())).isEqualTo(2);
    }

    @Test
    void purge_failureInsideABatch_rollsBackThatBatchWhole_andARerunFinishes() {
        // Deleting post 20 cascades to its post_tags row; refuse that, inside the posts batch. (MariaDB runs no trigger
        // for a row its foreign keys delete, so there the post's own DELETE is refused.)
        String state = onMariaDb() ? "45000" : "P0001";
        if (onMariaDb()) {
            plain.execute("create trigger refuse_post_tags_delete before delete on posts for each row"
                + " signal sqlstate '45000' set message_text = 'injected failure'");
        } else {
            plain.execute("create or replace function refuse_delete() returns trigger language plpgsql as"
                + " $$ begin raise exception 'injected failure' using errcode = 'P0001'; end $$");
            plain.execute("create trigger refuse_post_tags_delete before delete on post_tags for each row execute function refuse_delete()");
        }

        assertThatThrownBy(() -> SoftDelete.purge(ctx).deletedBefore(CUTOFF).batchSize(10).run())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("purge of \"posts\" stopped: batch 1 was rolled back")
            .hasMessageContaining("SQLSTATE " + state)
            .hasMessageContaining("run the purge again");
        // The tables before posts are done, posts and after untouched, the failed batch left whole.
        assertThat(RetentionTree.keys(plain).get("comments")).isEqualTo(AFTER_PURGE.get("comments"));
        assertThat(RetentionTree.keys(plain).get("posts")).containsExactly("10", "20", "30", "40");
        assertThat(RetentionTree.keys(plain).get("post_tags")).containsExactly("10,1", "20,1");
        assertThat(RetentionTree.keys(plain).get("users")).containsExactly("1", "2", "3", "4", "5");

        plain.execute("drop trigger refuse_post_tags_delete" + (onMariaDb() ? "" : " on post_tags"));
        SoftDelete.purge(ctx).deletedBefore(CUTOFF).batchSize(10).run();
        assertThat(RetentionTree.keys(plain)).isEqualTo(AFTER_PURGE);
    }

    @Test
    void purge_keyAddedAfterThePolicyWasBuilt_isRefusedBeforeAnyRowChanges() {
        // A named table constraint: MariaDB ignores a REFERENCES clause written in a column's definition.
        plain.execute("create table if not exists audit_notes (post_id bigint,"
            + " constraint audit_notes_post_id_fkey foreign key (post_id) references posts (id) on delete restrict)");
        try {
            plain.execute("insert into audit_notes values (20)");
            Map<String, String> before = RetentionTree.checksums(plain);
            assertThatThrownBy(() -> SoftDelete.purge(ctx).deletedBefore(CUTOFF).run())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot purge \"posts\"")
                .hasMessageContaining("audit_notes_post_id_fkey on \"" + (onMariaDb() ? database.name() : "public") + "\".\"audit_notes\" (post_id)");
            // Refused while planning: not even the children of posts, purged first, lost a row.
            assertThat(RetentionTree.checksums(plain)).isEqualTo(before);
        } finally {
            plain.execute("drop table audit_notes");
        }
    }

    @Test
    void purge_withoutCutoff_orBadSettings_isRefused() {
        assertThatThrownBy(() -> SoftDelete.purge(ctx).run()).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("deletedBefore(instant) or olderThan(duration)");
        assertThatThrownBy(() -> SoftDelete.purge(ctx).batchSize(0)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("from 1 to 100000");
        assertThatThrownBy(() -> SoftDelete.purge(ctx).deletedBefore(CUTOFF).olderThan(Duration.ofDays(1)))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("already set");
        assertThatThrownBy(() -> SoftDelete.purge(ctx).tables(io.github.softdelete.it.db.Tables.TAGS))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"tags\" is not soft-deletable");
        assertThatThrownBy(() -> SoftDelete.purge(plain)).isInstanceOf(IllegalStateException.class);
    }

    // MariaDB has no time zone type to read the clock as: its UTC_TIMESTAMP(6) is the clock in UTC.
    private static OffsetDateTime databaseClock() {
        return onMariaDb() ? plain.select(DSL.field("utc_timestamp(6)", java.time.LocalDateTime.class)).fetchOne().value1().atOffset(java.time.ZoneOffset.UTC)
            : plain.select(DSL.currentOffsetDateTime()).fetchOne().value1();
    }

    /** The kept rows by the reason's text, as messages word it. */
    private static Map<String, Long> byText(Map<PurgeReport.KeptReason, Long> kept) {
        Map<String, Long> byText = new TreeMap<>();
        kept.forEach((reason, rows) -> byText.put(reason.toString(), rows));
        return byText;
    }

    /** Per table: purged, then the kept rows by reason. */
    private static Map<String, String> figures(PurgeReport report) {
        Map<String, String> figures = new TreeMap<>();
        for (PurgeReport.TableReport table : report.tables())
            figures.put(table.table(), table.purged() + " " + new TreeMap<>(byText(table.kept())));
        return figures;
    }

    private static Map<String, String> expectedFigures() {
        return new TreeMap<>(Map.of(
            "likes", "1 {}",
            "comments", "4 " + new TreeMap<>(Map.of(COMMENTS_PARENT, 1L, LIKES_COMMENT, 1L)),
            "posts", "1 " + Map.of(COMMENTS_POST, 1L),
            "categories", "1 " + Map.of(POSTS_CATEGORY, 1L),
            "users", "1 " + Map.of(POSTS_AUTHOR, 2L),
            // the V4 tables of other marker kinds hold no rows in this tree
            "attachments", "0 {}",
            "products", "0 {}"));
    }
}
