package io.github.softdelete.it.concurrency;

import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.LIKES;
import static io.github.softdelete.it.db.Tables.POSTS;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jooq.DSLContext;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.it.fixture.SoftDeleteDatabase;
import io.github.softdelete.it.fixture.StatementCounter;
import io.github.softdelete.it.harness.PostgresTest;
import io.github.softdelete.it.harness.TestDatabase;

/**
 * Issue 22's cost item: at 100k+ rows, the statements that take the guarantee's locks read by index, never by a scan
 * of a table per row: the INSERT's locked parent checks (one row, several rows), the UPDATE of a foreign key, the
 * cascading DELETE's lock CTEs, the restore's, the settlement's late-children statement with its gate open, and
 * what a purge sends per batch (the page's keys, the locking read of its due rows, the DELETE).
 * Each statement is the one the library sends (inline values, captured on its way to the database), run under
 * EXPLAIN ANALYZE in a transaction that is rolled back; the plans are printed for docs/plans.md.
 *
 * <p>The settlement's statement is also held under PostgreSQL's JIT threshold ({@code jit_above_cost}): its sets
 * start from entries PostgreSQL cannot estimate, and a plan estimated far above its real few rows would be compiled
 * on every run (some 900 ms, seen before the statement was shaped for it; see {@code LateChildren}).
 */
@PostgresTest
class LockingPlansTest {

    private static final int USERS = 20_000;
    private static final int POSTS_PER_USER = 2;
    private static final int COMMENTS_PER_POST = 3;
    private static final List<String> BIG_TABLES = List.of("users", "posts", "comments", "likes");
    private static final Pattern TOTAL_COST = Pattern.compile("cost=[0-9.]+\\.\\.([0-9.]+)");

    private final TestDatabase database;
    private final DSLContext plain;
    private final StatementCounter statements = new StatementCounter();
    private final List<String> prepared = Collections.synchronizedList(new ArrayList<>());
    private Connection connection;
    private DSLContext ctx;

    LockingPlansTest(TestDatabase database) {
        this.database = database;
        this.plain = database.dsl();
    }

    @BeforeEach
    void connect() throws SQLException {
        if (((Number) plain.fetchValue("select count(*) from users")).longValue() == 0)
            seed();
        // The library's statements with their values inline (the text explained is the text sent), on a connection
        // that also records what the settlement prepares itself.
        Connection physical = database.dataSource().getConnection();
        connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class }, (proxy, method, args) -> {
            if (method.getName().equals("prepareStatement") && args != null && args[0] instanceof String sql)
                prepared.add(sql);
            try {
                return method.invoke(physical, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        });
        ctx = DSL.using(SoftDelete.install(database.newConfiguration().set(connection)
            .set(new Settings().withStatementType(StatementType.STATIC_STATEMENT))
            .set(new DefaultExecuteListenerProvider(statements)), SoftDeleteDatabase.POLICY));
    }

    // The test class's database, once: 20,000 users, 40,000 posts, 120,000 comments, 120,000 likes.
    private void seed() {
        int posts = USERS * POSTS_PER_USER;
        int comments = posts * COMMENTS_PER_POST;
        plain.execute("insert into users (id, email, name) select g, 'u' || g || '@example.com', 'u' || g from generate_series(1, " + USERS + ") g");
        plain.execute("insert into posts (id, author_id, title) select g, 1 + (g - 1) / " + POSTS_PER_USER + ", 'p' || g from generate_series(1, " + posts + ") g");
        plain.execute("insert into comments (id, post_id, author_id, body) select g, 1 + (g - 1) / " + COMMENTS_PER_POST + ", 1 + g % " + USERS
            + ", 'c' from generate_series(1, " + comments + ") g");
        plain.execute("insert into likes (user_id, comment_id) select 1 + g % " + USERS + ", g from generate_series(1, " + comments + ") g");
        plain.execute("select setval(pg_get_serial_sequence('comments', 'id'), " + comments + ")");
        plain.execute("vacuum analyze users, posts, comments, likes");
    }

    @AfterEach
    void close() throws SQLException {
        if (connection != null)
            connection.close();
    }

