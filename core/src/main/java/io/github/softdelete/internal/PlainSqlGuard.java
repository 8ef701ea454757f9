package io.github.softdelete.internal;

import io.github.softdelete.SoftDeleteException;

/**
 * Rule (strict policies only): plain SQL cannot be rewritten, so rendering a plain-SQL template is
 * refused. A template's text is opaque to jOOQ; every plain-SQL query part ({@code DSL.sql},
 * {@code field(String)}, {@code table(String)}, {@code ctx.fetch(String)}, ...) renders through an
 * {@code org.jooq.SQL} part, which is what the listener looks for.
 */
final class PlainSqlGuard {

    private PlainSqlGuard() {
    }

    static SoftDeleteException refused(Object sql) {
        return new SoftDeleteException("cannot render the plain SQL template \"" + sql + "\": the soft-delete"
            + " policy is strict, and plain SQL cannot be filtered for deleted rows. Build the query with the"
            + " jOOQ DSL, or turn strict mode off with SoftDeletePolicy.Builder.strictPlainSql(false) and"
            + " filter deleted rows in the SQL text yourself");
    }
}
