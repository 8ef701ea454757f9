package io.github.softdelete.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.jooq.Record;
import org.junit.jupiter.api.Test;

import io.github.softdelete.it.harness.PostgresServers;
import io.github.softdelete.it.harness.TestDatabase;

/**
 * The database benchmarks measure what they claim: each variant returns the same rows or leaves the
 * same rows deleted as its rival, and the round trips are what the report says. One pass each, no timing.
 */
class DatabaseBenchmarksTest {

    @Test
    void cascadeApproaches_eachDeleteExactlyTheTree_libraryInOneRoundTrip() throws SQLException {
        try (TestDatabase database = seeded(Dataset.CASCADE)) {
            // roundTrips() fails unless each approach deleted exactly the tree, and restores it after each.
            Map<CascadeApproach, Integer> trips = CascadeTree.roundTrips(database);

            assertThat(trips).containsExactlyInAnyOrderEntriesOf(Map.of(
                CascadeApproach.LIBRARY, 1,
                // the same statement; its counts come back with the settlement, which runs with or without listeners
                CascadeApproach.LIBRARY_WITH_A_LISTENER, 1,
                // the delete, then the nested transaction's commit (its savepoint released) and the outer commit
                CascadeApproach.LIBRARY_IN_A_SAVEPOINT, 3,
                // find, update user, load posts; per post: update, load comments; per comment: 2 updates; commit
                CascadeApproach.HAND_ROLLED_PER_ROW, 3 + 100 * (2 + 10 * 2) + 1,
                CascadeApproach.HAND_ROLLED_PER_TABLE, 5 + 1));
            try (Connection connection = database.dataSource().getConnection()) {
                assertThat(CascadeTree.deletedRows(connection).values()).containsOnly(0);
            }
        }
    }

    @Test
    void reads_listenerAndHandWritten_returnTheSameRows() throws SQLException {
        try (TestDatabase database = seeded(Dataset.READS); BenchmarkConnection connection = BenchmarkConnection.open(database, null)) {
            ReadQueries byHand = new ReadQueries(connection, Filtering.HAND_WRITTEN);
            ReadQueries listener = new ReadQueries(connection, Filtering.LISTENER);

            List<Long> ids = listener.livePostIds();
            assertThat(ids).hasSize(9_000).isEqualTo(byHand.livePostIds());
            assertThat(listener.postById(ids.get(7))).isEqualTo(byHand.postById(ids.get(7)));
            assertThat(listener.postById(10)).isNull(); // deleted
            assertThat(listener.page(3).map(Record::intoList)).hasSize(ReadQueries.PAGE_SIZE)
                .isEqualTo(byHand.page(3).map(Record::intoList));
            assertThat(listener.count()).isEqualTo(byHand.count()).isEqualTo(9_000);
            assertThat(listener.postsOf(7).map(Record::intoList)).isEqualTo(byHand.postsOf(7).map(Record::intoList));
        }
    }

    @Test
    void sqlText_everyPath_returnsTheSameRows() throws SQLException {
        try (TestDatabase database = seeded(Dataset.READS); BenchmarkConnection connection = BenchmarkConnection.open(database, null)) {
            List<Long> ids = new ReadQueries(connection, Filtering.LISTENER).livePostIds();
            SqlTextQueries plain = new SqlTextQueries(connection, SqlPath.PLAIN_REPEATED);
            for (SqlPath path : SqlPath.values()) {
                try (SqlTextQueries queries = new SqlTextQueries(connection, path)) {
                    assertThat(queries.postById(ids.get(7))).as(path.name()).isEqualTo(plain.postById(ids.get(7))).isNotNull();
                    assertThat(queries.postById(10)).as(path + ", a deleted post").isNull();
                    assertThat(queries.page(3)).as(path.name()).hasSize(ReadQueries.PAGE_SIZE).isEqualTo(plain.page(3));
                }
            }
        }
    }

    @Test
    void tombstones_ninetyPercentDeleted_keepTheSameLiveRowsAsNone() throws SQLException {
        try (TestDatabase none = seeded(Dataset.TOMBSTONES_0); TestDatabase most = seeded(Dataset.TOMBSTONES_90);
                BenchmarkConnection noneConnection = BenchmarkConnection.open(none, null);
                BenchmarkConnection mostConnection = BenchmarkConnection.open(most, null)) {
            ReadQueries noneQueries = new ReadQueries(noneConnection, Filtering.LISTENER);
            ReadQueries mostQueries = new ReadQueries(mostConnection, Filtering.LISTENER);

            assertThat(mostQueries.count()).isEqualTo(noneQueries.count()).isEqualTo(Dataset.LIVE_POSTS);
            assertThat(mostConnection.plain().fetchCount(io.github.softdelete.it.db.Tables.POSTS)).isEqualTo(10 * Dataset.LIVE_POSTS);
            // The k-th live post has the same author and title rank in both.
            List<Long> noneIds = noneQueries.livePostIds();
            List<Long> mostIds = mostQueries.livePostIds();
            for (int k : new int[] { 0, 1, 999, 5_000, Dataset.LIVE_POSTS - 1 })
                assertThat(mostQueries.postById(mostIds.get(k)).getAuthorId()).isEqualTo(noneQueries.postById(noneIds.get(k)).getAuthorId());
            assertThat(mostQueries.postsOf(7)).hasSize(10);
            assertThat(noneQueries.postsOf(7)).hasSize(10);
            assertThat(mostQueries.page(9)).hasSize(ReadQueries.PAGE_SIZE);
        }
    }

    private static TestDatabase seeded(Dataset dataset) throws SQLException {
        TestDatabase database = PostgresServers.shared().createMigratedDatabase("bench_test_" + dataset.name());
        try (Connection connection = database.dataSource().getConnection()) {
            dataset.seed(connection);
        }
        return database;
    }
}
