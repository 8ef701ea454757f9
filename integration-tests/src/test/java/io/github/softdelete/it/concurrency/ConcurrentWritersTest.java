package io.github.softdelete.it.concurrency;

import static io.github.softdelete.it.db.Tables.CATEGORIES;
import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.LIKES;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.POST_TAGS;
import static io.github.softdelete.it.db.Tables.TAGS;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.jooq.DSLContext;
import org.jooq.Record1;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.it.fixture.ReferenceData;
import io.github.softdelete.it.concurrency.TwoTransactions.Outcome;
import io.github.softdelete.it.concurrency.TwoTransactions.Result;
import io.github.softdelete.it.concurrency.TwoTransactions.Step;
import io.github.softdelete.it.fixture.LiveParentsInvariant;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.harness.PostgresTest;

/**
 * Issue 22: two transactions that write the same tree, at each isolation level, in both orders (the first still
 * open while the second runs), interleaved by the database's own lock waits ({@link TwoTransactions}). After each,
 * checked with plain SQL: no live row under a deleted parent, and the loser, if any, got the library's refusal or
 * a retryable SQLSTATE; nothing else fails.
 *
 * <p>On MariaDB ({@code ConcurrentWritersOnMariaDbTest}) the same interleavings end as at PostgreSQL's READ COMMITTED,
 * at every level: InnoDB's UPDATEs, {@code INSERT ... SELECT} and locking reads see the latest committed rows even at
 * REPEATABLE READ (docs/mariadb-facts.md), and every statement of the library that decides reads that way, so no
 * level fails with 40001. Its {@code LOCK IN SHARE MODE} (no {@code FOR KEY SHARE}) makes the second wait in every
 * case, whichever it is.
 *
 * <pre>
 * users     1 alice, 2 bob, 3 carol           categories 1 tech
 * posts     10 (by 1, tech), 20 (by 2)
 * comments  100 (post 10, by 2), 101 (post 10, by 3, reply to 100), 200 (post 20, by 1)
 * likes     (3, 100)
 * </pre>
 */
@PostgresTest
class ConcurrentWritersTest extends SeededDatabaseTest {

    enum Isolation {
        READ_COMMITTED(Connection.TRANSACTION_READ_COMMITTED),
        REPEATABLE_READ(Connection.TRANSACTION_REPEATABLE_READ),
        SERIALIZABLE(Connection.TRANSACTION_SERIALIZABLE);

        final int level;

        Isolation(int level) {
            this.level = level;
        }
    }

    /** Which transaction runs its step first and stays open while the other runs. */
    enum Order { WRITER_FIRST, DELETE_FIRST }

    static Stream<Arguments> levelsAndOrders() {
        List<Arguments> all = new ArrayList<>();
        for (Isolation isolation : Isolation.values())
            for (Order order : Order.values())
                all.add(Arguments.of(isolation, order));
        return all.stream();
    }

