package io.github.softdelete.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.UnparseableSql;

/**
 * Whether the SQL-text path sends a string through jOOQ's parser, unchanged, or refuses it; whatever
 * exception jOOQ's parser fails with.
 */
class ParseVerdictsTest {

    private static final String WHOLE_ROW_OF_A_CTE = "with c as (select id from users) select (select * from c where id = 3)";

    private final ParseVerdicts refusing = verdicts(UnparseableSql.REFUSE);

    @Test
    void parse_parseableSelect_parsed() {
        assertThat(refusing.parse("select id from users where id = ?")).isTrue();
    }

    @Test
    void parse_setCommandJooqReadsAsNothing_unchanged() {
        assertThat(refusing.parse("SET statement_timeout = 0")).isFalse();
    }

    @Test
    void parse_parserFailsWithAnotherExceptionThanParserException_refusedQuotingIt() {
        // jOOQ's parser throws an IllegalStateException for a whole-row scalar subquery of a CTE
        assertThatThrownBy(() -> refusing.parse(WHOLE_ROW_OF_A_CTE))
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("cannot filter the SQL statement \"" + WHOLE_ROW_OF_A_CTE + "\"")
            .hasMessageContaining("(IllegalStateException: Only single-column selects have a scalar type)");
        assertThat(verdicts(UnparseableSql.PASS_THROUGH_UNFILTERED).parse(WHOLE_ROW_OF_A_CTE)).isFalse();
    }

    private static ParseVerdicts verdicts(UnparseableSql unparseable) {
        return new ParseVerdicts(PlainSqlParsing.parserConfiguration(DSL.using(SQLDialect.POSTGRES).configuration()), unparseable, 16);
    }
}
