package io.github.softdelete.benchmarks;

import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.LIKES;
import static io.github.softdelete.it.db.Tables.POSTS;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.select;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.it.db.SoftDeletes;
import io.github.softdelete.it.harness.PostgresServers;
import io.github.softdelete.it.harness.TestDatabase;

/**
 * Issue 22's concurrent-writers benchmark: what the guarantee "no live row under a deleted parent, at READ
 * COMMITTED" costs writers that race. N threads (1, 4, 16), one connection each, in auto-commit mode at READ
 * COMMITTED (PostgreSQL's default), on a forum of 1,000 users, 10,000 posts and 100,000 comments: 9 operations in
 * 10 insert a comment on a random post that no worker has deleted yet (as an application writes under the posts it
 * shows: an insert is refused only when it races the delete of its post), 1 in 10 deletes a random post with its
 * comments and likes.
 *
 * <ul>
 *   <li>library: {@code insertInto(COMMENTS)} and {@code deleteFrom(POSTS)} through the listener. An insert under
 *       a deleted post is refused; a delete locks the rows it stamps and settles the children writers added.</li>
 *   <li>hand-written: what a careful team writes at READ COMMITTED without the guarantee. The insert checks its
 *       post in the statement ({@code INSERT ... SELECT ... WHERE EXISTS (a live post)}); the delete stamps the
 *       post, its comments and their likes with one UPDATE per table, in a transaction.</li>
 * </ul>
 *
 * <p>Both run in the same process, alternately, {@value #ROUNDS} rounds of {@code -Dconcurrency.seconds} (default
 * 10) each per thread count; every round starts from the same rows (deleted rows brought back, tables vacuumed).
 * Figures: operations a second (median of the rounds) and the 99th percentile of one operation's latency, per
 * approach, and the library's share of the hand-written throughput. Not JMH: the work is many threads against one
 * database, measured as a whole. Run: {@code mvn -q -pl benchmarks -am package -DskipTests -Pconcurrent-writers}.
 * A command-line entry point, not thread-safe.
 */
public final class ConcurrentWritersBenchmark {

    static final int ROUNDS = 3;
    private static final int USERS = 1_000;
    private static final int POSTS_PER_USER = 10;
    private static final int COMMENTS_PER_POST = 10;

    private ConcurrentWritersBenchmark() {
    }

