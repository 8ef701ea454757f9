package io.github.softdelete.it.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.OffsetDateTime;
import java.util.List;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeletePolicy;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.harness.PostgresTest;

/**
 * An outer join without ON filters its null-extended side inside a nested join with PostgreSQL's
 * empty relation; the planner must flatten that away and plan the USING form exactly like the ON form,
 * on 100k parents and 200k children (a partial index on live rows, as the lint recommends).
 */
@PostgresTest
class OuterJoinPlanTest extends SeededDatabaseTest {

    private static final Table<?> PARENT = table(name("plan_parent"));
    private static final Table<?> CHILD = table(name("plan_child"));
    private static final Field<Long> PARENT_ID = field(name("parent_id"), Long.class);

    /** The policy of the two plan tables. */
    private static DSLContext planned;

    /** Keeps the 300,000 rows {@link #createTables} loaded once: the tests only explain. */
    @Override
    protected void seed(DSLContext plain) {
    }

    @BeforeAll
    static void createTables() {
        plain.execute("create table plan_parent (parent_id bigint primary key, deleted_at timestamptz)");
        plain.execute("create table plan_child (child_id bigint primary key, parent_id bigint not null, deleted_at timestamptz)");
        plain.execute("insert into plan_parent select g, case when g % 10 = 0 then now() end from generate_series(1, 100000) g");
        plain.execute("insert into plan_child select g, 1 + g % 100000, case when g % 7 = 0 then now() end from generate_series(1, 200000) g");
        plain.execute("create index plan_child_live on plan_child (parent_id) where deleted_at is null");
        plain.execute("analyze plan_parent");
        plain.execute("analyze plan_child");
        SoftDeletePolicy policy = SoftDeletePolicy.builder()
            .table(PARENT, field(name("plan_parent", "deleted_at"), OffsetDateTime.class))
            .table(CHILD, field(name("plan_child", "deleted_at"), OffsetDateTime.class))
            .build();
        planned = DSL.using(SoftDelete.install(database.newConfiguration(), policy));
    }

    @Test
    void leftJoinUsing_plannedLikeTheOnForm() {
        Query using = planned.select(DSL.count()).from(PARENT).leftJoin(CHILD).using(PARENT_ID)
            .where(PARENT_ID.between(1000L, 1100L));
        Query on = planned.select(DSL.count()).from(PARENT).leftJoin(CHILD)
            .on(field(name("plan_child", "parent_id")).eq(field(name("plan_parent", "parent_id"))))
            .where(field(name("plan_parent", "parent_id"), Long.class).between(1000L, 1100L));

        assertThat(nodes(using)).isEqualTo(nodes(on)).contains("Index Only Scan using plan_child_live on plan_child");
    }

    @Test
    void fullJoinUsing_plannedLikeTheOnForm() {
        Query using = planned.select(DSL.count()).from(PARENT).fullJoin(CHILD).using(PARENT_ID);
        Query on = planned.select(DSL.count()).from(PARENT).fullJoin(CHILD)
            .on(field(name("plan_child", "parent_id")).eq(field(name("plan_parent", "parent_id"))));

        assertThat(nodes(using)).isEqualTo(nodes(on));
    }

    /** The plan's node lines, without conditions and costs: what PostgreSQL does, not how it words it. */
    private static List<String> nodes(Query query) {
        List<String> plan = plain.fetch("explain (costs off) " + planned.renderInlined(query)).getValues(0, String.class);
        return plan.stream()
            .filter(line -> !line.contains(":"))
            .map(line -> line.replace("->", "").strip())
            .toList();
    }
}
