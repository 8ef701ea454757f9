package io.github.softdelete.it.concurrency;

import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jooq.DSLContext;
import org.jooq.conf.StatementType;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.it.fixture.ReferenceData;
import io.github.softdelete.it.fixture.SoftDeleteDatabase;
import io.github.softdelete.it.harness.MariaDbTest;
import io.github.softdelete.it.harness.TestDatabase;

/**
 * The cost item of the MariaDB issue: on a tree of 100k+ rows, with the {@code (fk, marker)} indexes the lint asks
 * for, no statement the library sends on MariaDB reads a big table whole ({@code access_type "ALL"}): the cascading
 * delete's anchor and steps (StagedCascadeDelete), the restore's (StagedRestore), a checked INSERT, a checked UPDATE
 * of a foreign key and a single-table delete.
 *
 * <p>Each operation runs once through the library in a transaction that is rolled back, on a connection that records
 * every statement sent (jOOQ's, and the steps the library sends itself). The recorded statements are then run again,
 * in order, in a second transaction, each write and query under MariaDB's {@code ANALYZE FORMAT=JSON} (which runs it
 * and reports the rows each table access read), and rolled back. The plans are printed.
 */
@MariaDbTest
class StagedPlansOnMariaDbTest {

    private static final int USERS_COUNT = 20_000;
    // The big tables, and the aliases under which the library's statements read them (a parent, a reply, a child)
    private static final List<String> BIG_TABLES = List.of("users", "posts", "comments", "likes",
        "softdelete_parent", "softdelete_reply", "softdelete_child", "softdelete_live_parent");
    private static final Pattern R_ROWS = Pattern.compile("\"r_rows\":\\s*([0-9.]+)");
    private static final Pattern ACCESS = Pattern.compile("\"table_name\":\\s*\"([^\"]+)\",\\s*\"access_type\":\\s*\"([^\"]+)\"");

    private static TestDatabase database;

    @BeforeAll
    static void seed(TestDatabase testDatabase) {
        database = testDatabase;
        DSLContext plain = database.dsl();
        ReferenceData.empty(plain);
        // users 1..20000, 2 posts each, 3 comments per post (every third a reply to the one before), a like per comment
        plain.execute("insert into users (id, email, name) select seq, concat('u', seq, '@example.com'), concat('u', seq)"
            + " from seq_1_to_" + USERS_COUNT);
        plain.execute("insert into posts (id, author_id, title) select seq, (seq + 1) div 2, concat('p', seq)"
            + " from seq_1_to_" + (2 * USERS_COUNT));
        plain.execute("insert into comments (id, post_id, author_id, parent_id, body) select seq, (seq + 2) div 3,"
            + " ((seq * 7) mod " + USERS_COUNT + ") + 1, case when seq mod 3 = 0 then seq - 1 end, concat('c', seq)"
            + " from seq_1_to_" + (6 * USERS_COUNT));
        plain.execute("insert into likes (user_id, comment_id) select ((seq * 13) mod " + USERS_COUNT + ") + 1, seq"
            + " from seq_1_to_" + (6 * USERS_COUNT));
        plain.execute("analyze table users, posts, comments, likes");
    }

    @Test
    void cascadingDelete_readsByKey() {
        assertNoScans("cascading delete of one user", ctx -> ctx.deleteFrom(USERS).where(USERS.ID.eq(77L)).execute());
    }

    @Test
    void restore_readsByKey() {
        assertNoScans("restore of one user", ctx -> {
            ctx.deleteFrom(USERS).where(USERS.ID.eq(78L)).execute();
            SoftDelete.restore(ctx, USERS, USERS.ID.eq(78L));
        });
    }

    @Test
    void checkedWrites_readParentsByKey() {
        assertNoScans("checked insert", ctx -> ctx.insertInto(COMMENTS, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.BODY)
            .values(11L, 12L, "new").execute());
        assertNoScans("checked update of a key", ctx -> ctx.update(POSTS).set(POSTS.AUTHOR_ID, 9L).where(POSTS.ID.eq(13L)).execute());
    }

    @Test
    void purgeBatches_readByKey() {
        // A run reads each table once to count and page through its due rows (once per run, not per row); what it
        // sends per batch, the locking read of the batch's rows, the locking counts and the DELETE, reads by key.
        assertNoScans("purge of 40 users' trees, batches of 100", ctx -> {
            ctx.deleteFrom(USERS).where(USERS.ID.between(200L, 239L)).execute();
            SoftDelete.purge(ctx).deletedBefore(java.time.Instant.now().plusSeconds(3600)).batchSize(100).run();
        }, sql -> sql.stripLeading().toLowerCase(Locale.ROOT).startsWith("delete") || sql.stripTrailing().toLowerCase(Locale.ROOT).endsWith("for update"));
    }

