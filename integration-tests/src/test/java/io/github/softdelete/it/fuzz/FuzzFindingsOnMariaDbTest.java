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
}
