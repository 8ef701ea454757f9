package io.github.softdelete.internal.sqltext;

import java.util.List;
import java.util.regex.Pattern;

import org.jooq.Configuration;
import org.jooq.Context;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.RenderContext.CastMode;
import org.jooq.QueryPart;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.VisitContext;
import org.jooq.conf.ParseNameCase;
import org.jooq.conf.ParseUnknownFunctions;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.CustomQueryPart;
import org.jooq.impl.QOM;

import io.github.softdelete.SoftDeleteException;

import io.github.softdelete.internal.jooq.JooqInternals;
import io.github.softdelete.internal.jooq.SettingsSnapshots;
import io.github.softdelete.internal.policy.ContextFlags;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.read.NullExtendedSides;
import io.github.softdelete.internal.render.PlainSqlTexts;

/**
 * Rule ({@code SoftDeletePolicy.Builder.parsePlainSql}): jOOQ's plain SQL is parsed by jOOQ's parser
 * and rendered in its place, so that every other rule applies to it.
 *
 * <ul>
 *   <li>A whole plain-SQL statement ({@code ctx.fetch(String)}, {@code ctx.execute(String)}): its
 *       {@code org.jooq.SQL} part, whose parent is jOOQ's plain-SQL query,
 *       becomes the parsed statement, bind values included.</li>
 *   <li>A plain-SQL table ({@code DSL.table(String)}, whose parent is jOOQ's plain-SQL table): the
 *       enclosing SELECT has already placed its predicates without seeing it, so a table, or an alias
 *       of one, renders as {@code (SELECT * FROM t) AS t}, whose own SELECT is filtered; a derived table
 *       renders as parsed. Anything else (a join) is left to the strict check.</li>
 * </ul>
 * The text and its bind values are taken by rendering the part without listeners. Text the parser
 * does not read is left alone (null), and so is text it reads as nothing ({@code SET statement_timeout = 0}),
 * which would otherwise render as {@code /* ignored * /}.
 */
public final class PlainSqlParsing {

    private PlainSqlParsing() {
    }

    /** The parsed replacement of a plain-SQL part, or null when it is no whole statement or table, or does not parse. */
    public static QueryPart rewrite(VisitContext context, TableRegistry registry, PlainSqlTexts texts, QueryPart sql) {
        QueryPart[] stack = context.queryParts();
        QueryPart parent = stack.length >= 2 ? stack[stack.length - 2] : null;
        // jOOQ's plain-SQL wrappers are package-private, and so are the QOM marker interfaces they implement
        // (QOM.UEmptyQuery, QOM.UEmptyTable): JooqInternals resolves them by name, and install checks they exist.
        boolean statement = JooqInternals.SQL_QUERY.is(parent) || JooqInternals.SQL_RESULT_QUERY.is(parent);
        if (!statement && !JooqInternals.SQL_TABLE.is(parent))
            return null;
        DSLContext plain = DSL.using(new DefaultConfiguration().set(context.dialect()).set(context.settings()));
        String text = plain.render(sql);
        if (text.equals(NullExtendedSides.EMPTY_ROW))
            return null; // the library's own empty relation: parsed, it would render as "(select 1)", one column more
        Object[] binds = plain.extractBindValues(sql).toArray();
        if (statement && texts != null) { // null: the installation keeps no text (RenderCache.off)
            PlainSqlTexts.Key key = new PlainSqlTexts.Key(text, PlainSqlTexts.types(binds), context.dialect(),
                SettingsSnapshots.of(context.context()), ContextFlags.of(context.configuration()));
            PlainSqlTexts.Rewrite kept = texts.get(key, () -> keptRewrite(context.configuration(), text, binds));
            if (kept != null)
                return kept == PlainSqlTexts.NOT_PARSED ? null : new RewrittenStatement(kept.pieces(), binds);
        }
        try {
            DSLContext parsing = DSL.using(parserConfiguration(context.configuration()));
            // The replacement itself is not visited again, only its children: wrap the parsed statement
            // so that it is a child, and its own rules (SELECT, DELETE, ...) apply.
            if (statement) {
                Query query = parsing.parser().parseQuery(text, binds);
                return ParseVerdicts.ignoredByJooq(query) ? null : DSL.sql("{0}", query);
            }
            // DSL.table(String).as("u") renders TableAlias > Alias > SQLTable > SQL: the alias follows the text
            boolean aliased = stack.length >= 4 && stack[stack.length - 4] instanceof QOM.TableAlias<?>;
            return asTable(parsing.parser().parseTable(text, binds), aliased);
        } catch (SoftDeleteException e) {
            throw e;
        } catch (RuntimeException e) {
            // ParserException, and the parser's other failures on text it misreads ("(SELECT * FROM cte)" as a
            // scalar subquery: an IllegalStateException, "Only single-column selects have a scalar type"): the text
            // is not parsed, and the plain-SQL setting decides.
            return null;
        }
    }