    @Test
    void insertOfOneRow_readsItsParentsByKey() {
        String insert = sent(() -> ctx.insertInto(COMMENTS, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.BODY).values(777L, 5L, "x").execute());
        assertThat(insert).as("each parent locked by its row, without a CTE per parent table")
            .contains("for key share").doesNotContain("softdelete_parents_");
        assertReadsByIndex("INSERT of one row", explained(insert));
    }

    @Test
    void insertOfSeveralRows_locksEachParentTableByKey() {
        String insert = sent(() -> ctx.insertInto(COMMENTS, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.BODY)
            .values(777L, 5L, "x").values(778L, 6L, "y").values(9_000L, 7L, "z").execute());
        assertThat(insert).as("the parents of all rows locked by one CTE per parent table").contains("softdelete_parents_");
        assertReadsByIndex("INSERT of three rows", explained(insert));
    }

    @Test
    void updateOfAForeignKey_readsTheNewParentByKey() {
        String update = sent(() -> ctx.update(COMMENTS).set(COMMENTS.POST_ID, 778L).where(COMMENTS.ID.eq(12L)).execute());
        assertReadsByIndex("UPDATE of a foreign key", explained(update));
    }

    @Test
    void cascadingDelete_locksItsRowsByKey() {
        String delete = sent(() -> ctx.deleteFrom(POSTS).where(POSTS.ID.eq(777L)).execute());
        undelete(plain, 777);
        List<String> plan = explained(delete);
        assertThat(plan).as("the explained delete stamped the post's comments")
            .anyMatch(line -> line.contains("Update on comments") && line.contains("actual rows=" + COMMENTS_PER_POST + " "));
        assertReadsByIndex("cascading DELETE of a post", plan);
    }

    @Test
    void restore_locksTheParentsOfWhatItBringsBackByKey() {
        ctx.deleteFrom(POSTS).where(POSTS.ID.eq(888L)).execute();
        String restore = sent(() -> SoftDelete.restore(ctx, POSTS, POSTS.ID.eq(888L)));
        ctx.deleteFrom(POSTS).where(POSTS.ID.eq(888L)).execute(); // deleted again, for the explained restore to bring back
        assertReadsByIndex("restore of a post", explained(restore));
    }

    @Test
    void purgeBatch_pagesLocksAndDeletesByKey() {
        ctx.deleteFrom(POSTS).where(POSTS.ID.eq(555L)).execute(); // the post, its 3 comments and their likes, due
        statements.clear();
        // The purge runs in a transaction rolled back (its batches are savepoints in it), so that the rows are still
        // there, due, when its statements are explained.
        try {
            ctx.transaction(tx -> {
                SoftDelete.purge(tx.dsl()).tables(LIKES, COMMENTS, POSTS).deletedBefore(Instant.now().plusSeconds(3600)).run();
                throw new RolledBack();
            });
        } catch (RolledBack expected) {
            // nothing purged
        }
        // Per batch: the locking read of its due rows and the DELETE (one batch per table, or more where an earlier
        // test of the class left rows deleted); before them, the pages of keys that a pass reads in key order, four
        // batches of keys at a time: each table read once per pass (comments, which reference themselves, twice),
        // and one page more for each page that a whole batch of due rows ended early.
        List<String> sent = statements.executed();
        List<String> locks = sent.stream().filter(sql -> sql.endsWith(" for update")).toList();
        List<String> deletes = sent.stream().filter(sql -> sql.startsWith("with \"softdelete_purged\"")).toList();
        List<String> pages = sent.stream().filter(sql -> sql.contains(" fetch next ") || sql.contains(" limit ")).toList();
        assertThat(locks).as("a locking read per batch, one batch per table at least").hasSameSizeAs(deletes).hasSizeGreaterThanOrEqualTo(3);
        // Each pass ends with a page shorter than 4,000 keys, which may be empty or not, as the table's rows fall.
        int pagesPerPass = (120_000 / 4_000 + 1) + 2 * (120_000 / 4_000 + 1) + (40_000 / 4_000 + 1);
        assertThat(pages).as("the pages: each table read once per pass, 4,000 keys at a time")
            .hasSizeBetween(pagesPerPass - 4, pagesPerPass + locks.size());
        List<String> batches = new ArrayList<>(locks);
        batches.addAll(deletes);
        batches.add(pages.get(0));
        batches.add(pages.get(1));
        for (String sql : batches)
            assertReadsByIndex("purge batch statement " + sql.substring(0, Math.min(60, sql.length())), explained(sql));
        undelete(plain, 555);
    }

