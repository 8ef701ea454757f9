package io.github.softdelete.it.fuzz;

import static io.github.softdelete.it.db.Tables.CATEGORIES;
import static io.github.softdelete.it.db.Tables.LIKES;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.jooq.Condition;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.it.db.tables.Users;
import io.github.softdelete.it.harness.MariaDbTest;

/** {@link FuzzFindingsTest} on MariaDB, where the statement fuzzer found them, and what it found only there. */
@MariaDbTest
class FuzzFindingsOnMariaDbTest extends FuzzFindingsTest {

    /**
     * MariaDB SQL-text statement fuzzer, cases 7, 27, 54 and 70: MariaDB's multi-table DELETE declares its target in
     * USING ({@code DELETE FROM t0 USING likes AS t0}, {@code DELETE FROM categories USING categories, posts}); the
     * target was not taken for the policy's table (a hard delete), or was joined twice (1066).
     */
    @Test
    void sqlTextDelete_targetDeclaredInUsing_softDeletesThatTable() throws SQLException {
        try (Connection connection = SoftDelete.dataSource(ctx.configuration()).getConnection();
             Statement statement = connection.createStatement()) {
            assertThat(statement.executeUpdate("delete from t0 using likes as t0 where t0.user_id = 1")).isEqualTo(3);
            assertThat(statement.executeUpdate("delete from " + plain.render(CATEGORIES) + " using " + plain.render(CATEGORIES)
                + ", posts as p where p.category_id = " + plain.render(CATEGORIES.ID) + " and " + plain.render(CATEGORIES.ID) + " = 2"))
                .as("category 2 has no live post: nothing refuses, and nothing matches the join with a live post").isZero();
        }

        assertThat(plain.fetchCount(LIKES, LIKES.USER_ID.eq(1L))).as("alice's likes, deleted or not").isEqualTo(3);
        assertThat(plain.fetchCount(LIKES, LIKES.USER_ID.eq(1L).and(LIKES.DELETED_AT.isNull()))).isZero();
    }

    @Test
    @Override
    void delete_connectionAnotherPolicyDeletedOnBefore_cascades() throws SQLException {
        super.delete_connectionAnotherPolicyDeletedOnBefore_cascades();
    }

    /**
     * The finding on MariaDB: MariaDB 10.11 refuses an EXISTS over nested set operations in any SELECT (1222), and the
     * DELETE's staged anchor is an INSERT ... SELECT; its own DELETE runs only because jOOQ wraps the subquery in a
     * derived table there. The soft delete fails loudly and changes nothing (docs/mariadb.md, known gaps).
     */
    @Test
    @Override
    void delete_existsOverNestedSetOperationsOnItsTable_softDeletes() {
        Users u1 = USERS.as("u1");
        Users u2 = USERS.as("u2");
        Users u3 = USERS.as("u3");
        Condition nested = DSL.exists(DSL.select(u1.ID, u1.NAME).from(u1)
            .intersect(DSL.select(u2.ID, u2.NAME).from(u2)).intersectAll(DSL.select(u3.ID, u3.NAME).from(u3)));

        assertThatThrownBy(() -> ctx.deleteFrom(USERS).where(USERS.ID.eq(1L)).and(nested).execute())
            .isInstanceOf(DataAccessException.class)
            .satisfies(e -> assertThat(MariaDbRefusal.errorCode(e)).isEqualTo(1222));
        assertThat(plain.fetchValue(USERS.DELETED_AT, USERS.ID.eq(1L))).isNull();
        // MariaDB's own: the same EXISTS in a SELECT, without the library
        assertThatThrownBy(() -> plain.fetchCount(USERS, USERS.ID.eq(1L).and(nested)))
            .isInstanceOf(DataAccessException.class)
            .satisfies(e -> assertThat(MariaDbRefusal.errorCode(e)).isEqualTo(1222));
    }

    /**
     * Not the library's: MariaDB 10.11's table elimination drops rows from {@code IN} over {@code UNION ALL} whose first
     * branch LEFT JOINs a derived table with a RIGHT JOIN inside, in a plain SELECT (statement fuzzer, seed
     * 6489071272224382116, case 5183; docs/mariadb-facts.md). The fuzzer counts a case that agrees with table
     * elimination off as invalid. This test fails once a MariaDB without the bug runs it: then that rule can go.
     */
    @Test
    void serverBug_tableEliminationInInOverUnionAll_answersWrong() {
        plain.execute("create or replace table bug_u (id int primary key)");
        plain.execute("create or replace table bug_p (id int primary key, a int, e int)");
        plain.execute("insert into bug_u values (1), (2)");
        plain.execute("insert into bug_p values (1, 1, 1), (2, 2, 2)");
        String select = "select bug_p.id from bug_p where bug_p.e in (select t3.e from bug_u t0 left join (select t2.a, t2.e"
            + " from bug_u t1 right join bug_p t2 on t1.id = t2.e) t3 on t0.id = t3.a union all select 30) order by 1";

        assertThat(plain.fetch(select).getValues(0, Integer.class)).as("MariaDB's wrong answer").isEmpty();
        assertThat(plain.fetch("set statement optimizer_switch = 'table_elimination=off' for " + select).getValues(0, Integer.class))
            .containsExactly(1, 2);
    }