    enum Approach { HAND_WRITTEN, LIBRARY }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.getInteger("concurrency.seconds", 10);
        int[] threads = Arrays.stream(System.getProperty("concurrency.threads", "1,4,16").split(",")).mapToInt(Integer::parseInt).toArray();
        TestDatabase database = PostgresServers.shared().createMigratedDatabase("concurrent_writers");
        try {
            seed(database);
            System.out.println("load average before: " + Environment.loadAverage() + "; PostgreSQL " + database.dsl().fetchValue("show server_version"));
            List<String> rows = new ArrayList<>();
            for (int n : threads) {
                List<Round> hand = new ArrayList<>();
                List<Round> library = new ArrayList<>();
                // warm-up, a round of each: the JIT compiles the code of both (the library's first statements load and
                // compile much more of jOOQ and of itself), the server caches the tables
                run(database, Approach.HAND_WRITTEN, n, seconds);
                run(database, Approach.LIBRARY, n, seconds);
                for (int r = 0; r < ROUNDS; r++) {
                    hand.add(run(database, Approach.HAND_WRITTEN, n, seconds));
                    library.add(run(database, Approach.LIBRARY, n, seconds));
                }
                rows.add(row(n, hand, library));
            }
            System.out.println();
            System.out.println("| threads | hand-written, operations/s | library, operations/s | library / hand-written | p99 hand-written, ms | p99 library, ms"
                + " | mean insert, ms (hand / library) | mean delete, ms (hand / library) | library refusals / deletes |");
            System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            rows.forEach(System.out::println);
            System.out.println();
            System.out.println("load average after: " + Environment.loadAverage());
        } finally {
            database.close();
        }
    }

    /** One round: its operations, their latencies, the refusals and deletes it counted, the time spent deleting. */
    record Round(long operations, double seconds, long[] nanos, long refusals, long deletes, long deleteNanos) {

        double insertMillis() {
            long inserts = operations - deletes;
            return inserts == 0 ? 0 : (Arrays.stream(nanos).sum() - deleteNanos) / 1e6 / inserts;
        }

        double deleteMillis() {
            return deletes == 0 ? 0 : deleteNanos / 1e6 / deletes;
        }


        double rate() {
            return operations / seconds;
        }

        double p99Millis() {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6;
        }
    }

    private static String row(int threads, List<Round> hand, List<Round> library) {
        double handRate = median(hand.stream().mapToDouble(Round::rate).toArray());
        double libraryRate = median(library.stream().mapToDouble(Round::rate).toArray());
        double handP99 = median(hand.stream().mapToDouble(Round::p99Millis).toArray());
        double libraryP99 = median(library.stream().mapToDouble(Round::p99Millis).toArray());
        long refusals = library.stream().mapToLong(Round::refusals).sum();
        long deletes = library.stream().mapToLong(Round::deletes).sum();
        return String.format(Locale.ROOT, "| %d | %,.0f | %,.0f | %.2f× | %.1f | %.1f | %.2f / %.2f | %.2f / %.2f | %,d / %,d |", threads,
            handRate, libraryRate, libraryRate / handRate, handP99, libraryP99,
            median(hand.stream().mapToDouble(Round::insertMillis).toArray()), median(library.stream().mapToDouble(Round::insertMillis).toArray()),
            median(hand.stream().mapToDouble(Round::deleteMillis).toArray()), median(library.stream().mapToDouble(Round::deleteMillis).toArray()),
            refusals, deletes);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static Round run(TestDatabase database, Approach approach, int threads, int seconds) throws Exception {
        restore(database);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        Set<Long> deleted = ConcurrentHashMap.newKeySet();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Future<Round>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++)
            workers.add(pool.submit(() -> worker(database, approach, start, until, deleted)));
        long begin = System.nanoTime();
        start.countDown();
        long operations = 0;
        long refusals = 0;
        long deletes = 0;
        long deleteNanos = 0;
        List<long[]> latencies = new ArrayList<>();
        for (Future<Round> worker : workers) {
            Round round = worker.get();
            operations += round.operations();
            refusals += round.refusals();
            deletes += round.deletes();
            deleteNanos += round.deleteNanos();
            latencies.add(round.nanos());
        }
        double elapsed = (System.nanoTime() - begin) / 1e9;
        pool.shutdown();
        long[] nanos = latencies.stream().flatMapToLong(Arrays::stream).toArray();
        return new Round(operations, elapsed, nanos, refusals, deletes, deleteNanos);
    }

    private static Round worker(TestDatabase database, Approach approach, CountDownLatch start, long until, Set<Long> deleted) throws Exception {
        try (Connection connection = database.dataSource().getConnection()) {
            DSLContext plain = DSL.using(new DefaultConfiguration().set(connection).set(SQLDialect.POSTGRES));
            DSLContext library = DSL.using(SoftDelete.install(new DefaultConfiguration().set(connection).set(SQLDialect.POSTGRES), SoftDeletes.POLICY));
            long[] nanos = new long[1 << 16];
            int count = 0;
            long refusals = 0;
            long deletes = 0;
            long deleteNanos = 0;
            ThreadLocalRandom random = ThreadLocalRandom.current();
            start.await();
            while (System.nanoTime() < until) {
                boolean delete = random.nextInt(10) == 0;
                long post = livePost(random, deleted, delete);
                long t0 = System.nanoTime();
                try {
                    if (delete) {
                        deletes++;
                        if (approach == Approach.LIBRARY)
                            library.deleteFrom(POSTS).where(POSTS.ID.eq(post)).execute();
                        else
                            deleteByHand(plain, post);
                    } else {
                        long author = 1 + random.nextInt(USERS);
                        if (approach == Approach.LIBRARY)
                            library.insertInto(COMMENTS, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.BODY).values(post, author, "c").execute();
                        else
                            insertByHand(plain, post, author);
                    }
                } catch (SoftDeleteException e) {
                    refusals++;
                }
                long took = System.nanoTime() - t0;
                if (delete)
                    deleteNanos += took;
                if (count == nanos.length)
                    nanos = Arrays.copyOf(nanos, nanos.length * 2);
                nanos[count++] = took;
            }
            return new Round(count, 0, Arrays.copyOf(nanos, count), refusals, deletes, deleteNanos);
        }
    }

    // A random post; for an insert, one that the workers have not deleted (as an application writes under the posts it
    // shows), so that inserts are refused only when they race the delete of their post.
    private static long livePost(ThreadLocalRandom random, Set<Long> deleted, boolean forDelete) {
        long post = 1 + random.nextInt(USERS * POSTS_PER_USER);
        if (forDelete) {
            deleted.add(post);
            return post;
        }
        while (deleted.contains(post))
            post = 1 + random.nextInt(USERS * POSTS_PER_USER);
        return post;
    }

    // INSERT INTO comments (post_id, author_id, body) SELECT ?, ?, 'c' WHERE EXISTS (SELECT 1 FROM posts WHERE id = ? AND deleted_at IS NULL)
    private static void insertByHand(DSLContext plain, long post, long author) {
        plain.insertInto(COMMENTS, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.BODY)
            .select(select(DSL.val(post), DSL.val(author), inline("c"))
                .whereExists(select(POSTS.ID).from(POSTS).where(POSTS.ID.eq(post)).and(POSTS.DELETED_AT.isNull())))
            .execute();
    }

    // In a transaction: the post, its comments, their likes, each with one UPDATE.
    private static void deleteByHand(DSLContext plain, long post) {
        plain.transaction(tx -> {
            DSLContext ctx = tx.dsl();
            OffsetDateTime now = OffsetDateTime.now();
            if (ctx.update(POSTS).set(POSTS.DELETED_AT, now).where(POSTS.ID.eq(post)).and(POSTS.DELETED_AT.isNull()).execute() == 0)
                return;
            ctx.update(LIKES).set(LIKES.DELETED_AT, now)
                .where(LIKES.COMMENT_ID.in(select(COMMENTS.ID).from(COMMENTS).where(COMMENTS.POST_ID.eq(post)).and(COMMENTS.DELETED_AT.isNull())))
                .and(LIKES.DELETED_AT.isNull()).execute();
            ctx.update(COMMENTS).set(COMMENTS.DELETED_AT, now).where(COMMENTS.POST_ID.eq(post)).and(COMMENTS.DELETED_AT.isNull()).execute();
        });
    }

    private static void seed(TestDatabase database) throws SQLException {
        try (Connection connection = database.dataSource().getConnection(); Statement s = connection.createStatement()) {
            s.execute("insert into users (id, email, name) select g, 'u' || g || '@example.com', 'u' || g from generate_series(1, " + USERS + ") g");
            s.execute("insert into posts (id, author_id, title) select g, 1 + (g - 1) / " + POSTS_PER_USER + ", 'p' || g from generate_series(1, "
                + USERS * POSTS_PER_USER + ") g");
            s.execute("insert into comments (id, post_id, author_id, body) select g, 1 + (g - 1) / " + COMMENTS_PER_POST + ", 1 + (g * 7) % "
                + USERS + ", 'c' from generate_series(1, " + USERS * POSTS_PER_USER * COMMENTS_PER_POST + ") g");
            s.execute("insert into likes (user_id, comment_id) select 1 + (g * 13) % " + USERS + ", g from generate_series(1, "
                + USERS * POSTS_PER_USER * COMMENTS_PER_POST + ") g");
            s.execute("select setval(pg_get_serial_sequence('comments', 'id'), (select max(id) from comments))");
            s.execute("vacuum analyze");
        }
    }

    // Every round starts from the seeded rows: the comments a round added are removed, and the rows it deleted come back.
    private static void restore(TestDatabase database) throws SQLException {
        try (Connection connection = database.dataSource().getConnection(); Statement s = connection.createStatement()) {
            long seeded = (long) USERS * POSTS_PER_USER * COMMENTS_PER_POST;
            s.execute("delete from likes where comment_id > " + seeded);
            s.execute("delete from comments where id > " + seeded);
            s.execute("update likes set deleted_at = null where deleted_at is not null");
            s.execute("update comments set deleted_at = null where deleted_at is not null");
            s.execute("update posts set deleted_at = null where deleted_at is not null");
            s.execute("vacuum analyze users, posts, comments, likes");
        }
    }
}
