package io.github.softdelete.internal.sqltext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.PlainSql;

/**
 * Where the SQL-text path sends a string: through jOOQ's parser (cached, or rendered for each execution),
 * unchanged, or refused; whatever exception jOOQ's parser fails with.
 */
class ParseVerdictsTest {

    private static final String WHOLE_ROW_OF_A_CTE = "with c as (select id from users) select (select * from c where id = 3)";

    private final ParseVerdicts refusing = verdicts(PlainSql.PARSE);

    @Test
    void route_parseableSelect_parsed() {
        assertThat(refusing.route("select id from users where id = ?")).isEqualTo(ParseVerdicts.Route.PARSED);
    }

    @Test
    void route_setCommandJooqReadsAsNothing_unchanged() {
        assertThat(refusing.route("SET statement_timeout = 0")).isEqualTo(ParseVerdicts.Route.UNCHANGED);
    }

    @Test
    void route_parserFailsWithAnotherExceptionThanParserException_refusedQuotingIt() {
        // jOOQ's parser throws an IllegalStateException for a whole-row scalar subquery of a CTE
        assertThatThrownBy(() -> refusing.route(WHOLE_ROW_OF_A_CTE))
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("cannot filter the SQL statement \"" + WHOLE_ROW_OF_A_CTE + "\"")
            .hasMessageContaining("(IllegalStateException: Only single-column selects have a scalar type)");
        assertThat(verdicts(PlainSql.PASS_THROUGH_UNFILTERED).route(WHOLE_ROW_OF_A_CTE)).isEqualTo(ParseVerdicts.Route.UNCHANGED);
    }

    @Test
    void route_insertWritingAnOwnedColumnFromABindValue_renderedEachExecution() {
        assertThat(refusing.route("insert into posts (author_id, deleted_at) values (?, ?)"))
            .isEqualTo(ParseVerdicts.Route.PARSED_EACH_EXECUTION);
        assertThat(refusing.route("insert into posts (author_id, deleted_at) values (?, ?) returning id"))
            .isEqualTo(ParseVerdicts.Route.PARSED_EACH_EXECUTION);
        assertThat(refusing.route("insert into posts (author_id, deleted_at) values (1, null), (?, ?)"))
            .isEqualTo(ParseVerdicts.Route.PARSED_EACH_EXECUTION);
    }

    @Test
    void route_insertWithoutABindValueInAnOwnedColumn_parsed() {
        // a literal is part of the SQL string, by which jOOQ's cache tells renderings apart
        assertThat(refusing.route("insert into posts (author_id, deleted_at) values (?, null)")).isEqualTo(ParseVerdicts.Route.PARSED);
        assertThat(refusing.route("insert into posts (author_id, title) values (?, ?)")).isEqualTo(ParseVerdicts.Route.PARSED);
        assertThat(refusing.route("update posts set title = ? where id = ?")).isEqualTo(ParseVerdicts.Route.PARSED);
    }

    @Test
    void route_unparseableNamingNoSoftDeletableTable_unchanged() {
        assertThat(refusing.route("select ntile(id::int) over () from tags")).isEqualTo(ParseVerdicts.Route.UNCHANGED);
    }

    @Test
    void route_refusingSetting_parsesNothing_refusesTextNamingASoftDeletableTable() {
        ParseVerdicts strict = verdicts(PlainSql.REFUSE);
        assertThatThrownBy(() -> strict.route("select id from users")).isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("PlainSql.REFUSE");
        assertThat(strict.route("select id from tags")).isEqualTo(ParseVerdicts.Route.UNCHANGED);
    }

    private static ParseVerdicts verdicts(PlainSql plainSql) {
        return new ParseVerdicts(PlainSqlParsing.parserConfiguration(DSL.using(SQLDialect.POSTGRES).configuration()),
            plainSql, name -> name.equals("users") || name.equals("posts"), Set.of("deleted_at"), null, 16);
    }
}