    /**
     * Not the library's: MariaDB 10.11 answers NULL for a scalar subquery with {@code IN (..., 0) ORDER BY ... LIMIT 1}
     * where the right answer is a row (statement fuzzer, seed 6489071272224382116, case 19812, on the oracle's side;
     * docs/mariadb-facts.md). Fails once a MariaDB without the bug runs it.
     */
    @Test
    void serverBug_scalarSubqueryOverInListWithZero_answersNull() {
        plain.execute("create or replace table bug_c (id int primary key)");
        plain.execute("create or replace table bug_x (a int not null)");
        plain.execute("insert into bug_c values (1), (5)");
        plain.execute("insert into bug_x values (10)");
        String subquery = "select (select bug_c.id from bug_c where bug_c.id <= bug_x.a and bug_c.id in (%s) order by 1 limit 1) from bug_x";

        assertThat(plain.fetchValue(String.format(subquery, "1, 5, 0"))).as("MariaDB's wrong answer").isNull();
        assertThat(plain.fetchValue(String.format(subquery, "1, 5"))).isEqualTo(1);
    }

    /**
     * Not the library's: MariaDB 10.11 evaluates MIN/MAX in HAVING from an index of the last table joined, not from the
     * group, when an implicitly grouped join is empty: {@code HAVING max(b.w) = <b's largest w>} keeps the one row of
     * the empty group (read fuzzer, seed 5556741625550612791, case 1301, on the oracle's side; docs/mariadb-facts.md).
     * The fuzzer counts a case whose oracle agrees with the listener's side once HAVING is a WHERE over the group as
     * invalid. Fails once a MariaDB without the bug runs it: then that rule can go.
     */
    @Test
    void serverBug_havingOverEmptyImplicitGroup_readsMaxFromTheIndex() {
        plain.execute("create or replace table bug_a (id int primary key, v varchar(10))");
        plain.execute("create or replace table bug_b (id int primary key, w int, key (w))");
        plain.execute("create or replace table bug_n (id int primary key, name varchar(10) unique)");
        plain.execute("insert into bug_a select seq, concat('x', seq) from seq_1_to_20");
        plain.execute("insert into bug_b select seq, seq from seq_1_to_30");
        plain.execute("insert into bug_n select seq, concat('n', seq) from seq_1_to_6");
        plain.execute("analyze table bug_a, bug_b, bug_n");
        String select = "select count(*) from bug_a cross join bug_b join bug_n on bug_a.v = bug_n.name having max(bug_b.w) = %d";

        assertThat(plain.fetch(String.format(select, 30)).getValues(0, Integer.class)).as("MariaDB's wrong answer: the join is empty")
            .containsExactly(0);
        assertThat(plain.fetch(String.format(select, 29))).isEmpty();
        assertThat(plain.fetch("select max(bug_b.w) from bug_a cross join bug_b join bug_n on bug_a.v = bug_n.name").getValue(0, 0))
            .isNull();
    }

    /**
     * Not the library's: MariaDB 10.11 selected 7 keys for the oracle's DELETE of statement case 261 of seed
     * 2555900274416040320 on freshly loaded tables, and 6, the right answer, once derived_merge was off
     * (docs/mariadb-facts.md; no smaller repro shows it). The case must never count as a mismatch: it matches, or the
     * fuzzer counts it invalid because the oracle agrees with the library's side with an optimizer switch off.
     */
    @Test
    void serverBug_inOverSelfJoinedCte_isNoMismatch() {
        FuzzSettings settings = new FuzzSettings(2555900274416040320L, 0, 600, 261);
        try (FuzzDatabases databases = FuzzDatabases.create(io.github.softdelete.it.harness.MariaDbServers.shared(),
                RandomDataset.generate(settings.datasetSeed()))) {
            FuzzRun run = FuzzRun.statements(databases, settings);

            assertThat(run.cases()).isEqualTo(1);
            assertThat(run.count(Outcome.Verdict.MATCH) + run.count(Outcome.Verdict.INVALID)).as(run.firstFailure()).isEqualTo(1);
            if (run.count(Outcome.Verdict.INVALID) == 1)
                assertThat(run.invalid()).singleElement().asString().contains("optimizer_switch derived_merge=off");
        }
    }

    /**
     * Not the library's: MariaDB 10.11 answers EXISTS over a UNION intersected with a set holding NULL as false, and the
     * same in a derived table as true, the right answer: INTERSECT keeps a NULL found in both (statement fuzzer through
     * SQL text, seed -6550455603533206192, case 2511; docs/mariadb-facts.md). The fuzzer counts a case whose SQL-text
     * side has the subquery in jOOQ's derived table as invalid. Fails once a MariaDB without the bug runs it.
     */
    @Test
    void serverBug_existsOverUnionIntersectedWithNull_answersFalse() {
        plain.execute("create or replace table bug_e (id int primary key, e int)");
        plain.execute("create or replace table bug_n (id int primary key)");
        plain.execute("insert into bug_e values (1, null), (2, 5)");
        plain.execute("insert into bug_n values (1)");
        String sets = "((select e from bug_e) union (select 7)) intersect all (select null from bug_n)";

        assertThat(plain.fetchValue("select count(*) from bug_e where exists (" + sets + ")")).as("MariaDB's wrong answer").isEqualTo(0L);
        assertThat(plain.fetchValue("select count(*) from bug_e where exists (select * from (" + sets + ") as t)")).isEqualTo(2L);
        assertThat(plain.fetchValue("select count(*) from (" + sets + ") as t")).as("the intersection holds the NULL").isEqualTo(1L);
    }
}
