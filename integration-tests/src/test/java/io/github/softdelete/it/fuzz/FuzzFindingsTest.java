package io.github.softdelete.it.fuzz;

import static io.github.softdelete.it.db.Tables.LIKES;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.github.softdelete.it.db.tables.Likes;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.harness.PostgresTest;

/**
 * What the differential fuzzers found, each reduced to the smallest statement on the reference rows that
 * shows it, kept so that it stays fixed. {@link FuzzFindingsOnMariaDbTest} runs them on MariaDB.
 */
@PostgresTest
class FuzzFindingsTest extends SeededDatabaseTest {

    /** MariaDB statement fuzzer, seed 1, case 53: {@code DELETE FROM likes AS t0 ...} failed with 1054 (SET named likes, not t0). */
    @Test
    void delete_aliasedTargetWithoutChildren_softDeletesItsRows() {
        Likes l = LIKES.as("l");

        int count = ctx.deleteFrom(l).where(l.USER_ID.eq(1L)).execute();

        assertThat(count).isEqualTo(3);
        assertThat(plain.fetchCount(LIKES, LIKES.USER_ID.eq(1L).and(LIKES.DELETED_AT.isNull()))).isZero();
    }

    /**
     * MariaDB statement fuzzer, seed 1, case 6: a DELETE ... USING that joins one target row with several rows
     * failed with 1062 (Duplicate entry) in the staged anchor's key table.
     */
    @Test
    void deleteUsing_targetRowJoinedWithSeveralRows_softDeletesItOnce() {
        // alice (1) has three live likes
        int count = ctx.deleteFrom(USERS).using(LIKES).where(LIKES.USER_ID.eq(USERS.ID)).and(USERS.ID.eq(1L)).execute();

        assertThat(count).isEqualTo(1);
        assertThat(plain.fetchValue(USERS.DELETED_AT, USERS.ID.eq(1L))).isNotNull();
        assertThat(plain.fetchCount(LIKES, LIKES.USER_ID.eq(1L).and(LIKES.DELETED_AT.isNull()))).isZero();
    }
}