    // The statement parsed with this execution's values and rendered through the library's rules, split where its
    // values go: each renders as a named parameter with a prefix no SQL text contains. The pieces keep what jOOQ
    // renders around a value of that type (a cast); the key holds the values' types. Null (not kept: parsed and
    // rendered in full each time) when the pieces do not match the values one to one, as when jOOQ inlines a value.
    private static PlainSqlTexts.Rewrite keptRewrite(Configuration configuration, String text, Object[] binds) {
        Query query;
        try {
            query = DSL.using(parserConfiguration(configuration)).parser().parseQuery(text, binds);
        } catch (RuntimeException e) {
            return PlainSqlTexts.NOT_PARSED;
        }
        if (query == null || ParseVerdicts.ignoredByJooq(query))
            return PlainSqlTexts.NOT_PARSED;
        String rendered = DSL.using(configuration.deriveSettings(s -> s.withRenderNamedParamPrefix(PARAMETER_PREFIX)))
            .renderNamedParams(query);
        List<String> pieces = List.of(PARAMETER.split(rendered, -1));
        return pieces.size() == binds.length + 1 ? new PlainSqlTexts.Rewrite(pieces) : null;
    }

    // A prefix for named parameters that no statement contains: a control character.
    private static final String PARAMETER_PREFIX = "\u0001softdelete_parameter_";
    private static final Pattern PARAMETER = Pattern.compile(Pattern.quote(PARAMETER_PREFIX) + "[A-Za-z0-9_]+");

    /** A kept rewrite with this execution's bind values between its pieces, rendered and bound in the context's way. */
    private static final class RewrittenStatement extends CustomQueryPart {

        private static final long serialVersionUID = 1L;

        private final transient List<String> pieces;
        private final transient Object[] binds;

        RewrittenStatement(List<String> pieces, Object[] binds) {
            this.pieces = pieces;
            this.binds = binds;
        }

        // A value renders as the context renders values (a placeholder, or inlined), without a cast of its own: the
        // pieces around it hold the one jOOQ rendered for a value of its type.
        @Override
        public void accept(Context<?> ctx) {
            CastMode castMode = ctx.castMode();
            for (int i = 0; i < binds.length; i++) {
                ctx.sql(pieces.get(i));
                ctx.castMode(CastMode.NEVER).visit(DSL.val(binds[i])).castMode(castMode);
            }
            ctx.sql(pieces.get(binds.length));
        }
    }

    private static QueryPart asTable(Table<?> table, boolean aliased) {
        if (table instanceof QOM.DerivedTable<?> || table instanceof QOM.TableAlias<?> alias && alias.$aliased() instanceof QOM.DerivedTable<?>)
            return table;
        if (table instanceof QOM.JoinTable<?, ?>)
            return null;
        Select<?> select = DSL.select(DSL.asterisk()).from(table);
        return aliased ? DSL.sql("({0})", select) : DSL.sql("({0}) as {1}", select, DSL.name(table.getName()));
    }

    /**
     * {@code configuration} with the parser settings of the SQL-text paths: unquoted identifiers folded to
     * lower case as PostgreSQL folds them (unless the user chose a name case), unknown functions kept.
     */
    public static Configuration parserConfiguration(Configuration configuration) {
        return configuration.deriveSettings(s -> s
            .withParseNameCase(s.getParseNameCase() == null || s.getParseNameCase() == ParseNameCase.DEFAULT
                ? ParseNameCase.LOWER_IF_UNQUOTED : s.getParseNameCase())
            // Settings' default is FAIL (jOOQ's Settings.parseUnknownFunctions field initialiser, 3.19), which cannot
            // be told apart from FAIL set on purpose: always IGNORE, so that calls of functions jOOQ does not know
            // are kept as written.
            .withParseUnknownFunctions(ParseUnknownFunctions.IGNORE));
    }
}
