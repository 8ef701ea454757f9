package io.github.softdelete.it.guarantees;

import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.select;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.jooq.impl.CallbackExecuteListener;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.it.db.SoftDeletes;
import io.github.softdelete.it.harness.PostgresServer;
import io.github.softdelete.it.harness.PostgresServers;
import io.github.softdelete.it.harness.TestDatabase;

/**
 * EXPLAIN ANALYZE of the live-parent check and of the ancestor walk of {@code restoreWithParents} at
 * 100k rows, under the reference schema's indexes (V2, V4). The plans are printed (docs/plans.md quotes
 * them) and checked for the one shape that is not linear: a node run once per row that scans a table
 * ({@code Seq Scan} with {@code loops} above 1). No timing is asserted.
 */
class WriteCheckPlansTest {

    private static final int ROWS = 100_000;
    // a Parallel Seq Scan's loops count its workers, not rows: one scan all the same
    private static final Pattern SCAN_LOOPS = Pattern.compile("(?<!Parallel )Seq Scan on (\\w+).*loops=(\\d+)");
    private static final Pattern NODE_LOOPS = Pattern.compile("\\(actual rows=\\S+ loops=\\d+\\)");

    private static TestDatabase database;
    private static DSLContext plain;
    private static DSLContext ctx;
    private static final List<String> executed = new ArrayList<>();

    @BeforeAll
    static void createData() {
        database = PostgresServers.shared().createMigratedDatabase("write_check_plans");
        Flyway.configure().dataSource(database.dataSource()).locations(PostgresServer.MIGRATIONS).load().migrate();
        plain = database.dsl();
        plain.execute("insert into users (id, email, name, deleted_at) select g, 'u' || g, 'u' || g,"
            + " case when g % 10 = 0 then now() end from generate_series(1, " + (2 * ROWS) + ") g");
        plain.execute("insert into posts (author_id, title) select 1 + g % 8, 'p' || g from generate_series(1, " + ROWS + ") g");
        // a deep chain (comment g replies to g - 1) and a wide tree (every reply of comment 300001), all deleted
        plain.execute("insert into comments (id, post_id, author_id, parent_id, body, deleted_at)"
            + " select g, 1, 1, nullif(g - 1, 0), 'c', now() from generate_series(1, " + ROWS + ") g");
        plain.execute("insert into comments (id, post_id, author_id, parent_id, body, deleted_at)"
            + " select 300001, 1, 1, null, 'root', now() union all"
            + " select 300001 + g, 1, 1, 300001, 'leaf', now() from generate_series(1, " + ROWS + ") g");
        plain.execute("analyze");
        CallbackExecuteListener capture = new CallbackExecuteListener().onExecuteStart(c -> executed.add(c.sql()));
        ctx = DSL.using(SoftDelete.install(database.newConfiguration()
            .set(new Settings().withStatementType(StatementType.STATIC_STATEMENT))
            .set(new DefaultExecuteListenerProvider(capture)), SoftDeletes.POLICY));
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void insertSelect_100kChildren_checkIsOneIndexProbePerRow() {
        Query insert = ctx.insertInto(POSTS, POSTS.AUTHOR_ID, POSTS.TITLE)
            .select(select(USERS.ID, inline("copied")).from(USERS).where(USERS.ID.le((long) ROWS + ROWS / 10)));
        assertLinear("INSERT ... SELECT of 100k posts", ctx.renderInlined(insert));
    }

    @Test
    void update_100kChildrensKey_checkIsOneIndexProbePerRow() {
        Query update = ctx.update(POSTS).set(POSTS.AUTHOR_ID, POSTS.AUTHOR_ID.plus(1)).where(POSTS.ID.le((long) ROWS));
        assertLinear("UPDATE of 100k posts' author_id", ctx.renderInlined(update));
    }

    @Test
    void restoreWithParents_deepChain_ancestorWalkIsLinear() {
        explainWalk("restoreWithParents, chain of 100k", restoreStatements(COMMENTS.ID.eq((long) ROWS)));
    }

    @Test
    void restoreWithParents_wideTree_ancestorWalkIsLinear() {
        explainWalk("restoreWithParents, 100k siblings", restoreStatements(COMMENTS.PARENT_ID.eq(300_001L)));
    }

    private static List<String> restoreStatements(org.jooq.Condition rows) {
        executed.clear();
        try {
            ctx.transaction(c -> {
                SoftDelete.restoreWithParents(c.dsl(), COMMENTS, rows);
                throw new RolledBack();
            });
        } catch (RolledBack expected) {
            // the statements are explained below, on the data as it was
        }
        assertThat(executed).isNotEmpty();
        return List.copyOf(executed);
    }

    // The statements of ParentChain (the walk's reads, each with the ancestor CTE) are explained on the data as
    // it was. The restore itself (CascadeRestore's statement, with its check CTE) is another rule's and is left
    // out. The ancestor walk may scan the table once per level of the tree (PostgreSQL hashes a large working
    // table): 2 levels for the 100k siblings; for the chain of 100k levels, such a scan would show loops=100000.
    private static void explainWalk(String what, List<String> statements) {
        List<String> walk = statements.stream().filter(sql -> !sql.contains("softdelete_check")).toList();
        assertThat(walk).as(what + ": the statements of the ancestor walk, among " + statements).isNotEmpty();
        for (String sql : walk)
            assertNoScanPerRow(what, explain(what, sql), 2);
    }

    private static void assertLinear(String what, String sql) {
        assertNoScanPerRow(what, explain(what, sql), 1);
    }

    // Every node of an EXPLAIN ANALYZE plan says how often it ran (loops=); a plan with none is not one this
    // check can read (EXPLAIN without ANALYZE, or another format), and would pass whatever its shape.
    private static void assertNoScanPerRow(String what, List<String> plan, long levels) {
        assertThat(plan).as(what + ": plan nodes with their loops").anyMatch(line -> NODE_LOOPS.matcher(line).find());
        for (String line : plan) {
            Matcher m = SCAN_LOOPS.matcher(line);
            if (m.find())
                assertThat(Long.parseLong(m.group(2))).as(what + ": a scan of " + m.group(1) + " more often than once per level: " + line)
                    .isLessThanOrEqualTo(levels);
        }
    }

    private static List<String> explain(String what, String sql) {
        List<String> plan = new ArrayList<>();
        try {
            plain.transaction(c -> {
                plan.addAll(c.dsl().fetch("explain (analyze, costs off, timing off, summary off) " + sql).getValues(0, String.class));
                throw new RolledBack();
            });
        } catch (RolledBack expected) {
            // nothing the explained statement wrote stays
        }
        System.out.println("-- " + what + "\n" + sql + "\n" + String.join("\n", plan));
        return plan;
    }

    private static final class RolledBack extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }
}
