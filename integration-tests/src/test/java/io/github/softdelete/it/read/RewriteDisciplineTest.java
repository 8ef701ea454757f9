package io.github.softdelete.it.read;

import static io.github.softdelete.it.db.Public.PUBLIC;
import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.select;

import java.util.List;

import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.SelectConditionStep;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import io.github.softdelete.PlainSql;
import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.SoftDeletePolicy;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.harness.PostgresTest;

/** The rewrite never mutates the user's query, adds no bind values, and scopes its opt-outs. */
@PostgresTest
class RewriteDisciplineTest extends SeededDatabaseTest {

    @Test
    void queryObject_executedTwice_unchangedAndSameSql() {
        SelectConditionStep<Record1<Long>> query = ctx.select(POSTS.ID).from(POSTS).where(POSTS.AUTHOR_ID.eq(1L));
        String plainBefore = plain.render(query);
        String rewritten = query.getSQL();

        assertThat(query.fetch(POSTS.ID)).containsExactly(10L);
        assertThat(query.fetch(POSTS.ID)).containsExactly(10L);
        assertThat(query.getSQL()).isEqualTo(rewritten).contains("\"deleted_at\" is null");
        assertThat(plain.render(query)).isEqualTo(plainBefore).doesNotContain("deleted_at");
        assertThat(ctx.render(query)).isEqualTo(rewritten);
    }

    @Test
    void bindValues_rewriteAddsNone() {
        var query = ctx.select(POSTS.ID).from(POSTS).join(USERS).on(USERS.ID.eq(POSTS.AUTHOR_ID)).where(USERS.NAME.eq("bob"));

        assertThat(query.getBindValues()).containsExactly("bob");
        assertThat(plain.extractBindValues(query)).containsExactly("bob");
    }

    @Test
    void batch_updateWithFilteredSubqueryAndBinds_runsPerBinding() {
        var update = ctx.update(COMMENTS).set(COMMENTS.BODY, (String) null)
            .where(COMMENTS.POST_ID.in(select(POSTS.ID).from(POSTS).where(POSTS.AUTHOR_ID.eq((Long) null))));

        int[][] counts = new int[1][];
        try {
            ctx.transaction(tx -> {
                counts[0] = tx.dsl().batch(update).bind("by alice", 1L).bind("by carol", 3L).bind("by bob", 2L).execute();
                throw new RolledBack(); // keep the shared dataset unchanged for the other tests
            });
        } catch (RolledBack expected) {
            // the rollback is the point
        }

        // alice: post 10 -> comments 100, 102 (101 deleted); carol: post 13 has none; bob: post 12 -> 103 (105 deleted)
        assertThat(counts[0]).containsExactly(2, 0, 1);
    }

    private static final class RolledBack extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void includeDeleted_insideTransaction_appliesAndDoesNotLeak() {
        int inside = ctx.transactionResult(tx -> SoftDelete.includeDeleted(tx.dsl()).fetchCount(USERS));
        int derivedThenTransaction = SoftDelete.includeDeleted(ctx).transactionResult(tx -> tx.dsl().fetchCount(USERS));
        int parentInsideTransaction = ctx.transactionResult(tx -> tx.dsl().fetchCount(USERS));

        assertThat(inside).isEqualTo(4);
        assertThat(derivedThenTransaction).isEqualTo(4);
        assertThat(parentInsideTransaction).isEqualTo(3);
        assertThat(ctx.fetchCount(USERS)).isEqualTo(3);
    }

    @Test
    void onlyDeleted_insideTransaction_applies() {
        List<Long> ids = SoftDelete.onlyDeleted(ctx).transactionResult(tx -> tx.dsl().fetch(USERS).getValues(USERS.ID));

        assertThat(ids).containsExactly(3L);
    }

    @Test
    void plainSql_defaultPolicy_isParsedAndFiltered() {
        assertThat(ctx.fetch("select id from users").size()).isEqualTo(3);
    }

    @Test
    void plainSql_passThroughPolicy_parsedWhereJooqCan_unparseableUnfiltered() {
        SoftDeletePolicy passing = SoftDeletePolicy.builder().schema(PUBLIC).plainSql(PlainSql.PASS_THROUGH_UNFILTERED).build();
        DSLContext passingCtx = DSL.using(SoftDelete.install(database.newConfiguration(), passing));

        assertThat(passingCtx.fetch("select id from users").size()).isEqualTo(3);
        assertThat(passingCtx.fetch("select ntile(id::int) over () from users").size()).isEqualTo(4);
    }

    @Test
    void plainSql_vouchedFor_isNotFiltered() {
        assertThat(SoftDelete.allowPlainSql(ctx).fetch("select id from users").size()).isEqualTo(4);
    }

    @Test
    void plainSql_strictPolicy_refused() {
        SoftDeletePolicy strict = SoftDeletePolicy.builder().schema(PUBLIC).plainSql(PlainSql.REFUSE).build();
        DSLContext strictCtx = DSL.using(SoftDelete.install(database.newConfiguration(), strict));

        assertThatThrownBy(() -> strictCtx.fetch("select id from users"))
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("plain SQL");
        assertThatThrownBy(() -> strictCtx.select(DSL.field("id")).from(DSL.table("users")).fetch())
            .isInstanceOf(SoftDeleteException.class);
        assertThat(strictCtx.fetchCount(USERS)).isEqualTo(3);
        assertThat(strictCtx.select(USERS.ID).from(USERS).where(DSL.condition("id > 1")).fetch(USERS.ID)).containsExactly(2L, 4L);
    }

    @Test
    void naturalLeftJoinOverSoftDeletableTable_sameRowsAsTheOnForm() {
        // users and posts share "id" and "deleted_at": NATURAL joins on both
        List<Long> natural = ctx.select(USERS.ID).from(USERS).naturalLeftOuterJoin(POSTS).orderBy(USERS.ID).fetch(USERS.ID);
        List<Long> on = ctx.select(USERS.ID).from(USERS).leftJoin(POSTS)
            .on(POSTS.ID.eq(USERS.ID).and(POSTS.DELETED_AT.eq(USERS.DELETED_AT))).orderBy(USERS.ID).fetch(USERS.ID);

        assertThat(natural).containsExactly(1L, 2L, 4L).isEqualTo(on);
    }
}
