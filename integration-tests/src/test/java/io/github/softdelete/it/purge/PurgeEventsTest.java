package io.github.softdelete.it.purge;

import static io.github.softdelete.it.db.Tables.CATEGORIES;
import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.LIKES;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.POST_TAGS;
import static io.github.softdelete.it.db.Tables.USERS;
import static io.github.softdelete.it.purge.RetentionTree.AFTER_PURGE;
import static io.github.softdelete.it.purge.RetentionTree.CUTOFF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import io.github.softdelete.PurgeReport;
import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteEvent;
import io.github.softdelete.SoftDeleteListener;
import io.github.softdelete.it.db.SoftDeletes;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.harness.PostgresTest;

/**
 * Issue 26 on purge: each committed batch tells the policy's listeners what it deleted, and what the database's own
 * {@code ON DELETE} actions deleted or set to NULL, per table; their sums are the rows that left each table, read
 * with plain SQL before and after. A listener's exception rolls its batch back.
 */
@PostgresTest
class PurgeEventsTest extends SeededDatabaseTest {

    private static final List<Table<?>> TABLES = List.of(USERS, CATEGORIES, POSTS, COMMENTS, LIKES, POST_TAGS);

    @Override
    protected void seed(DSLContext plain) {
        RetentionTree.reset(plain);
    }

    @Test
    void purge_eachBatchTellsWhatItDeletedAndSetToNull_perTable_summingToTheRowsThatLeft() {
        Map<String, Integer> before = rowCounts();
        int editorsBefore = plain.fetchCount(POSTS, POSTS.EDITOR_ID.isNotNull());
        List<SoftDeleteEvent> events = new ArrayList<>();

        SoftDelete.purge(listening(events::add)).deletedBefore(CUTOFF).batchSize(2).run();

        assertThat(RetentionTree.keys(plain)).isEqualTo(AFTER_PURGE);
        Map<String, Long> purged = new LinkedHashMap<>();
        Map<String, Long> setNull = new LinkedHashMap<>();
        for (SoftDeleteEvent event : events)
            for (SoftDeleteEvent.TableChange change : event.tables()) {
                purged.merge(change.table().getName(), change.purged(), Long::sum);
                setNull.merge(change.table().getName(), change.setNull(), Long::sum);
            }
        Map<String, Integer> after = rowCounts();
        for (Table<?> table : TABLES)
            assertThat(purged.getOrDefault(table.getName(), 0L)).as("rows purged from " + table.getName())
                .isEqualTo(before.get(table.getName()) - after.get(table.getName()));
        // users 2's purge sets post 10's editor to NULL, through posts_editor_id_fkey (ON DELETE SET NULL)
        assertThat(setNull).containsEntry("posts", (long) editorsBefore - plain.fetchCount(POSTS, POSTS.EDITOR_ID.isNotNull()))
            .containsEntry("posts", 1L);
        assertThat(setNull.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1L);
        // post 20's batch takes its post_tags row through post_tags_post_id_fkey (ON DELETE CASCADE)
        assertThat(events).filteredOn(e -> e.root().getName().equals("posts")).anySatisfy(e ->
            assertThat(e.table(POST_TAGS)).hasValueSatisfying(change -> assertThat(change.purged()).isEqualTo(1)));
        assertThat(events).isNotEmpty().allSatisfy(event -> {
            assertThat(event.operation()).isEqualTo(SoftDeleteEvent.Operation.PURGE_BATCH);
            assertThat(event.stamp()).isEmpty();
            assertThat(event.actor()).isEmpty();
            assertThat(event.tables().get(0).table().getName()).as("the purged table comes first").isEqualTo(event.root().getName());
            assertThat(event.tables().get(0).purged()).isBetween(1L, 2L); // at most one batch
            assertThat(event.tables()).allSatisfy(change -> {
                assertThat(change.rows()).isPositive();
                assertThat(change.stamped() + change.restored()).isZero();
            });
        });
    }

    @Test
    void purge_listenerFails_itsBatchIsRolledBack_andTheFailureReachesTheCaller() {
        IllegalStateException failure = new IllegalStateException("audit table unavailable");
        SoftDeleteListener failingOnPosts = event -> {
            if (event.root().getName().equals("posts"))
                throw failure;
        };

        assertThatThrownBy(() -> SoftDelete.purge(listening(failingOnPosts)).deletedBefore(CUTOFF).batchSize(10).run())
            .isSameAs(failure);

        // The tables before posts are done; the posts batch, its post_tags row included, is left whole.
        assertThat(RetentionTree.keys(plain).get("comments")).isEqualTo(AFTER_PURGE.get("comments"));
        assertThat(RetentionTree.keys(plain).get("posts")).containsExactly("10", "20", "30", "40");
        assertThat(RetentionTree.keys(plain).get("post_tags")).containsExactly("10,1", "20,1");
        SoftDelete.purge(listening(event -> { })).deletedBefore(CUTOFF).batchSize(10).run();
        assertThat(RetentionTree.keys(plain)).isEqualTo(AFTER_PURGE);
    }

    @Test
    void purge_listenerFailsWithADataAccessException_itReachesTheCallerAsItIs() {
        DataAccessException failure = new DataAccessException("audit insert failed");

        assertThatThrownBy(() -> SoftDelete.purge(listening(event -> {
            throw failure;
        })).deletedBefore(CUTOFF).batchSize(10).run()).isSameAs(failure);
        assertThat(RetentionTree.keys(plain).get("likes")).as("the first batch rolled back").containsExactly("1,100", "1,101", "1,107");
    }

    @Test
    void purge_batchThatKeepsEveryDueRow_tellsNothing() {
        // Posts 20 and 40 are due, but their comments (due or recent) are not purged now, so they keep both.
        List<SoftDeleteEvent> events = new ArrayList<>();

        PurgeReport report = SoftDelete.purge(listening(events::add)).tables(POSTS).deletedBefore(CUTOFF).run();

        assertThat(report.batches()).isPositive();
        assertThat(report.tables().get(0).purged()).isZero();
        assertThat(events).isEmpty();
    }

    private DSLContext listening(SoftDeleteListener listener) {
        return DSL.using(SoftDelete.install(database.newConfiguration(), SoftDeletes.POLICY, listener));
    }

    private Map<String, Integer> rowCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Table<?> table : TABLES)
            counts.put(table.getName(), plain.fetchCount(table));
        return counts;
    }
}
