package io.github.softdelete.it.relations;

import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.it.fixture.LiveParentsInvariant;
import io.github.softdelete.it.fixture.OverlappingTrees;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.harness.PostgresTest;

/**
 * Several threads delete, restore and update overlapping trees for a few seconds, each operation in
 * its own SERIALIZABLE transaction; then the relations invariant must hold: no live row under a
 * deleted parent over a key the policy follows ({@link LiveParentsInvariant}), and every failure is a clear database or library error.
 *
 * <p>On MariaDB ({@code ConcurrentCascadesOnMariaDbTest}) at its default REPEATABLE READ and at READ COMMITTED, where a
 * deadlock is error 1213, SQLSTATE 40001, and rolls back the whole transaction.
 */
@PostgresTest
class ConcurrentCascadesTest extends SeededDatabaseTest {

    private static final int USERS_COUNT = 6;
    private static final int THREADS = 4;
    private static final Duration RUN_FOR = Duration.ofSeconds(4);

    // -Dconcurrency.isolation="read committed" runs it at PostgreSQL's default, where the library's locks and the
    // settlement of each delete keep the invariant too (ConcurrentWritersTortureTest runs at that level).
    private static final String ISOLATION = System.getProperty("concurrency.isolation", "serializable");

    static Stream<String> isolations() {
        return Stream.of(ISOLATION);
    }

    @Override
    protected void seed(DSLContext plain) {
        OverlappingTrees.reset(plain, USERS_COUNT, 7);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("isolations")
    void deletesRestoresAndUpdates_overlappingTrees_endConsistent(String isolation) throws Exception {
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        List<Throwable> unexpected = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long until = System.nanoTime() + RUN_FOR.toNanos();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Random random = new Random(100 + t);
            workers.add(pool.submit(() -> {
                while (System.nanoTime() < until)
                    outcomes.computeIfAbsent(runOne(isolation, random, unexpected), k -> new AtomicInteger()).incrementAndGet();
            }));
        }
        for (Future<?> worker : workers)
            worker.get(RUN_FOR.toSeconds() + 60, TimeUnit.SECONDS);
        pool.shutdown();

        System.out.println(getClass().getSimpleName() + " outcomes at " + isolation + ": " + outcomes);
        assertThat(unexpected).as("unexpected failures").isEmpty();
        assertThat(outcomes.getOrDefault("done", new AtomicInteger()).get()).as("operations that completed, of %s", outcomes).isGreaterThan(20);
        assertThat(LiveParentsInvariant.violations(plain)).as("live rows under a deleted parent").isEmpty();
    }

    private static String runOne(String isolation, Random random, List<Throwable> unexpected) {
        long user = 1 + random.nextInt(USERS_COUNT);
        long post = user * 10 + 1 + random.nextInt(3);
        int op = random.nextInt(5);
        try {
            ctx.transaction(tx -> {
                DSLContext dsl = tx.dsl();
                dsl.execute("set transaction isolation level " + isolation);
                switch (op) {
                    case 0 -> dsl.deleteFrom(USERS).where(USERS.ID.eq(user)).execute();
                    case 1 -> SoftDelete.restore(dsl, USERS, USERS.ID.eq(user));
                    case 2 -> dsl.update(USERS).set(USERS.NAME, "renamed").where(USERS.ID.eq(user)).execute();
                    case 3 -> dsl.deleteFrom(POSTS).where(POSTS.ID.eq(post)).execute();
                    default -> dsl.update(COMMENTS).set(COMMENTS.BODY, "edited").where(COMMENTS.POST_ID.eq(post)).execute();
                }
            });
            return "done";
        } catch (SoftDeleteException e) {
            return "refused by the library";
        } catch (DataAccessException e) {
            String state = e.sqlState();
            if ("40001".equals(state) || "40P01".equals(state))
                return "serialization failure or deadlock (" + state + ")";
            synchronized (unexpected) {
                unexpected.add(e);
            }
            return "unexpected";
        }
    }
}
