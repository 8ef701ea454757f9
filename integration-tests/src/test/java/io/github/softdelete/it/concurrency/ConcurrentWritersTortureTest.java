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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.it.fixture.LiveParentsInvariant;
import io.github.softdelete.it.fixture.OverlappingTrees;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.fixture.Violation;
import io.github.softdelete.it.harness.PostgresTest;

/**
 * Issue 22's torture test: 8 threads, each running random operations in their own READ COMMITTED transactions
 * (PostgreSQL's default) over a few small, overlapping trees of the reference schema, so that races are
 * frequent: inserts of comments and likes, moves of comments to other posts, cascading deletes of users, posts
 * and comments, restores and restores with parents. A transaction that fails with 40001 or 40P01 is retried.
 *
 * <p>Checked: after the run, no live row under a deleted parent ({@link LiveParentsInvariant}); that every
 * statement that brought rows back brought back rows of one delete only (a trigger of the test's own database
 * records the stamp each row had when a statement cleared it); nothing failed but the library's refusals, the
 * retryable SQLSTATEs and the likes' own primary key.
 *
 * <p>CI runs it for {@code -Dtorture.seconds} (default 30 s); {@code -Dtorture.operations=5000} runs that many
 * operations per thread instead. It prints the counts of operations, refusals, retries and deadlocks.
 *
 * <p>On MariaDB ({@code ConcurrentWritersTortureOnMariaDbTest}) it runs at REPEATABLE READ (MariaDB's default) and at
 * READ COMMITTED, 10 s each unless {@code -Dtorture.seconds} says otherwise. A deadlock there is error 1213 with SQLSTATE
 * 40001, a duplicate like 1062 with 23000; the keys are read from {@code information_schema}, and the restores are
 * recorded by triggers too, by operation: every row one restore brings back, in all its statements, carries one stamp.
 */
@PostgresTest
class ConcurrentWritersTortureTest extends SeededDatabaseTest {

    private static final int THREADS = Integer.getInteger("torture.threads", 8);
    private static final int USERS_COUNT = 6;
    private static final int RETRIES = 20;
    private static final Duration RUN_FOR = Duration.ofSeconds(Long.getLong("torture.seconds", 30));
    private static final long OPERATIONS = Long.getLong("torture.operations", 0);

    private static final List<String> DEADLOCKS = Collections.synchronizedList(new ArrayList<>());
    private static final int MARIADB_DEADLOCK = 1213;
    private static final int MARIADB_DUPLICATE_KEY = 1062;
    private static final int MARIADB_AUTO_INCREMENT_DEADLOCK = 1467;

    @Override
    protected void seed(DSLContext plain) {
        OverlappingTrees.reset(plain, USERS_COUNT, 22);
        if (!replies())
            plain.execute("update comments set parent_id = null");
        if (onMariaDb()) {
            plain.execute("alter table comments auto_increment = 100001");
            plain.execute("analyze table users, posts, comments, likes"); // statistics, so that the optimizer reads by the keys
            recordRestoresOnMariaDb(plain);
            return;
        }
        plain.execute("select setval(pg_get_serial_sequence('comments', 'id'), 100000)");
        plain.execute("analyze"); // statistics, so that the planner does not take the new tables for empty ones
        recordRestores(plain);
    }

    /** The levels the threads run at: PostgreSQL's default, READ COMMITTED. */
    static Stream<Isolation> isolations() {
        return Stream.of(Isolation.READ_COMMITTED);
    }

    enum Isolation {
        READ_COMMITTED(Connection.TRANSACTION_READ_COMMITTED), REPEATABLE_READ(Connection.TRANSACTION_REPEATABLE_READ);

        final int level;

        Isolation(int level) {
            this.level = level;
        }
    }

    /**
     * Whether comments reply to comments (the self-reference comments.parent_id): in the trees, and in new comments
     * half the time. {@code -Dtorture.replies=false} leaves them out.
     */
    protected boolean replies() {
        return Boolean.parseBoolean(System.getProperty("torture.replies", "true"));
    }

    /** How often an operation is retried after a deadlock or a serialization failure before it counts as a failure. */
    protected int retries() {
        return RETRIES;
    }

