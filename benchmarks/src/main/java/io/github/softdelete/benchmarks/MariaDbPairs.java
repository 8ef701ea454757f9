package io.github.softdelete.benchmarks;

import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.LIKES;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.USERS;

import java.sql.Connection;
import java.sql.DriverManager;

import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.impl.DSL;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.it.db.SoftDeletes;
import io.github.softdelete.it.harness.MariaDbServer;
import io.github.softdelete.it.harness.MariaDbServers;
import io.github.softdelete.it.harness.TestDatabase;

/**
 * The MariaDB issue's performance items, measured in one process on one MariaDB server, each as a ratio of variants
 * interleaved in short batches on one connection ({@link ReadPairs#measure}):
 * {@code mvn -q -pl benchmarks -am package -DskipTests -Pmariadb-pairs}.
 * <ul>
 *   <li>B2: reads through the listener against the same reads with the marker predicate written by hand.</li>
 *   <li>B3: the cascading delete of one user with the rows below it, through the library, against row-by-row code
 *       (read the children, update each row) and against one hand-written UPDATE ... JOIN per table, in a
 *       transaction; every variant deletes a fresh copy of the same tree, built before the clock starts. Then the
 *       same over a connection through {@link LatencyProxy}, 0.25 ms each way.</li>
 *   <li>The curve: a cascading delete and its restore of trees from 1,000 rows up (medians of three trees up to
 *       100,000 rows, one tree above).</li>
 * </ul>
 *
 * <p>A command-line entry point: not meant to be called from other code, and not thread-safe.
 */
public final class MariaDbPairs {

    private static final int POSTS_PER_USER = 30;
    private static final int COMMENTS_PER_POST = 35;

