package io.github.softdelete.it.concurrency;

import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.TAGS;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.softdelete.it.concurrency.TwoTransactions.Result;
import io.github.softdelete.it.fixture.LiveParentsInvariant;
import io.github.softdelete.it.harness.MariaDbTest;

/**
 * {@link ConcurrentWritersTest} on MariaDB, at READ COMMITTED, at its default REPEATABLE READ and at SERIALIZABLE, in
 * both orders: READ COMMITTED's outcome at every level (see the class comment there).
 */
@MariaDbTest
class ConcurrentWritersOnMariaDbTest extends ConcurrentWritersTest {

    // A deadlock that a cascade closes, in the caller's transaction: InnoDB rolls back the whole transaction of its
    // victim (not only the statement, as for other errors), here the cascade's, the lighter of the two (InnoDB picks
    // the transaction with fewer rows changed and locks held; the other has inserted 500 tags). Nothing is left half
    // done: neither the cascade nor the caller's earlier rename; the error is SQLSTATE 40001 (1213), and the retried
    // transaction deletes the tree. Interleaved by the server's lock waits.
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Isolation.class, names = { "READ_COMMITTED", "REPEATABLE_READ" })
    void deadlock_cascadeInCallersTransaction_rollsBackTheWholeTransaction_andARetryDeletes(Isolation isolation) throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (Connection other = open(isolation); Connection caller = open(isolation); Connection monitor = database.dataSource().getConnection()) {
            int callerId = TwoTransactions.pid(caller);
            DSLContext heavy = TwoTransactions.softDeleting(database, other);
            for (long tag = 1; tag <= 500; tag++)
                heavy.insertInto(TAGS, TAGS.ID, TAGS.NAME).values(tag, "t" + tag).execute();
            heavy.update(COMMENTS).set(COMMENTS.BODY, "edited").where(COMMENTS.ID.eq(101L)).execute(); // holds 101

            DSLContext library = TwoTransactions.softDeleting(database, caller);
            library.update(USERS).set(USERS.NAME, "bob, renamed").where(USERS.ID.eq(2L)).execute(); // the caller's earlier work
            Future<Integer> cascade = thread.submit(() -> library.deleteFrom(POSTS).where(POSTS.ID.eq(10L)).execute());
            assertThat(TwoTransactions.awaitEndOrBlock(cascade, monitor, callerId)).as("the cascade waits for comment 101").isTrue();
            heavy.update(POSTS).set(POSTS.TITLE, "retitled").where(POSTS.ID.eq(10L)).execute(); // waits for the cascade: a cycle
            other.commit();

            Throwable failure = catchThrowable(() -> cascade.get(60, TimeUnit.SECONDS));
            assertThat(failure).as("the cascade, InnoDB's victim").isNotNull();
            assertThat(new Result(null, failure.getCause()).retryableState()).isEqualTo("40001");
            assertThat(DSL.using(database.newConfiguration().set(caller)).fetchValue(USERS.NAME, USERS.ID.eq(2L)))
                .as("the caller's rename, rolled back with its transaction").isEqualTo("bob");
            assertThat(plain.fetchValue(POSTS.DELETED_AT, POSTS.ID.eq(10L))).isNull();
            assertThat(plain.fetchCount(COMMENTS, COMMENTS.DELETED_AT.isNotNull())).isZero();
            assertThat(caller.getAutoCommit()).isFalse();

            library.update(USERS).set(USERS.NAME, "bob, renamed").where(USERS.ID.eq(2L)).execute(); // the retry
            assertThat(library.deleteFrom(POSTS).where(POSTS.ID.eq(10L)).execute()).isEqualTo(1);
            caller.commit();
            assertThat(plain.fetchValue(POSTS.TITLE, POSTS.ID.eq(10L))).isEqualTo("retitled");
            assertThat(plain.fetchValue(COMMENTS.BODY, COMMENTS.ID.eq(101L))).isEqualTo("edited");
            assertThat(plain.fetchCount(COMMENTS, COMMENTS.POST_ID.eq(10L).and(COMMENTS.DELETED_AT.isNull()))).isZero();
            assertThat(plain.fetchValue(USERS.NAME, USERS.ID.eq(2L))).isEqualTo("bob, renamed");
            assertThat(LiveParentsInvariant.violations(plain)).isEmpty();
        } finally {
            thread.shutdownNow();
        }
    }

    private static Connection open(Isolation isolation) throws SQLException {
        Connection connection = database.dataSource().getConnection();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(isolation.level);
        return connection;
    }

}
