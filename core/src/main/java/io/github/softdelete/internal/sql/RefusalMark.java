package io.github.softdelete.internal.sql;

import org.jooq.Context;
import org.jooq.impl.CustomField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import io.github.softdelete.internal.jooq.Engine;

/**
 * The value an in-statement check takes when it fails: {@code CASE WHEN <failure> THEN <mark> ... ELSE '0' END},
 * cast to an integer and compared with 0. Evaluating the mark fails the statement, and the server's message quotes
 * it, which is how {@code StatementRefusals} tells which check failed (never by the message's words).
 * <ul>
 *   <li>PostgreSQL: the text {@code '<mark><key>'}, whose CAST to integer fails (22P02, the text quoted).</li>
 *   <li>MariaDB: {@code 18446744073709551615 + octet_length('<mark><key>')}, an overflow of BIGINT UNSIGNED (1690,
 *       SQLSTATE 22003, the expression quoted). Its failed CAST of text would only warn, and write 0, outside strict
 *       mode and in every WHERE clause (docs/mariadb-facts.md); the overflow fails in every SQL mode and every clause.
 *       The expression is constant, but it stands in a branch of a CASE whose condition depends on the row, and
 *       MariaDB evaluates a branch only when it is taken.</li>
 * </ul>
 * Carries no bind value.
 */
public final class RefusalMark extends CustomField<String> {

    private static final long serialVersionUID = 1L;

    private static final String UNSIGNED_BIGINT_MAX = "18446744073709551615";

    private final String mark;

    public RefusalMark(String mark) {
        super("softdelete_refusal", SQLDataType.VARCHAR);
        this.mark = mark;
    }

    @Override
    public void accept(Context<?> ctx) {
        if (Engine.of(ctx) == Engine.MARIADB)
            ctx.sql('(').sql(UNSIGNED_BIGINT_MAX).sql(" + ").visit(DSL.keyword("octet_length")).sql('(').visit(DSL.inline(mark)).sql("))");
        else
            ctx.visit(DSL.inline(mark));
    }
}
