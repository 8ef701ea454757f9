package io.github.softdelete.internal;

import java.util.regex.Pattern;

import org.jooq.Query;
import org.jooq.QueryPart;
import org.jooq.Table;
import org.jooq.VisitContext;

import io.github.softdelete.SoftDeleteException;

/**
 * Rule (strict policies only): plain SQL that can read rows is refused, because its text is opaque
 * and cannot be filtered.
 *
 * <p>Every plain-SQL part renders its text through an {@code org.jooq.SQL} part, which is what the
 * listener sees. jOOQ itself uses such templates internally ({@code count(*)} renders
 * {@code DSL.raw("*")}, some functions are templates), so refusing all of them would break ordinary
 * queries. A plain-SQL fragment can only read rows as a table or through a SELECT, so this guard refuses:
 * <ul>
 *   <li>plain-SQL tables ({@code DSL.table(String)}) and whole plain-SQL statements
 *       ({@code ctx.fetch(String)}, {@code ctx.query(String)}, {@code ctx.resultQuery(String)}): the
 *       template's parent is a table or a query;</li>
 *   <li>plain-SQL fields and conditions whose text contains a SELECT.</li>
 * </ul>
 */
final class PlainSqlGuard {

    private static final Pattern SELECT = Pattern.compile("\\bselect\\b", Pattern.CASE_INSENSITIVE);

    private PlainSqlGuard() {
    }

    static void check(VisitContext context, QueryPart sql) {
        QueryPart[] stack = context.queryParts();
        QueryPart parent = stack.length >= 2 ? stack[stack.length - 2] : null;
        String text = sql.toString();
        if (parent instanceof Table<?> || parent instanceof Query || SELECT.matcher(text).find())
            throw new SoftDeleteException("cannot render the plain SQL template \"" + text + "\": the soft-delete"
                + " policy is strict, and plain SQL that reads tables cannot be filtered for deleted rows. Build the"
                + " query with the jOOQ DSL, or turn strict mode off with SoftDeletePolicy.Builder.strictPlainSql(false)"
                + " and filter deleted rows in the SQL text yourself");
    }
}
