package io.github.softdelete.it.concurrency;

import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.LIKES;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.it.fixture.ReferenceData;
import io.github.softdelete.it.fixture.LiveParentsInvariant;
import io.github.softdelete.it.fixture.SoftDeleteDatabase;
import io.github.softdelete.it.harness.PostgresTest;
import io.github.softdelete.it.harness.TestDatabase;

/**
 * A restore whose snapshot is older than the row it brings back: at READ COMMITTED a restore computes its sets (the
 * rows of one delete, by their stamp) from the snapshot its statement took, and PostgreSQL re-reads only the rows it
 * updates or locks. Here the post it restores is brought back and deleted again by other transactions after that
 * snapshot, while a comment of the first delete, which the other restore left deleted (its author was deleted then),
 * still carries the first delete's stamp. Interleaved by the database's own lock waits, never by timing.
 *
 * <pre>
 * users     1 alice, 2 bob, 3 carol (deleted after post 10, on their own)
 * posts     10 (by 1, deleted with its comments and the like)
 * comments  100 (post 10, by 2), 101 (post 10, by 3, reply to 100)
 * likes     (3, 100)
 * </pre>
 * Found by {@link ConcurrentWritersTortureTest}: two comments live under a deleted post.
 *
 * <p>On MariaDB ({@code ConcurrentRestoresOnMariaDbTest}, at READ COMMITTED and its default REPEATABLE READ) the restore
 * cannot start from an older state: its first statement reads the posts it restores {@code FOR UPDATE} (the latest
 * committed rows, at every level), so it waits for the other restore's lock on post 10, then finds the post live and
 * restores nothing, in both orders. At REPEATABLE READ it keeps the lock on the post it found live until it ends, so
 * the new delete waits for it.
 */
