package io.github.softdelete.internal.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jooq.impl.DSL;
import org.jooq.impl.QOM;
import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDeleteException;

/** A join type the library does not know is refused, never treated as an inner join. */
class JoinKindTest {

    @Test
    void kind_joinTypeUnknownToTheLibrary_refusedNamingTheJooqVersion() {
        // A join type that a future jOOQ might add: a JoinTable that is none of the 3.19 subtypes. JoinTable
        // is sealed in 3.19, so no instance can be made; the interface itself stands for the unknown class.
        assertThatThrownBy(() -> Qom.kind(QOM.JoinTable.class))
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("unknown to softdelete")
            .hasMessageContaining("this is jOOQ " + JooqVersion.running() + ")");
    }

    @Test
    void kind_everyJoinTypeOfJooq319_known() {
        var a = DSL.table(DSL.name("a"));
        var b = DSL.table(DSL.name("b"));
        var on = DSL.noCondition();
        assertThat(Qom.kind((QOM.JoinTable<?, ?>) a.join(b).on(on))).isEqualTo(JoinKind.INNER);
        assertThat(Qom.kind((QOM.JoinTable<?, ?>) a.crossJoin(b))).isEqualTo(JoinKind.INNER);
        assertThat(Qom.kind((QOM.JoinTable<?, ?>) a.naturalJoin(b))).isEqualTo(JoinKind.INNER);
        assertThat(Qom.kind((QOM.JoinTable<?, ?>) a.straightJoin(b).on(on))).isEqualTo(JoinKind.INNER);
        assertThat(Qom.kind((QOM.JoinTable<?, ?>) a.crossApply(b))).isEqualTo(JoinKind.INNER);
        assertThat(Qom.kind((QOM.JoinTable<?, ?>) a.leftJoin(b).on(on))).isEqualTo(JoinKind.LEFT);
        assertThat(Qom.kind((QOM.JoinTable<?, ?>) a.naturalLeftOuterJoin(b))).isEqualTo(JoinKind.LEFT);
        assertThat(Qom.kind((QOM.JoinTable<?, ?>) a.leftSemiJoin(b).on(on))).isEqualTo(JoinKind.LEFT);
        assertThat(Qom.kind((QOM.JoinTable<?, ?>) a.leftAntiJoin(b).on(on))).isEqualTo(JoinKind.LEFT);
        assertThat(Qom.kind((QOM.JoinTable<?, ?>) a.outerApply(b))).isEqualTo(JoinKind.LEFT);
        assertThat(Qom.kind((QOM.JoinTable<?, ?>) a.rightJoin(b).on(on))).isEqualTo(JoinKind.RIGHT);
        assertThat(Qom.kind((QOM.JoinTable<?, ?>) a.naturalRightOuterJoin(b))).isEqualTo(JoinKind.RIGHT);
        assertThat(Qom.kind((QOM.JoinTable<?, ?>) a.fullJoin(b).on(on))).isEqualTo(JoinKind.FULL);
        assertThat(Qom.kind((QOM.JoinTable<?, ?>) a.naturalFullOuterJoin(b))).isEqualTo(JoinKind.FULL);
    }

    @Test
    void requireSupported_jooq319_passes() {
        Qom.requireSupported();
        assertThat(JooqVersion.running()).startsWith("3.");
    }
}