    private static final class RolledBack extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void settlementWithItsGateOpen_readsTheDeletedTreeByKey_underTheJitThreshold() throws SQLException {
        // The settlement's statement, as it follows a delete. (It has no bind values; under STATIC_STATEMENT jOOQ's
        // connection would turn its prepareStatement into a plain Statement, whose SQL the recording does not see.)
        DSLContext preparing = DSL.using(ctx.configuration().derive(new Settings()));
        prepared.clear();
        preparing.deleteFrom(POSTS).where(POSTS.ID.eq(998L)).execute();
        List<String> settlement = prepared.stream().filter(sql -> sql.contains("softdelete_gate")).toList();
        assertThat(settlement).as("the settlement's statements after the delete").hasSize(1);
        String delete = sent(() -> ctx.deleteFrom(POSTS).where(POSTS.ID.eq(999L)).execute());

        // The delete again, in a transaction of this test's, which keeps its entry; then another transaction
        // commits, which opens the gate, and the settlement's statement is explained.
        List<String> plan;
        try (Connection explaining = database.dataSource().getConnection()) {
            explaining.setAutoCommit(false);
            DSLContext tx = DSL.using(explaining, ctx.dialect());
            undelete(tx, 999);
            tx.execute(delete);
            plain.fetchValue("select pg_current_xact_id()"); // a transaction that wrote something finishes
            plan = tx.fetch("explain (analyze, buffers, timing off) " + settlement.get(0)).getValues(0, String.class);
            explaining.rollback();
        }
        assertThat(plan).as("the gate opened: the stamped comments were read")
            .anyMatch(line -> line.contains("comments_post_id") && !line.contains("never executed"));
        assertReadsByIndex("settlement, gate open", plan);
    }

    // Brings the post and its comments and likes back with plain SQL, so that a captured delete can run again.
    private static void undelete(DSLContext dsl, long post) {
        dsl.execute("update posts set deleted_at = null where id = " + post);
        dsl.execute("update comments set deleted_at = null where post_id = " + post);
        dsl.execute("update likes set deleted_at = null where comment_id in (select id from comments where post_id = " + post + ")");
    }

    // The one statement that reached the database while running the action; its effects are kept (each test's
    // database is its own).
    private String sent(Runnable action) {
        statements.clear();
        action.run();
        List<String> sent = statements.executed();
        assertThat(sent).as("statements sent").hasSize(1);
        return sent.get(0);
    }

    // The statement under EXPLAIN ANALYZE, in a transaction rolled back: nothing it wrote stays.
    private List<String> explained(String sql) {
        try (Connection explaining = database.dataSource().getConnection()) {
            explaining.setAutoCommit(false);
            List<String> plan = DSL.using(explaining, ctx.dialect()).fetch("explain (analyze, buffers, timing off) " + sql).getValues(0, String.class);
            explaining.rollback();
            return plan;
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    // No scan of a big table, and an estimated cost under the JIT threshold (a plan above it is compiled on every run).
    private void assertReadsByIndex(String what, List<String> plan) {
        System.out.println(what.toUpperCase() + " (" + rows() + " rows):\n" + String.join("\n", plan));
        assertNoScanOfABigTable(what, plan);
        assertThat(totalCost(plan)).as(what + ": estimated cost, against jit_above_cost").isLessThan(jitAboveCost());
    }

    private double jitAboveCost() {
        return Double.parseDouble(plain.fetchValue("show jit_above_cost").toString());
    }

    private static void assertNoScanOfABigTable(String what, List<String> plan) {
        for (String line : plan)
            for (String table : BIG_TABLES)
                assertThat(line).as(what + ": no sequential scan of " + table).doesNotContainPattern("Seq Scan on " + table + "\\b");
    }

    private static double totalCost(List<String> plan) {
        Matcher cost = TOTAL_COST.matcher(plan.get(0));
        assertThat(cost.find()).as("the plan's first line has its cost: " + plan.get(0)).isTrue();
        return Double.parseDouble(cost.group(1));
    }

    private String rows() {
        return String.format("%,d", ((Number) plain.fetchValue("select (select count(*) from users) + (select count(*) from posts)"
            + " + (select count(*) from comments) + (select count(*) from likes)")).longValue());
    }
}
