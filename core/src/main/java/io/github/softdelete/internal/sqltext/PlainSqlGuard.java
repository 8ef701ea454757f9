package io.github.softdelete.internal.sqltext;

import org.jooq.QueryPart;

import io.github.softdelete.SoftDeleteException;

import io.github.softdelete.internal.jooq.SqlIdentifiers;
import io.github.softdelete.internal.policy.TableRegistry;

/**
 * Rule (strict policies only): plain SQL that names a soft-deletable table is refused, because its
 * text is opaque to the listener and cannot be filtered.
 *
 * <p>Every plain-SQL part ({@code ctx.fetch(String)}, {@code DSL.table(String)}, {@code DSL.condition(String)},
 * ...) renders its text through an {@code org.jooq.SQL} part, which is what the listener sees. jOOQ itself
 * uses such templates internally ({@code count(*)} renders {@code DSL.raw("*")}), and statements such as
 * {@code select 1} or {@code SET statement_timeout = 0} read no table, so only text that can read or
 * write a soft-deletable table is refused: text in which {@link SqlIdentifiers} finds the name of one,
 * in any position that can name a relation (after FROM or JOIN, in PostgreSQL's {@code TABLE posts}
 * shorthand, as an INSERT, UPDATE, DELETE or TRUNCATE target). Words inside string literals, quoted
 * identifiers of other names and comments do not count, and neither do qualifiers ({@code posts.id}).
 *
 * <p>What it cannot see: tables read by functions or views that the text calls by another name.
 * {@code SoftDelete.allowPlainSql(ctx)} lets text the user vouches for through.
 */
public final class PlainSqlGuard {

    private PlainSqlGuard() {
    }

    public static void check(TableRegistry registry, QueryPart sql) {
        String text = sql.toString();
        if (SqlIdentifiers.anyRelation(text, registry::namesTable))
            throw new SoftDeleteException("cannot render the plain SQL \"" + ParseVerdicts.start(text) + "\": it names a"
                + " soft-deletable table, the soft-delete policy refuses plain SQL (PlainSql.REFUSE), and unparsed SQL cannot be filtered for deleted rows."
                + " Build the query with the jOOQ DSL, let the parser rewrite plain SQL with"
                + " SoftDeletePolicy.Builder.plainSql(PlainSql.PARSE), or vouch for this SQL (it filters deleted rows itself)"
                + " with SoftDelete.allowPlainSql(ctx)");
    }
}
