package io.github.softdelete.it.events;

import static io.github.softdelete.it.db.Tables.ATTACHMENTS;
import static io.github.softdelete.it.db.Tables.CATEGORIES;
import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.DOCUMENTS;
import static io.github.softdelete.it.db.Tables.LIKES;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.PRODUCTS;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteEvent;
import io.github.softdelete.SoftDeleteListener;
import io.github.softdelete.it.db.SoftDeletes;
import io.github.softdelete.it.fixture.SeededDatabaseTest;

/**
 * Issue 26: a cascading soft delete and its restore tell the listeners, per table, the rows they changed; the figures
 * equal the live rows each table lost or regained, read before and after. A listener's exception rolls the whole
 * operation back. On PostgreSQL the counts come from the delete's own statement and its settlement
 * ({@code SettlementEntry.counted}); on MariaDB from its statements ({@link CascadeEventsOnMariaDbTest}).
 */
class CascadeEventsTest extends SeededDatabaseTest {

    private static final List<Table<?>> TABLES = List.of(USERS, CATEGORIES, POSTS, COMMENTS, LIKES, PRODUCTS, DOCUMENTS, ATTACHMENTS);

    @Test
    void deleteUser_eventCountsEachTablesLiveRowsTaken_andRestoreBringsBackTheSame() {
        List<SoftDeleteEvent> events = new ArrayList<>();
        DSLContext listening = listening(events::add);
        Map<String, Integer> live = liveRows(listening);

        assertThat(listening.deleteFrom(USERS).where(USERS.ID.eq(1L)).execute()).isEqualTo(1);

        Map<String, Integer> afterDelete = liveRows(listening);
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.operation()).isEqualTo(SoftDeleteEvent.Operation.SOFT_DELETE);
            assertThat(event.root().getName()).isEqualTo("users");
            assertThat(event.tables().get(0).table().getName()).isEqualTo("users");
            assertThat(stamped(event)).isEqualTo(difference(live, afterDelete));
            assertThat(stamped(event)).containsEntry("users", 1L).containsEntry("posts", 1L).containsEntry("comments", 3L)
                .containsEntry("likes", 5L);
            assertThat(event.stamp()).contains(plain.select(USERS.DELETED_AT).from(USERS).where(USERS.ID.eq(1L)).fetchOne().value1().toInstant());
            assertThat(event.actor()).isEmpty();
        });

        assertThat(SoftDelete.restore(listening, USERS, USERS.ID.eq(1L))).isEqualTo(1);

        // Two likes stay deleted: carol's (she is deleted) and alice's on comment 101 (deleted before).
        Map<String, Integer> afterRestore = liveRows(listening);
        assertThat(events).hasSize(2).last().satisfies(event -> {
            assertThat(event.operation()).isEqualTo(SoftDeleteEvent.Operation.RESTORE);
            Map<String, Long> restored = new LinkedHashMap<>();
            event.tables().forEach(change -> restored.put(change.table().getName(), change.restored()));
            assertThat(restored).isEqualTo(difference(afterRestore, afterDelete)).containsEntry("likes", 3L);
            assertThat(event.tables()).allSatisfy(change -> assertThat(change.stamped()).isZero());
        });
    }

    /** docs/events.md's example. */
    @Test
    void docs_listenerAtInstall_hearsEveryTableTheDeleteReached() {
        // snippet:begin events-install
        List<SoftDeleteEvent> audit = new ArrayList<>();
        Configuration configuration = SoftDelete.install(database.newConfiguration(), SoftDeletes.POLICY, audit::add);

        DSL.using(configuration).deleteFrom(USERS).where(USERS.ID.eq(1L)).execute();

        SoftDeleteEvent event = audit.get(0);
        long comments = event.table(COMMENTS).map(SoftDeleteEvent.TableChange::stamped).orElse(0L);
        // snippet:end events-install

        assertThat(event.root().getName()).isEqualTo("users");
        assertThat(comments).isEqualTo(3);
    }

    @Test
    void deleteAsSqlText_eventCountsEachTablesLiveRowsTaken() throws SQLException {
        List<SoftDeleteEvent> events = new ArrayList<>();
        DSLContext listening = listening(events::add);
        Map<String, Integer> live = liveRows(listening);

        try (Connection connection = SoftDelete.dataSource(listening.configuration()).getConnection();
             Statement statement = connection.createStatement()) {
            assertThat(statement.executeUpdate("delete from users where id = 1")).isEqualTo(1);
        }

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.operation()).isEqualTo(SoftDeleteEvent.Operation.SOFT_DELETE);
            assertThat(stamped(event)).isEqualTo(difference(live, liveRows(listening))).containsEntry("comments", 3L);
            assertThat(event.stamp()).isPresent();
        });
    }

    @Test
    void restoreWithParents_listenersHearOneEvent_withEveryLevelsRows() {
        listening(event -> { }).deleteFrom(USERS).where(USERS.ID.eq(1L)).execute();
        Long comment = plain.select(COMMENTS.ID).from(COMMENTS).join(POSTS).on(COMMENTS.POST_ID.eq(POSTS.ID))
            .where(POSTS.AUTHOR_ID.eq(1L)).and(COMMENTS.DELETED_AT.isNotNull()).orderBy(COMMENTS.ID).limit(1).fetchOne(COMMENTS.ID);
        List<SoftDeleteEvent> events = new ArrayList<>();
        DSLContext listening = listening(events::add);
        Map<String, Integer> live = liveRows(listening);

        SoftDelete.restoreWithParents(listening, COMMENTS, COMMENTS.ID.eq(comment));

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.operation()).isEqualTo(SoftDeleteEvent.Operation.RESTORE_WITH_PARENTS);
            assertThat(event.root().getName()).isEqualTo("comments");
            Map<String, Long> restored = new LinkedHashMap<>();
            event.tables().forEach(change -> restored.put(change.table().getName(), change.restored()));
            assertThat(restored).isEqualTo(difference(liveRows(listening), live)).containsEntry("users", 1L);
        });
    }

    @Test
    void deleteWithReplies_recursionAndItsLockingRereadCountEachReplyOnce() {
        List<SoftDeleteEvent> events = new ArrayList<>();
        DSLContext listening = listening(events::add);
        Map<String, Integer> live = liveRows(listening);

        listening.deleteFrom(COMMENTS).where(COMMENTS.ID.eq(100L)).execute();

        assertThat(events).singleElement().satisfies(event ->
            assertThat(stamped(event)).isEqualTo(difference(live, liveRows(listening))).containsEntry("comments", 2L));
    }

    @Test
    void deleteReachingADeletedByColumn_eventCarriesTheActor() {
        plain.insertInto(PRODUCTS, PRODUCTS.ID, PRODUCTS.OWNER_ID, PRODUCTS.NAME).values(500L, 1L, "kettle").execute();
        plain.insertInto(DOCUMENTS, DOCUMENTS.ID, DOCUMENTS.OWNER_ID, DOCUMENTS.PRODUCT_ID, DOCUMENTS.TITLE).values(600L, 1L, 500L, "manual").execute();
        List<SoftDeleteEvent> events = new ArrayList<>();

        SoftDelete.withActor(listening(events::add), "ann").deleteFrom(USERS).where(USERS.ID.eq(1L)).execute();

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.actor()).contains("ann");
            assertThat(stamped(event)).containsEntry("products", 1L).containsEntry("documents", 1L);
        });
    }

    @Test
    void listenerFails_theWholeCascadeIsRolledBack_andTheFailureReachesTheCaller() {
        List<String> before = snapshot();
        IllegalStateException failure = new IllegalStateException("audit table unavailable");
        SoftDeleteListener failing = event -> {
            throw failure;
        };

        assertThatThrownBy(() -> listening(failing).deleteFrom(USERS).where(USERS.ID.eq(1L)).execute()).isSameAs(failure);
        assertThat(snapshot()).isEqualTo(before);

        listening(event -> { }).deleteFrom(USERS).where(USERS.ID.eq(1L)).execute();
        assertThatThrownBy(() -> SoftDelete.restore(listening(failing), USERS, USERS.ID.eq(1L))).isSameAs(failure);
        assertThat(plain.fetchCount(COMMENTS, COMMENTS.DELETED_AT.isNull())).as("still deleted").isEqualTo(1);
    }

    @Test
    void deleteMatchingNothing_tellsNothing() {
        List<SoftDeleteEvent> events = new ArrayList<>();

        listening(events::add).deleteFrom(USERS).where(USERS.ID.eq(3L)).execute(); // carol is deleted already

        assertThat(events).isEmpty();
    }

    DSLContext listening(SoftDeleteListener listener) {
        return DSL.using(SoftDelete.install(database.newConfiguration(), SoftDeletes.POLICY, listener));
    }

    // Every row of every table, as text: to tell whether anything at all changed.
    private static List<String> snapshot() {
        List<String> rows = new ArrayList<>();
        for (Table<?> table : TABLES)
            rows.add(plain.selectFrom(table).orderBy(table.getPrimaryKey().getFields()).fetch().formatCSV());
        return rows;
    }

    private static Map<String, Integer> liveRows(DSLContext filtered) {
        Map<String, Integer> rows = new LinkedHashMap<>();
        for (Table<?> table : TABLES)
            rows.put(table.getName(), filtered.fetchCount(table));
        return rows;
    }

    // The live rows each table lost from before to after (gained, when the arguments are turned), tables that lost
    // none left out.
    private static Map<String, Long> difference(Map<String, Integer> before, Map<String, Integer> after) {
        Map<String, Long> lost = new LinkedHashMap<>();
        before.forEach((table, rows) -> {
            if (rows - after.get(table) != 0)
                lost.put(table, (long) (rows - after.get(table)));
        });
        return lost;
    }

    private static Map<String, Long> stamped(SoftDeleteEvent event) {
        Map<String, Long> stamped = new LinkedHashMap<>();
        event.tables().forEach(change -> stamped.put(change.table().getName(), change.stamped()));
        return stamped;
    }
}