    private static void assertNoScans(String what, Consumer<DSLContext> operation) {
        assertNoScans(what, operation, StagedPlansOnMariaDbTest::analyzable);
    }

    // checked: the statements to run under ANALYZE; the others run as they are.
    private static void assertNoScans(String what, Consumer<DSLContext> operation, java.util.function.Predicate<String> checked) {
        List<String> sent = record(operation);
        assertThat(sent).as("statements recorded for " + what).isNotEmpty();
        List<String> scans = new ArrayList<>();
        List<String> bigTablesRead = new ArrayList<>();
        StringBuilder plans = new StringBuilder("-- " + what + "\n");
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            for (String sql : sent) {
                if (!checked.test(sql)) {
                    statement.execute(sql);
                    continue;
                }
                String plan;
                try (ResultSet result = statement.executeQuery("analyze format=json " + sql)) {
                    result.next();
                    plan = result.getString(1);
                }
                plans.append(sql).append('\n');
                Matcher access = ACCESS.matcher(plan);
                while (access.find()) {
                    plans.append("   ").append(access.group(1)).append(": ").append(access.group(2)).append('\n');
                    if (BIG_TABLES.contains(access.group(1)))
                        bigTablesRead.add(access.group(1));
                    // a small table (categories under an alias) may be read whole: the rows it read decide
                    if (BIG_TABLES.contains(access.group(1)) && access.group(2).equals("ALL") && rowsRead(plan, access.end()) > 1_000)
                        scans.add(access.group(1) + " in: " + sql);
                }
            }
            connection.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        System.out.println(plans);
        assertThat(bigTablesRead).as("the plans were read (the check can fail)").isNotEmpty();
        assertThat(scans).as("big tables read whole by the " + what).isEmpty();
    }

    // The rows the table access at that place of the plan read (ANALYZE's r_rows, the first after it).
    private static double rowsRead(String plan, int from) {
        Matcher rows = R_ROWS.matcher(plan);
        return rows.find(from) ? Double.parseDouble(rows.group(1)) : Double.MAX_VALUE;
    }

    // The statements that ANALYZE runs and explains: writes and queries, not SET, CREATE or the emptying of key tables.
    private static boolean analyzable(String sql) {
        String start = sql.stripLeading().toLowerCase(Locale.ROOT);
        return (start.startsWith("insert") || start.startsWith("update") || start.startsWith("select"))
            && !start.startsWith("select @@");
    }

    // Runs the operation through the library, recording every statement sent on the connection, then rolls it back.
    private static List<String> record(Consumer<DSLContext> operation) {
        List<String> sent = Collections.synchronizedList(new ArrayList<>());
        try (Connection physical = database.dataSource().getConnection()) {
            physical.setAutoCommit(false);
            Connection recording = recording(physical, sent);
            DSLContext ctx = DSL.using(SoftDelete.install(database.newConfiguration().set(recording)
                .set(database.settings().withStatementType(StatementType.STATIC_STATEMENT)), SoftDeleteDatabase.POLICY));
            operation.accept(ctx);
            physical.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return sent;
    }

    private static Connection recording(Connection physical, List<String> sent) {
        return (Connection) Proxy.newProxyInstance(StagedPlansOnMariaDbTest.class.getClassLoader(), new Class<?>[] { Connection.class },
            (proxy, method, args) -> {
                if (method.getName().equals("prepareStatement") && args[0] instanceof String sql)
                    sent.add(sql);
                Object result = invoke(method, physical, args);
                if (result instanceof Statement statement && method.getName().equals("createStatement"))
                    return recordingStatement(statement, sent);
                return result;
            });
    }

    private static Statement recordingStatement(Statement statement, List<String> sent) {
        return (Statement) Proxy.newProxyInstance(StagedPlansOnMariaDbTest.class.getClassLoader(), new Class<?>[] { Statement.class },
            (proxy, method, args) -> {
                if ((method.getName().startsWith("execute") || method.getName().equals("addBatch")) && args != null && args[0] instanceof String sql)
                    sent.add(sql);
                return invoke(method, statement, args);
            });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