    @Override
    protected void seed(DSLContext plain) {
        ReferenceData.empty(plain);
        plain.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME)
            .values(1L, "alice@example.com", "alice").values(2L, "bob@example.com", "bob").values(3L, "carol@example.com", "carol").execute();
        plain.insertInto(CATEGORIES, CATEGORIES.ID, CATEGORIES.NAME).values(1L, "tech").execute();
        plain.insertInto(POSTS, POSTS.ID, POSTS.AUTHOR_ID, POSTS.CATEGORY_ID, POSTS.TITLE).values(10L, 1L, 1L, "p10").values(20L, 2L, null, "p20").execute();
        plain.insertInto(COMMENTS, COMMENTS.ID, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.PARENT_ID, COMMENTS.BODY)
            .values(100L, 10L, 2L, null, "c100").values(101L, 10L, 3L, 100L, "c101").values(200L, 20L, 1L, null, "c200").execute();
        plain.insertInto(LIKES, LIKES.USER_ID, LIKES.COMMENT_ID).values(3L, 100L).execute();
    }

    // ---------------------------------------------------------------- insert child / delete parent

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("levelsAndOrders")
    void insertChild_deleteParent(Isolation isolation, Order order) throws Exception {
        Step insert = (ctx, c) -> ctx.insertInto(COMMENTS, COMMENTS.ID, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.BODY)
            .values(300L, 10L, 3L, "new").execute();
        Step delete = (ctx, c) -> ctx.deleteFrom(POSTS).where(POSTS.ID.eq(10L)).execute();

        Outcome outcome = run(isolation, order, insert, delete);

        assertWriterAgainstDelete(isolation, order, outcome, 300L);
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("levelsAndOrders")
    void insertChild_deleteParent_throughSqlTextAndJdbcTemplate(Isolation isolation, Order order) throws Exception {
        Step insert = (ctx, c) -> jdbc(ctx).update("insert into comments (id, post_id, author_id, body) values (?, ?, ?, ?)", 300L, 10L, 3L, "new");
        Step delete = (ctx, c) -> jdbc(ctx).update("delete from posts where id = ?", 10L);

        Outcome outcome = run(isolation, order, insert, delete);

        assertWriterAgainstDelete(isolation, order, outcome, 300L);
    }

    // The insert, at the same isolation level, commits after the deleter's transaction took its snapshot and before
    // its DELETE runs: no lock is ever waited for. At READ COMMITTED the DELETE's own snapshot sees the comment and takes it along; at
    // REPEATABLE READ the insert wrote the post's row too (ParentLocks.bump), so the DELETE fails with 40001;
    // at SERIALIZABLE, PostgreSQL's serializable snapshot isolation fails one of the two. On MariaDB the cascade's
    // statements read the latest committed rows at every level, snapshot or not: the DELETE takes the comment along.
    @ParameterizedTest(name = "{0}")
    @EnumSource(Isolation.class)
    void insertChildCommitted_afterTheDeletersSnapshot(Isolation isolation) throws Exception {
        try (Connection deleter = database.dataSource().getConnection()) {
            deleter.setAutoCommit(false);
            deleter.setTransactionIsolation(isolation.level);
            DSLContext delete = TwoTransactions.softDeleting(database, deleter);
            if (onMariaDb())
                try (Statement snapshot = deleter.createStatement()) {
                    snapshot.execute("start transaction with consistent snapshot"); // InnoDB takes none before a table is read
                }
            else
                delete.selectOne().fetch(); // the snapshot, for REPEATABLE READ and SERIALIZABLE
            try (Connection writer = database.dataSource().getConnection()) { // at the same level: see docs/deleting.md
                writer.setAutoCommit(false);
                writer.setTransactionIsolation(isolation.level);
                TwoTransactions.softDeleting(database, writer)
                    .insertInto(COMMENTS, COMMENTS.ID, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.BODY).values(300L, 10L, 3L, "new").execute();
                writer.commit();
            }

            Throwable failure = catchThrowable(() -> {
                delete.deleteFrom(POSTS).where(POSTS.ID.eq(10L)).execute();
                deleter.commit();
            });
            if (failure != null)
                deleter.rollback();

            assertInvariant();
            if (isolation == Isolation.READ_COMMITTED || onMariaDb())
                assertThat(failure).isNull();
            else
                assertThat(failure).isNotNull().satisfies(e -> assertThat(new Result(null, e).retryableState()).isEqualTo("40001"));
            assertThat(liveComment(300L)).isEqualTo(failure != null);
        }
    }

    // A reply on post 20 to comment 100 of post 10: the delete of post 10 reaches the parent comment through the post,
    // and the reply only through the self-reference (found by ConcurrentWritersTortureOnMariaDbTest).
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("levelsAndOrders")
    void insertReplyOnAnotherPost_deleteTheParentCommentsPost(Isolation isolation, Order order) throws Exception {
        Step insert = (ctx, c) -> ctx.insertInto(COMMENTS, COMMENTS.ID, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.PARENT_ID, COMMENTS.BODY)
            .values(300L, 20L, 3L, 100L, "a reply from another post").execute();
        Step delete = (ctx, c) -> ctx.deleteFrom(POSTS).where(POSTS.ID.eq(10L)).execute();

        Outcome outcome = run(isolation, order, insert, delete);

        assertWriterAgainstDelete(isolation, order, outcome, 300L);
    }

    // A reply to comment 201, which the delete of post 10 reaches only through the recursion over the self-reference
    // (201 is on post 20, a reply to 100 of post 10). Writer first: its INSERT holds 201 in share mode, the delete
    // reads 201 without the new reply, and stamping 201 waits for the writer; the reply, committed by then, must be
    // taken too (MariaDB: found by the locking re-read after the stamp, StagedCascadeDelete.newReplies).
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("levelsAndOrders")
    void insertReplyToAReplyFoundByRecursion_deleteThePost(Isolation isolation, Order order) throws Exception {
        plain.insertInto(COMMENTS, COMMENTS.ID, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.PARENT_ID, COMMENTS.BODY)
            .values(201L, 20L, 1L, 100L, "a reply to 100 from post 20").execute();
        Step insert = (ctx, c) -> ctx.insertInto(COMMENTS, COMMENTS.ID, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.PARENT_ID, COMMENTS.BODY)
            .values(300L, 20L, 3L, 201L, "a reply to 201").execute();
        Step delete = (ctx, c) -> ctx.deleteFrom(POSTS).where(POSTS.ID.eq(10L)).execute();

        Outcome outcome = run(isolation, order, insert, delete);

        assertWriterAgainstDelete(isolation, order, outcome, 300L);
    }

    // ---------------------------------------------------------------- update a child's key / delete that parent

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("levelsAndOrders")
    void updateChildKey_deleteNewParent(Isolation isolation, Order order) throws Exception {
        Step move = (ctx, c) -> ctx.update(COMMENTS).set(COMMENTS.POST_ID, 10L).where(COMMENTS.ID.eq(200L)).execute();
        Step delete = (ctx, c) -> ctx.deleteFrom(POSTS).where(POSTS.ID.eq(10L)).execute();

        Outcome outcome = run(isolation, order, move, delete);

        if (isolation == Isolation.REPEATABLE_READ && !onMariaDb()) // MariaDB's check needs no bump of the parent's row
            assertThat(writer(order, outcome).refused()).as("a changed key at REPEATABLE READ is refused: %s", outcome).isTrue();
        assertWriterAgainstDelete(isolation, order, outcome, 200L);
    }

    // ---------------------------------------------------------------- restore a child / delete its parent

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("levelsAndOrders")
    void restoreChild_deleteParent(Isolation isolation, Order order) throws Exception {
        ctx.deleteFrom(COMMENTS).where(COMMENTS.ID.eq(100L)).execute(); // takes 101 and the like
        Step restore = (ctx, c) -> SoftDelete.restore(ctx, COMMENTS, COMMENTS.ID.eq(100L));
        Step delete = (ctx, c) -> ctx.deleteFrom(POSTS).where(POSTS.ID.eq(10L)).execute();

        Outcome outcome = run(isolation, order, restore, delete);

        assertWriterAgainstDelete(isolation, order, outcome, 100L);
        if (writer(order, outcome).succeeded() && delete(order, outcome).succeeded()) {
            // the restored comment, its reply and its like went with the post, and come back with it
            assertThat(stampOfComment(101L)).isEqualTo(stampOfPost(10L));
            assertThat(SoftDelete.restore(ctx, POSTS, POSTS.ID.eq(10L))).isEqualTo(1);
            assertThat(plain.fetchCount(COMMENTS, COMMENTS.DELETED_AT.isNotNull())).isZero();
            assertThat(plain.fetchCount(LIKES, LIKES.DELETED_AT.isNotNull())).isZero();
        }
    }

    // ---------------------------------------------------------------- restoreWithParents / delete of an ancestor

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("levelsAndOrders")
    void restoreWithParents_deleteAncestor(Isolation isolation, Order order) throws Exception {
        ctx.deleteFrom(POSTS).where(POSTS.ID.eq(10L)).execute(); // takes 100, 101 and the like
        Step restore = (ctx, c) -> SoftDelete.restoreWithParents(ctx, COMMENTS, COMMENTS.ID.eq(101L));
        Step delete = (ctx, c) -> ctx.deleteFrom(USERS).where(USERS.ID.eq(1L)).execute(); // post 10's author

        Outcome outcome = run(isolation, order, restore, delete);

        if (onMariaDb() && isolation == Isolation.SERIALIZABLE && order == Order.DELETE_FIRST) {
            // InnoDB's SERIALIZABLE reads every plain SELECT under LOCK IN SHARE MODE: restoreWithParents reads the
            // chain of deleted parents after the delete of user 1 ends, finds the user among them, and brings back the
            // whole chain, as it would have done after the delete had committed
            assertInvariantAndClearLosers(outcome);
            assertThat(outcome.second().succeeded() && outcome.secondWaited()).as("restoreWithParents, after waiting: %s", outcome).isTrue();
            assertThat(liveUser(1L) && live(10L) && liveComment(100L) && liveComment(101L)).as("the chain is back").isTrue();
            return;
        }
        assertWriterAgainstDelete(isolation, order, outcome, 101L);
    }

    // ---------------------------------------------------------------- two deletes of overlapping trees

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("levelsAndOrders")
    void twoDeletes_childWithTwoDeletedParents(Isolation isolation, Order order) throws Exception {
        // comment 100 is under post 10 and by user 2: both deletes reach it, and its reply and like
        Step deletePost = (ctx, c) -> ctx.deleteFrom(POSTS).where(POSTS.ID.eq(10L)).execute();
        Step deleteUser = (ctx, c) -> ctx.deleteFrom(USERS).where(USERS.ID.eq(2L)).execute();

        Outcome outcome = run(isolation, order, deletePost, deleteUser);

        assertInvariantAndClearLosers(outcome);
        if (outcome.first().succeeded() || outcome.second().succeeded())
            assertThat(plain.fetchValue(COMMENTS.DELETED_AT, COMMENTS.ID.eq(100L))).isNotNull();
        // each row took one stamp, of a delete that reached it
        OffsetDateTime comment = stampOfComment(100L);
        if (comment != null)
            assertThat(comment).isIn(stampOfPost(10L), stampOfUser(2L));
        assertThat(stampOfComment(101L)).isEqualTo(comment);
    }

    // ---------------------------------------------------------------- purge of a parent / insert of a child

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("levelsAndOrders")
    void purgeParent_insertChild(Isolation isolation, Order order) throws Exception {
        ctx.deleteFrom(POSTS).where(POSTS.ID.eq(20L)).execute(); // takes comment 200
        Step insert = (ctx, c) -> ctx.insertInto(COMMENTS, COMMENTS.ID, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.BODY)
            .values(300L, 20L, 3L, "new").execute();
        Step purge = (ctx, c) -> SoftDelete.purge(ctx).tables(POSTS).deletedBefore(Instant.now().plusSeconds(3600)).run().purged();

        Outcome outcome = order == Order.WRITER_FIRST ? transactions(isolation).run(insert, purge) : transactions(isolation).run(purge, insert);

        Result insertResult = order == Order.WRITER_FIRST ? outcome.first() : outcome.second();
        Result purgeResult = order == Order.WRITER_FIRST ? outcome.second() : outcome.first();
        assertThat(purgeResult.succeeded() || purgeResult.lost()).as("the purge: %s", outcome).isTrue();
        assertThat(insertResult.succeeded()).as("an insert under a deleted or purged post: %s", outcome).isFalse();
        assertThat(insertResult.refused() || insertResult.retryableState() != null || "23503".equals(sqlState(insertResult)))
            .as("refused, retryable, or the foreign key's own violation: %s", outcome).isTrue();
        assertInvariant();
        assertThat(plain.fetchCount(COMMENTS, COMMENTS.ID.eq(300L))).isZero();
    }

    // A child that keeps its parent from the purge arrives while the purge runs: comment 300, deleted but not due (its
    // marker lies past the cutoff), inserted with plain SQL under post 20, which is due. Whichever commits first, the
    // other sees it: the child's INSERT first, then the purge keeps post 20 and the child with it; the purge first,
    // then the INSERT fails on the foreign key (post 20 is gone) or as retryable. Never is the child removed by the
    // database's ON DELETE CASCADE of a post the purge decided to remove before it saw the child.
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("levelsAndOrders")
    void purgeParent_insertChildThatKeepsIt(Isolation isolation, Order order) throws Exception {
        ctx.deleteFrom(POSTS).where(POSTS.ID.eq(20L)).execute(); // takes comment 200
        Step insert = (ctx, c) -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate("insert into comments (id, post_id, author_id, body, deleted_at)"
                    + " values (300, 20, 3, 'deleted, not due', '2100-01-01 00:00:00')");
            }
        };
        Instant cutoff = Instant.now().plusSeconds(3600);
        Step purge = (ctx, c) -> SoftDelete.purge(ctx).tables(COMMENTS, POSTS).deletedBefore(cutoff).run().purged();

        Outcome outcome = order == Order.WRITER_FIRST ? transactions(isolation).run(insert, purge) : transactions(isolation).run(purge, insert);

        Result insertResult = writer(order, outcome);
        Result purgeResult = delete(order, outcome);
        boolean child = plain.fetchExists(COMMENTS, COMMENTS.ID.eq(300L));
        if (insertResult.succeeded()) {
            assertThat(child).as("the child that committed, after the purge: %s", outcome).isTrue();
            assertThat(plain.fetchExists(POSTS, POSTS.ID.eq(20L))).as("its parent, kept by it: %s", outcome).isTrue();
        } else {
            assertThat(insertResult.lost() || foreignKeyRefused(insertResult))
                .as("the insert under a purged post: the foreign key's refusal or retryable: %s", outcome).isTrue();
            assertThat(child).isFalse();
        }
        assertThat(purgeResult.succeeded() || purgeResult.lost()).as("the purge: %s", outcome).isTrue();
        if (order == Order.WRITER_FIRST)
            assertThat(insertResult.succeeded()).as("the insert ran first: %s", outcome).isTrue();
        else if (purgeResult.succeeded())
            assertThat(insertResult.succeeded()).as("the purge, first, removed post 20: %s", outcome).isFalse();
        assertThat(plain.fetchExists(COMMENTS, COMMENTS.ID.eq(200L))).as("comment 200, due: %s", outcome)
            .isEqualTo(!purgeResult.succeeded());
    }

    // ---------------------------------------------------------------- the shared expectations

    // Whatever the order and level: the invariant holds, and a loser is refused or retryable. Then, by level:
    // READ COMMITTED lets both run, in either order: the writer waits for the delete and is refused, or the
    // delete waits for the writer and takes the new child along; REPEATABLE READ and SERIALIZABLE have the
    // second of the two fail with 40001 (or the library's refusal), as PostgreSQL's own foreign keys do.
    // MariaDB: READ COMMITTED's outcome at every level, and the second always waits (see the class comment).
    private void assertWriterAgainstDelete(Isolation isolation, Order order, Outcome outcome, long child) {
        assertInvariantAndClearLosers(outcome);
        Result writer = writer(order, outcome);
        Result delete = delete(order, outcome);
        assertThat(delete.succeeded() && writer.succeeded() && !live(10L) && liveComment(child))
            .as("the child is live under a deleted post: %s", outcome).isFalse();
        if (onMariaDb()) {
            assertThat(outcome.secondWaited()).as("the second waited for the first's locks: %s", outcome).isTrue();
            assertThat(delete.succeeded()).as("the delete: %s", outcome).isTrue();
            if (order == Order.DELETE_FIRST)
                assertThat(writer.refused()).as("the writer, second, is refused: %s", outcome).isTrue();
            else
                assertThat(writer.succeeded() && !liveComment(child)).as("the delete, second, takes the new child along: %s", outcome).isTrue();
            return;
        }
        if (isolation == Isolation.READ_COMMITTED && order == Order.DELETE_FIRST)
            assertThat(writer.refused()).as("the writer, second, is refused: %s", outcome).isTrue();
        if (isolation == Isolation.READ_COMMITTED && order == Order.WRITER_FIRST && writer.succeeded()) {
            assertThat(delete.succeeded()).as("the delete, second, takes the new child along: %s", outcome).isTrue();
            assertThat(outcome.secondWaited()).as("the delete waited for the writer's lock: %s", outcome).isTrue();
            assertThat(liveComment(child)).isFalse();
        }
        if (isolation != Isolation.READ_COMMITTED)
            assertThat(writer.lost() || delete.lost()).as("one of the two lost: %s", outcome).isTrue();
    }

    private void assertInvariantAndClearLosers(Outcome outcome) {
        assertInvariant();
        for (Result result : List.of(outcome.first(), outcome.second()))
            assertThat(result.succeeded() || result.lost()).as("a failure other than a refusal or a retryable SQLSTATE: %s", outcome).isTrue();
    }

    private void assertInvariant() {
        assertThat(LiveParentsInvariant.violations(plain)).as("live rows under deleted parents").isEmpty();
    }

    private Outcome run(Isolation isolation, Order order, Step writer, Step delete) throws Exception {
        return order == Order.WRITER_FIRST ? transactions(isolation).run(writer, delete) : transactions(isolation).run(delete, writer);
    }

    private TwoTransactions transactions(Isolation isolation) {
        return new TwoTransactions(database, isolation.level);
    }

    private static Result writer(Order order, Outcome outcome) {
        return order == Order.WRITER_FIRST ? outcome.first() : outcome.second();
    }

    private static Result delete(Order order, Outcome outcome) {
        return order == Order.WRITER_FIRST ? outcome.second() : outcome.first();
    }

    private static JdbcTemplate jdbc(DSLContext ctx) {
        return new JdbcTemplate(SoftDelete.dataSource(ctx.configuration()));
    }

    // PostgreSQL's foreign_key_violation; MariaDB's ER_NO_REFERENCED_ROW_2 (its SQLSTATE 23000 is every integrity error's).
    private static boolean foreignKeyRefused(Result result) {
        for (Throwable t = result.error(); t != null; t = t.getCause())
            if (t instanceof java.sql.SQLException sql)
                return "23503".equals(sql.getSQLState()) || "23000".equals(sql.getSQLState()) && sql.getErrorCode() == 1452;
        return false;
    }

    private static String sqlState(Result result) {
        for (Throwable t = result.error(); t != null; t = t.getCause())
            if (t instanceof java.sql.SQLException sql)
                return sql.getSQLState();
        return null;
    }

    private boolean live(long post) {
        return plain.fetchExists(POSTS, POSTS.ID.eq(post).and(POSTS.DELETED_AT.isNull()));
    }

    private boolean liveUser(long user) {
        return plain.fetchExists(USERS, USERS.ID.eq(user).and(USERS.DELETED_AT.isNull()));
    }

    private boolean liveComment(long comment) {
        return plain.fetchExists(COMMENTS, COMMENTS.ID.eq(comment).and(COMMENTS.DELETED_AT.isNull()));
    }

    private OffsetDateTime stampOfComment(long id) {
        Record1<OffsetDateTime> r = plain.select(COMMENTS.DELETED_AT).from(COMMENTS).where(COMMENTS.ID.eq(id)).fetchOne();
        return r == null ? null : r.value1();
    }

    private OffsetDateTime stampOfPost(long id) {
        return plain.fetchValue(POSTS.DELETED_AT, POSTS.ID.eq(id));
    }

    private OffsetDateTime stampOfUser(long id) {
        return plain.fetchValue(USERS.DELETED_AT, USERS.ID.eq(id));
    }
}
