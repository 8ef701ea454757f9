package io.github.softdelete.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class QueryShapeTest {

    /** The shapes that touch no soft-deletable table. (INSERT is rewritten since its keys are checked for deleted parents.) */
    private static final Set<QueryShape> UNCHANGED = EnumSet.of(QueryShape.NOT_SOFT_DELETABLE);

    @ParameterizedTest
    @EnumSource(QueryShape.class)
    void render_noopListener_rendersLikePlainJooq(QueryShape shape) {
        String[] sql = RenderBenchmark.renderAll(shape);

        assertThat(sql[1]).isEqualTo(sql[0]);
    }

    @ParameterizedTest
    @EnumSource(QueryShape.class)
    void render_softDelete_rewritesExactlyTheShapesWithSoftDeletableTables(QueryShape shape) {
        String[] sql = RenderBenchmark.renderAll(shape);

        if (UNCHANGED.contains(shape))
            assertThat(sql[2]).isEqualTo(sql[0]);
        else
            assertThat(sql[2]).isNotEqualTo(sql[0]).contains("deleted_at");
    }

    @ParameterizedTest
    @EnumSource(QueryShape.class)
    void query_isBuiltAnewEachTime_butRendersTheSame(QueryShape shape) {
        assertThat(shape.query()).isNotSameAs(shape.query());
        assertThat(shape.query().getSQL()).isEqualTo(shape.query().getSQL());
    }

    @Test
    void dslShapes_areTheTenOfTheGeometricMean_plainSqlBesideThem() {
        assertThat(QueryShape.dslShapes()).hasSize(10).doesNotContain(QueryShape.PLAIN_SQL);
        assertThat(QueryShape.values()).hasSize(11);
    }
}
