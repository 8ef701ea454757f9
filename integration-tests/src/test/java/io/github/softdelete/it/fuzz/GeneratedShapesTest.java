package io.github.softdelete.it.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * The generator really produces the shapes it claims: over 2,000 cases of a fixed seed, every shape of
 * {@link Shape#reads()} and {@link Shape#statements()} occurs. Needs no database.
 */
class GeneratedShapesTest {

    private static final int CASES = 2_000;
    private static final long SEED = 20_260_101L;

    private final QueryGenerator generator = new QueryGenerator();

    @Test
    void reads_over2000Cases_produceEveryShape() {
        Map<Shape, Integer> counts = new EnumMap<>(Shape.class);
        for (int i = 0; i < CASES; i++)
            generator.read(i, QueryGenerator.caseSeed(SEED, i)).shapes().forEach(shape -> counts.merge(shape, 1, Integer::sum));

        assertThat(counts.keySet()).as("shape counts %s", counts).containsAll(Shape.reads());
    }

    @Test
    void statements_over2000Cases_produceEveryShape() {
        Map<Shape, Integer> counts = new EnumMap<>(Shape.class);
        for (int i = 0; i < CASES; i++)
            generator.statement(i, QueryGenerator.caseSeed(SEED, i)).shapes().forEach(shape -> counts.merge(shape, 1, Integer::sum));

        assertThat(counts.keySet()).as("shape counts %s", counts).containsAll(Shape.statements());
    }

    @Test
    void read_sameSeed_sameQuery() {
        DSLContext render = DSL.using(SQLDialect.POSTGRES);
        Set<String> distinct = new TreeSet<>();
        for (int i = 0; i < 50; i++) {
            long seed = QueryGenerator.caseSeed(SEED, i);
            String sql = render.renderInlined(generator.read(i, seed).query());
            assertThat(render.renderInlined(generator.read(i, seed).query())).isEqualTo(sql);
            distinct.add(sql);
        }
        assertThat(distinct).hasSizeGreaterThan(45);
    }

    @Test
    void statement_sameSeed_sameStatement() {
        DSLContext render = DSL.using(SQLDialect.POSTGRES);
        for (int i = 0; i < 50; i++) {
            long seed = QueryGenerator.caseSeed(SEED, i);
            assertThat(render.renderInlined(generator.statement(i, seed).statement()))
                .isEqualTo(render.renderInlined(generator.statement(i, seed).statement()));
        }
    }
}