@PostgresTest
class ConcurrentRestoresTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    /** Which comes first: the other delete of the post, or the restore's look at the post. */
    enum Order { DELETE_FIRST, RESTORE_FIRST }

    /** READ COMMITTED, PostgreSQL's default, in both orders: the level whose per-statement snapshots the case is about. */
    static Stream<Arguments> levelsAndOrders() {
        return Stream.of(Order.values()).map(order -> Arguments.of(Connection.TRANSACTION_READ_COMMITTED, order));
    }

    private final TestDatabase database;
    private final DSLContext plain;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    ConcurrentRestoresTest(TestDatabase database) {
        this.database = database;
        this.plain = database.dsl();
    }

    @BeforeEach
    void seed() {
        ReferenceData.empty(plain);
        plain.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME)
            .values(1L, "alice@example.com", "alice").values(2L, "bob@example.com", "bob").values(3L, "carol@example.com", "carol").execute();
        plain.insertInto(POSTS, POSTS.ID, POSTS.AUTHOR_ID, POSTS.TITLE).values(10L, 1L, "p10").execute();
        plain.insertInto(COMMENTS, COMMENTS.ID, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.PARENT_ID, COMMENTS.BODY)
            .values(100L, 10L, 2L, null, "c100").values(101L, 10L, 3L, 100L, "c101").execute();
        plain.insertInto(LIKES, LIKES.USER_ID, LIKES.COMMENT_ID).values(3L, 100L).execute();
        DSLContext library = SoftDeleteDatabase.dsl(database);
        library.deleteFrom(POSTS).where(POSTS.ID.eq(10L)).execute(); // stamps 10, 100, 101 and the like alike
        library.deleteFrom(USERS).where(USERS.ID.eq(3L)).execute(); // carol alone: 101 and her like keep the post's stamp
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    // DELETE_FIRST: the restore of post 10 takes its snapshot (10, 100, 101 and the like deleted by one delete; carol
    // live) while another restore of 10, which left 101 and the like alone (carol was deleted in its snapshot), is not
    // committed yet, and waits for carol's row (a delete of carol that is rolled back). Meanwhile that other restore
    // commits, and post 10 is deleted again, with 100. When the restore goes on, 10 and 100 carry the new delete's
    // stamp and are left alone; 101 and the like still carry the first one's: they must not come back under them.
    //
    // RESTORE_FIRST: the restore looks at post 10 before the new delete does: that delete waits for the restore, and
    // then takes 101 and the like along.
    @ParameterizedTest(name = "isolation {0}, {1}")
    @MethodSource("levelsAndOrders")
    void restore_parentRestoredAndDeletedAgainSinceItsSnapshot(int isolation, Order order) throws Exception {
        boolean mariaDb = database.dialect() == SQLDialect.MARIADB;
        OffsetDateTime firstDelete = plain.fetchValue(COMMENTS.DELETED_AT, COMMENTS.ID.eq(101L));
        try (Connection other = open(isolation); Connection restore = open(isolation); Connection deleter = open(isolation);
             Connection monitor = database.dataSource().getConnection()) {
            int restorePid = TwoTransactions.pid(restore);
            int deleterPid = TwoTransactions.pid(deleter);
            assertThat(SoftDelete.restore(dsl(other), POSTS, POSTS.ID.eq(10L))).isEqualTo(1); // 10 and 100; not 101 nor the like
            // Carol changes while the other restore is open on PostgreSQL only: on MariaDB her restore waits for it (at
            // REPEATABLE READ the other restore read her row under a lock, to leave 101 and the like alone; at READ
            // COMMITTED her restore's UPDATE of posts scans post 10, which the other restore holds), and the restore
            // under test waits for post 10 anyway.
            Connection carolDeleter = null;
            if (!mariaDb) {
                assertThat(SoftDelete.restore(SoftDeleteDatabase.dsl(database), USERS, USERS.ID.eq(3L))).isEqualTo(1); // carol, committed
                if (order == Order.DELETE_FIRST) {
                    carolDeleter = open(isolation);
                    dsl(carolDeleter).deleteFrom(USERS).where(USERS.ID.eq(3L)).execute(); // holds carol's row until rolled back
                }
            }
            Future<Object> restored = threads.submit(() -> SoftDelete.restore(dsl(restore), POSTS, POSTS.ID.eq(10L)));
            assertThat(TwoTransactions.awaitEndOrBlock(restored, monitor, restorePid)).as("the restore waits, its snapshot taken").isTrue();
            other.commit(); // post 10 and comment 100 are live again

            Object outcome;
            if (order == Order.DELETE_FIRST) {
                Future<Object> deleted = threads.submit(() -> dsl(deleter).deleteFrom(POSTS).where(POSTS.ID.eq(10L)).execute());
                boolean deleteWaited = TwoTransactions.awaitEndOrBlock(deleted, monitor, deleterPid);
                if (deleteWaited) { // MariaDB at REPEATABLE READ: the restore keeps the lock on the post it found live
                    assertThat(mariaDb).as("the delete waits on PostgreSQL").isTrue();
                    outcome = end(restore, restored);
                    assertThat(end(deleter, deleted)).isEqualTo(1);
                } else {
                    assertThat(end(deleter, deleted)).isEqualTo(1); // 10 and 100 deleted again, with another stamp
                    if (carolDeleter != null)
                        carolDeleter.rollback();
                    outcome = end(restore, restored);
                }
                if (mariaDb && isolation == Connection.TRANSACTION_REPEATABLE_READ)
                    assertThat(deleteWaited).as("the new delete waits for the restore's lock on the post").isTrue();
                if (carolDeleter != null)
                    carolDeleter.close();
            } else {
                outcome = result(restored); // the restore went on when the other restore committed
                Future<Object> deleted = threads.submit(() -> dsl(deleter).deleteFrom(POSTS).where(POSTS.ID.eq(10L)).execute());
                TwoTransactions.awaitEndOrBlock(deleted, monitor, deleterPid);
                restore.commit();
                assertThat(end(deleter, deleted)).isEqualTo(1);
            }

            assertThat(LiveParentsInvariant.violations(plain)).as("live rows under deleted parents (the restore: %s)", outcome).isEmpty();
            assertThat(plain.fetchValue(POSTS.DELETED_AT, POSTS.ID.eq(10L))).isNotNull();
            assertThat(plain.fetchValue(COMMENTS.DELETED_AT, COMMENTS.ID.eq(101L))).isNotNull();
            if (mariaDb) {
                assertThat(outcome).as("the restore, which found post 10 live once it had its lock").isEqualTo(0);
                assertThat(plain.fetchValue(COMMENTS.DELETED_AT, COMMENTS.ID.eq(101L))).as("101 keeps the first delete's stamp").isEqualTo(firstDelete);
                assertThat(plain.fetchValue(COMMENTS.DELETED_AT, COMMENTS.ID.eq(100L)))
                    .as("100 went with the new delete").isEqualTo(plain.fetchValue(POSTS.DELETED_AT, POSTS.ID.eq(10L)));
            } else if (order == Order.DELETE_FIRST)
                assertThat(outcome).as("the restore, whose post was deleted again").isInstanceOf(SoftDeleteException.class);
            else
                assertThat(plain.fetchValue(COMMENTS.DELETED_AT, COMMENTS.ID.eq(101L)))
                    .as("101 went with the new delete").isEqualTo(plain.fetchValue(POSTS.DELETED_AT, POSTS.ID.eq(10L)));
        }
    }

    private Connection open(int isolation) throws SQLException {
        Connection connection = database.dataSource().getConnection();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(isolation);
        return connection;
    }

    private DSLContext dsl(Connection connection) {
        return TwoTransactions.softDeleting(database, connection);
    }

    // The step's value, or the exception that ended it.
    private static Object result(Future<Object> step) throws Exception {
        try {
            return step.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        }
    }

    // Commits a step that succeeded, rolls back one that failed: its value, or the exception that ended it.
    private static Object end(Connection connection, Future<Object> step) throws Exception {
        Object outcome = result(step);
        if (outcome instanceof Throwable)
            connection.rollback();
        else
            connection.commit();
        return outcome;
    }
}
