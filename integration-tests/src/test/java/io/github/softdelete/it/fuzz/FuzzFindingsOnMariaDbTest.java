package io.github.softdelete.it.fuzz;

import static io.github.softdelete.it.db.Tables.CATEGORIES;
import static io.github.softdelete.it.db.Tables.LIKES;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDelete;
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

    @Test
    @Disabled("core bug: the staged anchor runs a DELETE's EXISTS over nested set operations unwrapped, which MariaDB"
        + " 10.11 refuses (1222), where jOOQ wraps it in a derived table for MariaDB's own DELETE (issue 25)")
    @Override
    void delete_existsOverNestedSetOperationsOnItsTable_softDeletes() {
        super.delete_existsOverNestedSetOperationsOnItsTable_softDeletes();
    }
}
