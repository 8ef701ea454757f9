package io.github.softdelete.it.guarantees;

import static io.github.softdelete.it.db.Tables.CATEGORIES;
import static io.github.softdelete.it.db.Tables.LIKES;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.POST_TAGS;
import static io.github.softdelete.it.db.Tables.TAGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.harness.PostgresTest;

/** TRUNCATE is a physical removal: refused on soft-deletable tables outside hardDelete. */
@PostgresTest
class TruncateTest extends SeededDatabaseTest {

    @Test
    void truncate_softDeletableTable_refused_rowsKept() {
        assertThatThrownBy(() -> ctx.truncate(LIKES).execute())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("cannot TRUNCATE \"likes\"");

        assertThat(plain.fetchCount(LIKES)).isEqualTo(7);
    }

    @Test
    void truncateCascade_softDeletableTableAmongThem_refused_rowsKept() {
        assertThatThrownBy(() -> ctx.truncate(CATEGORIES).cascade().execute())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("cannot TRUNCATE \"categories\"");

        assertThat(plain.fetchCount(CATEGORIES)).isEqualTo(3);
        assertThat(plain.fetchCount(POSTS)).isEqualTo(6);
    }

    @Test
    void truncate_hardDelete_removesTheRows() {
        // snippet:begin truncate-hard-delete
        SoftDelete.hardDelete(ctx).truncate(LIKES).execute();
        // snippet:end truncate-hard-delete

        assertThat(plain.fetchCount(LIKES)).isZero();
    }

    @Test
    void truncateCascade_tableNotSoftDeletable_notReferencedBySoftDeletableTables_runs() {
        if (onMariaDb()) {
            assertThatThrownBy(() -> ctx.truncate(TAGS).cascade().execute()).as("MariaDB has no TRUNCATE ... CASCADE")
                .isInstanceOf(org.jooq.exception.DataAccessException.class);
            return;
        }
        ctx.truncate(TAGS).cascade().execute();

        assertThat(plain.fetchCount(TAGS)).isZero();
        assertThat(plain.fetchCount(POST_TAGS)).isZero();
        assertThat(plain.fetchCount(POSTS)).isEqualTo(6);
    }
}