    private MariaDbPairs() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("pairs.rounds", 20);
        long warmUpNanos = Long.getLong("pairs.warmUpSeconds", 5) * 1_000_000_000L;
        int curveMax = Integer.getInteger("pairs.curveMaxRows", 1_000_000);
        MariaDbServer server = MariaDbServers.shared();
        TestDatabase database = server.createMigratedDatabase("pairs_mariadb");
        System.out.println("load average (1, 5, 15 min) at the start: " + Environment.loadAverage());
        try (Connection connection = database.dataSource().getConnection()) {
            DSLContext plain = DSL.using(connection, database.dialect(), database.settings());
            DSLContext softDeleting = DSL.using(SoftDelete.install(database.newConfiguration().set(connection),
                SoftDeletes.POLICY));
            reads(plain, softDeleting, rounds, warmUpNanos);
            cascades(plain, softDeleting, rounds, "", 1_000_000, 0);
            cascadesOverNetwork(database, rounds);
            curve(plain, softDeleting, curveMax);
        }
        System.out.println("load average (1, 5, 15 min) at the end: " + Environment.loadAverage());
        server.close();
    }

    // B2 on 10,000 users, 50,000 posts (one in ten deleted).
    private static void reads(DSLContext plain, DSLContext softDeleting, int rounds, long warmUpNanos) {
        plain.execute("insert into users (id, email, name) select seq, concat('r', seq, '@example.com'), concat('r', seq) from seq_1_to_10000");
        plain.execute("insert into posts (id, author_id, title, deleted_at) select seq, (seq mod 10000) + 1, concat('p', seq),"
            + " case when seq mod 10 = 0 then now(6) end from seq_1_to_50000");
        plain.execute("analyze table users, posts");
        int[] next = { 0 };
        ReadPairs.measure("B2 PK lookup", 200, rounds, warmUpNanos,
            () -> plain.selectFrom(POSTS).where(POSTS.ID.eq((long) (next[0]++ % 50_000) + 1)).and(POSTS.DELETED_AT.isNull()).fetchOne(),
            () -> softDeleting.selectFrom(POSTS).where(POSTS.ID.eq((long) (next[0]++ % 50_000) + 1)).fetchOne());
        ReadPairs.measure("B2 page of 50 posts joined with their authors", 20, rounds, warmUpNanos,
            () -> plain.select(POSTS.ID, POSTS.TITLE, USERS.NAME).from(POSTS).join(USERS).on(USERS.ID.eq(POSTS.AUTHOR_ID))
                .where(POSTS.DELETED_AT.isNull()).and(USERS.DELETED_AT.isNull()).orderBy(POSTS.ID.desc()).limit(50).offset(50 * (next[0]++ % 10)).fetch(),
            () -> softDeleting.select(POSTS.ID, POSTS.TITLE, USERS.NAME).from(POSTS).join(USERS).on(USERS.ID.eq(POSTS.AUTHOR_ID))
                .orderBy(POSTS.ID.desc()).limit(50).offset(50 * (next[0]++ % 10)).fetch());
        ReadPairs.measure("B2 count of live posts", 20, rounds, warmUpNanos,
            () -> plain.fetchCount(POSTS, POSTS.DELETED_AT.isNull()), () -> softDeleting.fetchCount(POSTS));
    }

    // B3 through LatencyProxy, 0.25 ms each way (a round trip of 0.5 ms, as between an application and its database in
    // one data centre), where loopback answers in about 0.1 ms: the row-by-row code's 2,200 round trips against the
    // library's 40 or so statements, most of them sent as one JDBC batch.
    private static void cascadesOverNetwork(TestDatabase database, int rounds) throws Exception {
        try (LatencyProxy proxy = new LatencyProxy(LatencyProxy.target(database.jdbcUrl()), 250_000);
             Connection connection = DriverManager.getConnection(proxy.rewrite(database.jdbcUrl()), database.user(), database.password())) {
            DSLContext plain = DSL.using(connection, database.dialect(), database.settings());
            DSLContext softDeleting = DSL.using(SoftDelete.install(database.newConfiguration().set(connection), SoftDeletes.POLICY));
            cascades(plain, softDeleting, rounds, " over 0.25 ms each way", 3_000_000, 10_000_000_000L);
        }
    }

    // B3: one user with 30 posts, 35 comments each, a like per comment: 2,131 rows. Each variant deletes its own copy.
    private static void cascades(DSLContext plain, DSLContext softDeleting, int rounds, String label, long firstUser, long firstId) {
        long[] user = { firstUser };
        double[] library = new double[rounds];
        double[] rowByRow = new double[rounds];
        double[] perTable = new double[rounds];
        for (int r = 0; r < rounds + 2; r++) {
            long a = tree(plain, user[0]++, firstId + 1_000_000L * (r * 3 + 1));
            long b = tree(plain, user[0]++, firstId + 1_000_000L * (r * 3 + 2));
            long c = tree(plain, user[0]++, firstId + 1_000_000L * (r * 3 + 3));
            double timeLibrary = time(() -> softDeleting.deleteFrom(USERS).where(USERS.ID.eq(a)).execute());
            double timeRowByRow = time(() -> plain.transaction(tx -> rowByRow(tx.dsl(), b)));
            double timePerTable = time(() -> plain.transaction(tx -> perTable(tx.dsl(), c)));
            if (r >= 2) { // the first two rounds warm up
                library[r - 2] = timeLibrary;
                rowByRow[r - 2] = timeRowByRow;
                perTable[r - 2] = timePerTable;
            }
        }
        double[] toRowByRow = ratios(rowByRow, library);
        double[] toPerTable = ratios(library, perTable);
        System.out.printf("B3 cascade of 2,131 rows" + label + ": library %.2f ms, row by row %.2f ms, one UPDATE per table %.2f ms (medians of %d);"
            + " row by row / library %.2f (quartiles %.2f to %.2f), library / per table %.2f (quartiles %.2f to %.2f)%n",
            ReadPairs.quantile(library, 0.5), ReadPairs.quantile(rowByRow, 0.5), ReadPairs.quantile(perTable, 0.5), rounds,
            ReadPairs.quantile(toRowByRow, 0.5), ReadPairs.quantile(toRowByRow, 0.25), ReadPairs.quantile(toRowByRow, 0.75),
            ReadPairs.quantile(toPerTable, 0.5), ReadPairs.quantile(toPerTable, 0.25), ReadPairs.quantile(toPerTable, 0.75));
    }

    // The cascade and restore curve: trees of about n rows, deleted and restored, for n from 1,000 up; up to 100,000
    // rows the medians of three trees, since a single timing of a small tree moves by several times from run to run (the
    // delete of 1,000 rows took 37 to 237 ms on an idle machine, with the same statements; the server's background work
    // after B3, InnoDB's purge and page flushing, is the likely cause, not shown).
    private static void curve(DSLContext plain, DSLContext softDeleting, int maxRows) {
        long[] id = { 2_000_000 };
        for (int rows = 1_000; rows <= maxRows; rows *= 10) {
            int posts = Math.max(1, rows / (2 * COMMENTS_PER_POST + 1));
            int trees = rows <= 100_000 ? 3 : 1;
            double[] deletes = new double[trees];
            double[] restores = new double[trees];
            for (int t = 0; t < trees; t++) {
                long user = id[0]++;
                tree(plain, user, 100_000_000L * (user - 1_999_999), posts);
                deletes[t] = time(() -> softDeleting.deleteFrom(USERS).where(USERS.ID.eq(user)).execute());
                restores[t] = time(() -> SoftDelete.restore(softDeleting, USERS, USERS.ID.eq(user)));
            }
            double delete = ReadPairs.quantile(deletes, 0.5);
            double restore = ReadPairs.quantile(restores, 0.5);
            long size = 1 + posts + 2L * posts * COMMENTS_PER_POST;
            System.out.printf("curve %,d rows (%s): delete %.1f ms (%.2f µs a row), restore %.1f ms (%.2f µs a row), restore / delete %.2f%n",
                size, trees == 1 ? "one tree" : "medians of " + trees + " trees", delete, delete * 1000 / size, restore, restore * 1000 / size,
                restore / delete);
        }
    }

    private static long tree(DSLContext plain, long user, long base) {
        return tree(plain, user, base, POSTS_PER_USER);
    }

    // A user, its posts, COMMENTS_PER_POST comments per post, and a like per comment, ids from base up.
    private static long tree(DSLContext plain, long user, long base, int posts) {
        plain.execute("insert into users (id, email, name) values (" + user + ", 'u" + user + "@example.com', 'u" + user + "')");
        plain.execute("insert into posts (id, author_id, title) select " + base + " + seq, " + user + ", 'p' from seq_1_to_" + posts);
        plain.execute("insert into comments (id, post_id, author_id, body) select " + base + " + seq, " + base + " + 1 + (seq - 1) div "
            + COMMENTS_PER_POST + ", " + user + ", 'c' from seq_1_to_" + (posts * COMMENTS_PER_POST));
        plain.execute("insert into likes (user_id, comment_id) select " + user + ", " + base + " + seq from seq_1_to_" + (posts * COMMENTS_PER_POST));
        return user;
    }

    // Row-by-row code: each row read, then stamped on its own.
    private static void rowByRow(DSLContext tx, long user) {
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now();
        for (Record1<Long> post : tx.select(POSTS.ID).from(POSTS).where(POSTS.AUTHOR_ID.eq(user)).and(POSTS.DELETED_AT.isNull()).fetch()) {
            for (Record1<Long> comment : tx.select(COMMENTS.ID).from(COMMENTS).where(COMMENTS.POST_ID.eq(post.value1())).and(COMMENTS.DELETED_AT.isNull()).fetch()) {
                tx.update(LIKES).set(LIKES.DELETED_AT, now).where(LIKES.COMMENT_ID.eq(comment.value1())).and(LIKES.DELETED_AT.isNull()).execute();
                tx.update(COMMENTS).set(COMMENTS.DELETED_AT, now).where(COMMENTS.ID.eq(comment.value1())).execute();
            }
            tx.update(POSTS).set(POSTS.DELETED_AT, now).where(POSTS.ID.eq(post.value1())).execute();
        }
        tx.update(USERS).set(USERS.DELETED_AT, now).where(USERS.ID.eq(user)).execute();
    }

    // One hand-written UPDATE per table, children first, in a transaction: what careful hand-written code does.
    private static void perTable(DSLContext tx, long user) {
        tx.execute("set @s = now(6)");
        tx.execute("update likes l join comments c on c.id = l.comment_id join posts p on p.id = c.post_id set l.deleted_at = @s"
            + " where p.author_id = " + user + " and l.deleted_at is null");
        tx.execute("update likes set deleted_at = @s where user_id = " + user + " and deleted_at is null");
        tx.execute("update comments c join posts p on p.id = c.post_id set c.deleted_at = @s where p.author_id = " + user
            + " and c.deleted_at is null");
        tx.execute("update comments set deleted_at = @s where author_id = " + user + " and deleted_at is null");
        tx.execute("update posts set deleted_at = @s where author_id = " + user + " and deleted_at is null");
        tx.execute("update users set deleted_at = @s where id = " + user);
    }

    private static double time(Runnable operation) {
        long start = System.nanoTime();
        operation.run();
        return (System.nanoTime() - start) / 1_000_000.0;
    }

    private static double[] ratios(double[] numerators, double[] denominators) {
        double[] ratios = new double[numerators.length];
        for (int i = 0; i < ratios.length; i++)
            ratios[i] = numerators[i] / denominators[i];
        return ratios;
    }
}
