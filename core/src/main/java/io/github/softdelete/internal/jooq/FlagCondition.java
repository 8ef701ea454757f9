package io.github.softdelete.internal.jooq;

import org.jooq.Context;
import org.jooq.Field;
import org.jooq.impl.CustomCondition;
import org.jooq.impl.DSL;

/**
 * A predicate on a boolean flag column, rendered the way PostgreSQL matches it against partial
 * indexes: {@code NOT is_deleted} is exactly the predicate of an index {@code ... WHERE NOT is_deleted},
 * so the planner can use that index; {@code is_deleted = false} would be simplified to the same, but
 * {@code is_deleted IS NOT TRUE} is not, and is used only where NULL must count as live (a nullable
 * column, or a row that a FULL JOIN null-extended).
 *
 * <p>It carries no bind values, like every injected predicate.
 */
public final class FlagCondition extends CustomCondition {

    private static final long serialVersionUID = 1L;

    public enum Test {
        /** {@code flag}: deleted, on a NOT NULL column. */
        SET(""),
        /** {@code NOT flag}: live, on a NOT NULL column. */
        NOT_SET(""),
        /** {@code flag IS TRUE}: deleted, NULL counting as live. */
        IS_TRUE(" is true"),
        /** {@code flag IS NOT TRUE}: live, NULL counting as live. */
        IS_NOT_TRUE(" is not true");

        private final String suffix;

        Test(String suffix) {
            this.suffix = suffix;
        }
    }

    private final Field<?> flag;
    private final Test test;

    public FlagCondition(Field<?> flag, Test test) {
        this.flag = flag;
        this.test = test;
    }

    @Override
    public void accept(Context<?> ctx) {
        if (test == Test.NOT_SET)
            ctx.visit(DSL.keyword("not")).sql(' ');
        ctx.visit(flag);
        if (!test.suffix.isEmpty())
            ctx.sql(' ').visit(DSL.keyword(test.suffix.substring(1)));
    }
}
