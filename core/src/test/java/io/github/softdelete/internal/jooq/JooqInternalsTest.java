package io.github.softdelete.internal.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import io.github.softdelete.internal.sqltext.ParseVerdicts;

/** The jOOQ classes recognised by name exist on this jOOQ, are the ones jOOQ builds, and a missing one fails install. */
class JooqInternalsTest {

    @Test
    void requireSupported_thisJooq_passes() {
        assertThatCode(JooqInternals::requireSupported).doesNotThrowAnyException();
        assertThat(JooqInternals.ALL).allSatisfy(internal -> assertThat(internal.type()).as(internal.name()).isNotNull());
    }

    @Test
    void requireFound_missingName_failsNamingVersionNameAndWayOut() {
        var missing = JooqInternals.Internal.of("org.jooq.impl.NoSuchQuery", "what a test looks for");
        assertThatThrownBy(() -> JooqInternals.requireFound(List.of(JooqInternals.SQL_QUERY, missing), "3.99.0"))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("jOOQ 3.99.0")
            .hasMessageContaining("org.jooq.impl.NoSuchQuery (what a test looks for)")
            .hasMessageNotContaining("org.jooq.impl.SQLQuery")
            .hasMessageContaining("use one of those versions");
    }

    @Test
    void plainSqlClasses_areWhatJooqBuilds() {
        var ctx = DSL.using(SQLDialect.POSTGRES);
        assertThat(JooqInternals.SQL_QUERY.is(ctx.query("delete from t"))).isTrue();
        assertThat(JooqInternals.SQL_RESULT_QUERY.is(ctx.resultQuery("select 1"))).isTrue();
        assertThat(JooqInternals.SQL_TABLE.is(DSL.table("t"))).isTrue();
        assertThat(JooqInternals.SQL_TABLE.is(DSL.table(DSL.name("t")))).isFalse();
        assertThat(JooqInternals.SQL_TABLE.is(null)).isFalse();
    }

    @Test
    void ignoreQuery_isWhatJooqsParserReadsASetCommandAs() {
        var query = DSL.using(SQLDialect.POSTGRES).parser().parseQuery("SET statement_timeout = 0");
        assertThat(JooqInternals.IGNORE_QUERY.is(query)).as(query.getClass().getName()).isTrue();
        assertThat(ParseVerdicts.ignoredByJooq(query)).isTrue();
        assertThat(ParseVerdicts.ignoredByJooq(DSL.using(SQLDialect.POSTGRES).parser().parseQuery("delete from t"))).isFalse();
    }
}
