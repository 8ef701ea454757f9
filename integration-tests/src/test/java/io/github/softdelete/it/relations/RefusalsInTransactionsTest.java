package io.github.softdelete.it.relations;

import static io.github.softdelete.it.db.Tables.CATEGORIES;
import static io.github.softdelete.it.db.Tables.TAGS;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;

import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.harness.PostgresTest;

/**
 * What a caller who catches a refusal inside a transaction can do next (docs/guarantees.md, "Refusals"). A refusal
 * raised by the statement (a RESTRICT key here) is an error of PostgreSQL's, which aborts the transaction like a
 * foreign-key violation does; inside a nested transaction (a savepoint) only the savepoint is lost. A refusal raised
 * before the statement runs (a write of the marker) leaves the transaction as it was.
 */
@PostgresTest
class RefusalsInTransactionsTest extends SeededDatabaseTest {

    /** The tree of {@link TreeData}: category 2 has a live post over a RESTRICT key. */
    @Override
    protected void seed(DSLContext plain) {
        TreeData.reset(plain);
    }

    @Test
    void refusalRaisedByTheStatement_abortsTheTransaction() {
        if (onMariaDb()) {
            // MariaDB aborts no transaction on an error: the refused delete rolled back to its savepoint
            // (StagedTransaction), and the transaction goes on and commits
            ctx.transaction(tx -> {
                DSLContext in = DSL.using(tx);
                assertThatThrownBy(() -> in.deleteFrom(CATEGORIES).where(CATEGORIES.ID.eq(2L)).execute())
                    .isInstanceOf(SoftDeleteException.class);
                in.insertInto(TAGS, TAGS.ID, TAGS.NAME).values(900L, "after the refusal").execute();
            });
            assertThat(plain.fetchCount(TAGS, TAGS.ID.eq(900L))).isEqualTo(1);
            assertThat(plain.fetchValue(CATEGORIES.DELETED_AT, CATEGORIES.ID.eq(2L))).isNull();
            return;
        }
        assertThatThrownBy(() -> ctx.transaction(tx -> {
            DSLContext in = DSL.using(tx);
            assertThatThrownBy(() -> in.deleteFrom(CATEGORIES).where(CATEGORIES.ID.eq(2L)).execute())
                .isInstanceOf(SoftDeleteException.class);
            in.insertInto(TAGS, TAGS.ID, TAGS.NAME).values(900L, "after the refusal").execute();
        })).isInstanceOf(DataAccessException.class)
            .satisfies(e -> assertThat(((DataAccessException) e).sqlState()).as("current transaction is aborted").isEqualTo("25P02"));

        assertThat(plain.fetchCount(TAGS, TAGS.ID.eq(900L))).isZero();
        assertThat(plain.fetchValue(CATEGORIES.DELETED_AT, CATEGORIES.ID.eq(2L))).isNull();
    }

    @Test
    void refusalInANestedTransaction_theOuterOneGoesOnAndCommits() {
        long id = 2L;
        // snippet:begin refusal-in-a-savepoint
        ctx.transaction(tx -> {
            try {
                tx.dsl().transaction(nested -> nested.dsl().deleteFrom(CATEGORIES).where(CATEGORIES.ID.eq(id)).execute());
            } catch (SoftDeleteException refused) {
                // only the savepoint is rolled back; the transaction goes on
            }
            tx.dsl().insertInto(TAGS, TAGS.ID, TAGS.NAME).values(901L, "after the refusal").execute();
        });
        // snippet:end refusal-in-a-savepoint

        assertThat(plain.fetchCount(TAGS, TAGS.ID.eq(901L))).isEqualTo(1);
        assertThat(plain.fetchValue(CATEGORIES.DELETED_AT, CATEGORIES.ID.eq(2L))).isNull();
    }

    @Test
    void refusalRaisedBeforeTheStatementRuns_leavesTheTransactionUsable() {
        ctx.transaction(tx -> {
            DSLContext in = DSL.using(tx);
            assertThatThrownBy(() -> in.update(USERS).set(USERS.DELETED_AT, OffsetDateTime.now()).where(USERS.ID.eq(1L)).execute())
                .isInstanceOf(SoftDeleteException.class);
            in.insertInto(TAGS, TAGS.ID, TAGS.NAME).values(902L, "after the refusal").execute();
        });

        assertThat(plain.fetchCount(TAGS, TAGS.ID.eq(902L))).isEqualTo(1);
        assertThat(plain.fetchValue(USERS.DELETED_AT, USERS.ID.eq(1L))).isNull();
    }
}