    /** How long the threads run, unless {@code -Dtorture.operations} gives a count. */
    protected Duration runFor() {
        return RUN_FOR;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("isolations")
    void randomWriters_overlappingTrees_noLiveRowUnderDeletedParent(Isolation isolation) throws Exception {
        DEADLOCKS.clear(); // the samples of this level's run
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        List<Throwable> unexpected = Collections.synchronizedList(new ArrayList<>());
        AtomicLong done = new AtomicLong();
        Duration runFor = runFor();
        long until = System.nanoTime() + runFor.toNanos();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Random random = new Random(2200 + t);
            String thread = "t" + t;
            workers.add(pool.submit(() -> {
                try (Connection connection = database.dataSource().getConnection()) { // one per thread, as from a pool
                    connection.setTransactionIsolation(isolation.level);
                    DSLContext ctx = TwoTransactions.softDeleting(database, connection);
                    start.await();
                    for (long n = 0; OPERATIONS > 0 ? n < OPERATIONS : System.nanoTime() < until; n++) {
                        Operation operation = MIX.get(random.nextInt(MIX.size()));
                        String outcome = runWithRetries(ctx, operation, random, unexpected, outcomes, thread + "-" + n);
                        outcomes.computeIfAbsent(operation + ": " + outcome, k -> new AtomicInteger()).incrementAndGet();
                        done.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> worker : workers)
            worker.get(OPERATIONS > 0 ? 3600 : runFor.toSeconds() + 120, TimeUnit.SECONDS);
        pool.shutdown();

        System.out.println(getClass().getSimpleName() + " at " + isolation + ": " + done.get() + " operations in " + THREADS + " threads");
        new TreeMap<>(outcomes).forEach((k, v) -> System.out.println("  " + k + ": " + v));
        DEADLOCKS.forEach(d -> System.out.println("  a deadlock: " + d));
        if (onMariaDb())
            System.out.println("  InnoDB's latest deadlock:\n" + latestDeadlock(plain));
        List<Violation> violations = LiveParentsInvariant.violations(plain);
        List<String> inexactRestores = onMariaDb() ? inexactRestoresOnMariaDb(plain) : inexactRestores(plain);
        inexactRestores.stream().limit(5).forEach(d -> System.out.println("  an inexact restore: " + d));
        violations.stream().limit(5).forEach(v -> System.out.println("  " + v + (onMariaDb() ? "; restored by " + restoresOf(plain, v) : "")));
        System.out.println("  live rows under deleted parents: " + violations.size() + "; restores that brought back rows of another delete: "
            + inexactRestores.size() + "; unexpected failures: " + unexpected.size());
        assertThat(unexpected).as("failures other than refusals, retryable SQLSTATEs and the likes' primary key").isEmpty();
        assertThat(violations).as("live rows under deleted parents").isEmpty();
        assertThat(inexactRestores).as("restores that brought back rows their delete had not stamped").isEmpty();
        assertThat(done.get()).isGreaterThan(THREADS * 10L);
    }

    enum Operation { INSERT_COMMENT, INSERT_LIKE, MOVE_COMMENT, DELETE_USER, DELETE_POST, DELETE_COMMENT, RESTORE, RESTORE_WITH_PARENTS }

    // Writers three times as often as deletes, and restores as often as deletes, so that the trees stay populated.
    // -Dtorture.skip=RESTORE_WITH_PARENTS,... leaves operations out.
    private static final List<Operation> MIX = List.of(Operation.INSERT_COMMENT, Operation.INSERT_COMMENT, Operation.INSERT_COMMENT,
        Operation.INSERT_LIKE, Operation.INSERT_LIKE, Operation.MOVE_COMMENT, Operation.DELETE_USER, Operation.DELETE_POST,
        Operation.DELETE_COMMENT, Operation.RESTORE, Operation.RESTORE, Operation.RESTORE_WITH_PARENTS).stream()
        .filter(o -> !List.of(System.getProperty("torture.skip", "").split(",")).contains(o.name())).toList();

    // One operation in its own transaction, retried on 40001 and 40P01 (MariaDB's deadlock, 1213, is 40001): the
    // outcome's name. On MariaDB the operation names itself in @torture_op first, for the restores' record.
    private String runWithRetries(DSLContext ctx, Operation operation, Random random, List<Throwable> unexpected,
                                  Map<String, AtomicInteger> outcomes, String name) {
        for (int attempt = 0; ; attempt++) {
            try {
                if (onMariaDb())
                    ctx.execute("set @torture_op = {0}, @torture_with_parents = null", DSL.inline(name + "-" + attempt));
                ctx.transaction(tx -> run(operation, random, tx.dsl(), replies()));
                return "done";
            } catch (SoftDeleteException e) {
                return "refused by the library";
            } catch (RuntimeException e) {
                String state = state(e);
                // InnoDB reports a deadlock on a table's AUTO-INC lock as 1467 HY000 ("Failed to read auto-increment
                // value"), and rolls the victim's transaction back as for 1213: the library's checked INSERT is an
                // INSERT ... SELECT, which holds the AUTO-INC lock to its end under innodb_autoinc_lock_mode 1
                boolean autoIncrement = errorCode(e) == MARIADB_AUTO_INCREMENT_DEADLOCK;
                boolean deadlock = "40P01".equals(state) || errorCode(e) == MARIADB_DEADLOCK || autoIncrement;
                String kind = "40P01".equals(state) ? "a deadlock (40P01)" : autoIncrement ? "a deadlock on the AUTO-INC lock (1467, HY000)"
                    : deadlock ? "a deadlock (1213, 40001)" : "a serialization failure (40001)";
                if (deadlock && DEADLOCKS.size() < 3)
                    DEADLOCKS.add(operation + ": " + detail(e));
                if (deadlock)
                    outcomes.computeIfAbsent("deadlock detected in " + operation, k -> new AtomicInteger()).incrementAndGet();
                if (("40001".equals(state) || "40P01".equals(state) || autoIncrement) && attempt < retries()) {
                    outcomes.computeIfAbsent("retried after " + kind, k -> new AtomicInteger()).incrementAndGet();
                    continue;
                }
                if ("23505".equals(state) || errorCode(e) == MARIADB_DUPLICATE_KEY)
                    return "duplicate like (" + state + ")";
                unexpected.add(e);
                return "unexpected " + state;
            }
        }
    }

    private static void run(Operation operation, Random random, DSLContext dsl, boolean replies) {
        long user = 1 + random.nextInt(USERS_COUNT);
        long post = (1 + random.nextInt(USERS_COUNT)) * 10 + 1 + random.nextInt(3);
        long comment = 1 + random.nextInt(USERS_COUNT * 9);
        switch (operation) {
            case INSERT_COMMENT -> dsl.insertInto(COMMENTS, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.PARENT_ID, COMMENTS.BODY)
                .values(post, user, random.nextBoolean() || !replies ? null : comment, "new").execute();
            case INSERT_LIKE -> dsl.insertInto(LIKES, LIKES.USER_ID, LIKES.COMMENT_ID).values(user, comment).execute();
            case MOVE_COMMENT -> dsl.update(COMMENTS).set(COMMENTS.POST_ID, post).where(COMMENTS.ID.eq(comment)).execute();
            case DELETE_USER -> dsl.deleteFrom(USERS).where(USERS.ID.eq(user)).execute();
            case DELETE_POST -> dsl.deleteFrom(POSTS).where(POSTS.ID.eq(post)).execute();
            case DELETE_COMMENT -> dsl.deleteFrom(COMMENTS).where(COMMENTS.ID.eq(comment)).execute();
            case RESTORE -> restore(dsl, random, false);
            case RESTORE_WITH_PARENTS -> restore(dsl, random, true);
        }
    }

    // Restores a deleted user, post or comment, alone or with its deleted parents.
    private static void restore(DSLContext dsl, Random random, boolean withParents) {
        List<Table<?>> tables = List.of(USERS, POSTS, COMMENTS);
        Table<?> table = withParents ? COMMENTS : tables.get(random.nextInt(tables.size()));
        TableField<?, Long> id = idOf(table);
        Record row = dsl.select(id).from(SoftDelete.includeDeleted(table)).where(deletedAtOf(table).isNotNull())
            .orderBy(DSL.rand()).limit(1).fetchOne();
        if (row == null)
            return;
        if (withParents) {
            // its steps bring back deleted ancestors of several deletes, by design: the check leaves them out
            if (dsl.dialect().family() == SQLDialect.MARIADB)
                dsl.execute("set @torture_with_parents = 'on'");
            else
                dsl.fetch("select set_config('torture.with_parents', 'on', true)");
            SoftDelete.restoreWithParents(dsl, table, id.eq(row.get(id)));
        } else {
            SoftDelete.restore(dsl, table, id.eq(row.get(id)));
        }
    }

    // Records, with a trigger of the test's own database, the stamp of every row a statement brings back to life.
    private static void recordRestores(DSLContext plain) {
        plain.execute("create table softdelete_restores (tx xid8, statement_at timestamptz, row_of text, stamp timestamptz, with_parents text)");
        plain.execute("create function softdelete_record_restore() returns trigger language plpgsql as $$ begin"
            + " insert into softdelete_restores values (pg_current_xact_id(), statement_timestamp(), tg_table_name, old.deleted_at,"
            + " current_setting('torture.with_parents', true)); return null; end $$");
        for (String table : List.of("users", "posts", "comments", "likes"))
            plain.execute("create trigger softdelete_record_restore after update on " + table + " for each row"
                + " when (old.deleted_at is not null and new.deleted_at is null) execute function softdelete_record_restore()");
    }

    // MariaDB: the same record by operation (@torture_op: thread, operation, attempt), whose restore takes several
    // statements. A trigger is one statement there: an IF, without BEGIN ... END.
    private static void recordRestoresOnMariaDb(DSLContext plain) {
        plain.execute("drop table if exists softdelete_restores"); // one run per level, each on the trees seeded anew
        plain.execute("create table softdelete_restores (op varchar(64), row_of varchar(16), row_key varchar(64), stamp datetime(6),"
            + " with_parents varchar(8))");
        for (String table : List.of("users", "posts", "comments", "likes"))
            plain.execute("create or replace trigger softdelete_record_restore_" + table + " after update on " + table + " for each row"
                + " if old.deleted_at is not null and new.deleted_at is null then insert into softdelete_restores values (@torture_op, '"
                + table + "', " + (table.equals("likes") ? "concat(old.user_id, ',', old.comment_id)" : "old.id")
                + ", old.deleted_at, @torture_with_parents); end if");
    }

    // SHOW ENGINE INNODB STATUS's LATEST DETECTED DEADLOCK, without the records' bytes.
    private static String latestDeadlock(DSLContext plain) {
        String status = plain.fetchOne("show engine innodb status").get("Status", String.class);
        int from = status.indexOf("LATEST DETECTED DEADLOCK");
        int to = status.indexOf("\nTRANSACTIONS\n");
        if (from < 0 || to < from)
            return "    (none)";
        return status.substring(from, to).lines().filter(line -> !line.matches("\\s*\\d+: (len|SQL NULL).*") && !line.startsWith("Record lock, heap"))
            .map(line -> "    " + (line.length() > 400 ? line.substring(0, 400) + "..." : line)).collect(java.util.stream.Collectors.joining("\n"));
    }

    // The operations that restored the violating row (comments, users, posts: by id), with and without parents.
    private static List<String> restoresOf(DSLContext plain, Violation violation) {
        return plain.fetch("select concat(op, ' ', coalesce(with_parents, 'alone'), ' ', stamp) from softdelete_restores where row_of = ? and row_key = ?",
            violation.table(), violation.id().replaceAll("[()' ]", "")).map(r -> r.get(0, String.class));
    }

    // A SoftDelete.restore that brought back rows of two stamps brought back rows of another delete than its own.
    private static List<String> inexactRestoresOnMariaDb(DSLContext plain) {
        return plain.fetch("select op, group_concat(distinct concat(row_of, ' ', stamp) separator ', ') from softdelete_restores"
                + " where with_parents is null group by op having count(distinct stamp) > 1")
            .map(r -> "operation " + r.get(0) + " restored rows of several deletes: " + r.get(1));
    }

    // A statement of SoftDelete.restore that brought back rows of two stamps brought back rows of another delete than its own.
    private static List<String> inexactRestores(DSLContext plain) {
        return plain.fetch("select tx::text, statement_at, string_agg(distinct row_of || ' ' || stamp, ', ') from softdelete_restores"
                + " where with_parents is distinct from 'on' group by tx, statement_at having count(distinct stamp) > 1")
            .map(r -> "transaction " + r.get(0) + " at " + r.get(1) + " restored rows of several deletes: " + r.get(2));
    }

    @SuppressWarnings("unchecked")
    private static TableField<?, Long> idOf(Table<?> table) {
        return (TableField<?, Long>) table.field("id");
    }

    @SuppressWarnings("unchecked")
    private static TableField<?, OffsetDateTime> deletedAtOf(Table<?> table) {
        return (TableField<?, OffsetDateTime>) table.field("deleted_at");
    }

    private static String detail(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause())
            if (t instanceof SQLException sql)
                return sql.getMessage().replaceAll("\\s+", " ");
        return String.valueOf(error);
    }

    private static int errorCode(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause())
            if (t instanceof SQLException sql && sql.getErrorCode() != 0)
                return sql.getErrorCode();
        return 0;
    }

    private static String state(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause())
            if (t instanceof SQLException sql && sql.getSQLState() != null)
                return sql.getSQLState();
        return null;
    }
}
