package io.github.softdelete.internal.sqltext;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.jooq.Configuration;
import org.jooq.impl.ParserException;

import io.github.softdelete.PlainSql;
import io.github.softdelete.SoftDeleteException;

import io.github.softdelete.internal.jooq.JooqInternals;
import io.github.softdelete.internal.jooq.MarkerBindValues;
import io.github.softdelete.internal.jooq.SqlIdentifiers;
import io.github.softdelete.internal.policy.ContextFlags;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.write.OneStatementDelete;

/**
 * Whether jOOQ's parser reads a SQL string, and whether jOOQ must render it for each execution
 * ({@link MarkerBindValues}), remembered per string in a bounded, least-recently-used cache: a string is
 * parsed here once, the first time it is seen.
 *
 * <p>Why a verdict of our own: jOOQ's parsing connection parses lazily, when the statement executes,
 * and reports a failure as its own {@code ParserException}; to refuse with a clear message, or to send
 * the statement on unchanged, the decision must be taken before the statement reaches jOOQ. jOOQ then
 * caches the rendered statement itself ({@code Settings.cacheParsingConnection}), so a string costs two
 * parses the first time it is seen, and none after.
 *
 * <p>Thread-safe: the cache is synchronized, and a parse runs outside the lock.
 */
public final class ParseVerdicts {

    private static final String PARSEABLE = "";
    private static final String UNCHANGED = "\0unchanged";
    private static final String EACH_EXECUTION = "\0each execution";
    private static final int QUOTED_START = 120;

    /** Where a SQL string goes. */
    public enum Route {
        /** Through jOOQ's parsing connection, which caches its rendering. */
        PARSED,
        /** Through jOOQ's parsing connection, rendered for each execution's bind values ({@link MarkerBindValues}). */
        PARSED_EACH_EXECUTION,
        /** To the physical connection, unchanged. */
        UNCHANGED
    }

    private final Configuration configuration;
    private final PlainSql plainSql;
    private final Predicate<String> namesSoftDeletableTable;
    private final Set<String> ownedColumns;
    private final TableRegistry listened;
    private final Map<String, Verdict> verdicts;

    /**
     * What the parse of one string found: {@code route} is {@link #PARSEABLE}, {@link #UNCHANGED}, {@link #EACH_EXECUTION}
     * or the parser's failure; {@code delete}, the one-statement delete whose listeners hear its count, where the policy
     * has listeners, else null.
     */
    private record Verdict(String route, OneStatementDelete delete) {
    }

    /**
     * Verdicts on what {@code configuration}'s parser reads, for at most {@code capacity} strings, under the policy's
     * {@code plainSql} setting (or {@code PASS_THROUGH_UNFILTERED} where the configuration vouches for its SQL
     * text); {@code namesSoftDeletableTable} tells a soft-deletable table's name, and {@code ownedColumns} are the
     * names of the columns that markers own ({@link MarkerBindValues}). {@code registry}, the policy's (or null), tells
     * whether the policy has listeners: then the verdict also says which statements are deletes of one statement
     * ({@link #oneStatementDelete}).
     */
    public ParseVerdicts(Configuration configuration, PlainSql plainSql, Predicate<String> namesSoftDeletableTable,
                  Set<String> ownedColumns, TableRegistry registry, int capacity) {
        this.configuration = configuration;
        this.plainSql = ContextFlags.of(configuration).plainSql() ? PlainSql.PASS_THROUGH_UNFILTERED : plainSql;
        this.namesSoftDeletableTable = namesSoftDeletableTable;
        this.ownedColumns = ownedColumns;
        this.listened = registry != null && registry.hasListeners() ? registry : null;
        this.verdicts = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Verdict> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * True when {@code sql} goes through the parser; false when it is passed through unchanged: a statement
     * jOOQ's parser reads as nothing (it reads or writes no rows), or one it cannot read when the user lets
     * those through.
     *
     * @throws SoftDeleteException when jOOQ cannot parse it and such statements are refused
     */
    public boolean parse(String sql) {
        return route(sql) != Route.UNCHANGED;
    }

    /**
     * Where {@code sql} goes: as {@link #parse}, and whether jOOQ must render it for each execution.
     *
     * @throws SoftDeleteException when jOOQ cannot parse it and such statements are refused
     */
    public Route route(String sql) {
        if (plainSql == PlainSql.REFUSE) {
            // Nothing is parsed: text that names a soft-deletable table is refused, the rest goes as written.
            if (SqlIdentifiers.anyRelation(sql, namesSoftDeletableTable))
                throw new SoftDeleteException("cannot send the SQL statement \"" + start(sql) + "\": it names a soft-deletable"
                    + " table, and the soft-delete policy's plain-SQL setting is PlainSql.REFUSE, so SQL text is not parsed"
                    + " and cannot be filtered. Choose PlainSql.PARSE (the default) for SQL text to be parsed and filtered,"
                    + " or vouch for this SQL (it filters deleted rows itself) with a DataSource on"
                    + " SoftDelete.allowPlainSql(ctx).configuration()");
            return Route.UNCHANGED;
        }
        String verdict = verdict(sql).route();
        if (verdict.isEmpty())
            return Route.PARSED;
        if (verdict.equals(EACH_EXECUTION))
            return Route.PARSED_EACH_EXECUTION;
        if (verdict.equals(UNCHANGED) || plainSql == PlainSql.PASS_THROUGH_UNFILTERED
            || !SqlIdentifiers.anyRelation(sql, namesSoftDeletableTable))
            return Route.UNCHANGED;
        throw new SoftDeleteException("cannot filter the SQL statement \"" + start(sql) + "\": it names a soft-deletable"
            + " table, and jOOQ's parser does not read it (" + verdict + "), so deleted rows cannot be hidden from it."
            + " Rewrite it in SQL that jOOQ parses, vouch for it (it filters deleted rows itself) with a DataSource on"
            + " SoftDelete.allowPlainSql(ctx).configuration(), or pass such statements through unfiltered with the policy's"
            + " plainSql(PlainSql.PASS_THROUGH_UNFILTERED)");
    }

    /**
     * The DELETE that {@code sql} is, where the policy has listeners and its count is what they hear
     * ({@link OneStatementDelete}); else null. Read from the verdict, parsed once per string as {@link #route} is.
     */
    public OneStatementDelete oneStatementDelete(String sql) {
        if (listened == null || plainSql == PlainSql.REFUSE)
            return null;
        return verdict(sql).delete();
    }

    private Verdict verdict(String sql) {
        Verdict verdict;
        synchronized (verdicts) {
            verdict = verdicts.get(sql);
        }
        if (verdict == null) {
            verdict = verdictOf(sql);
            synchronized (verdicts) {
                verdicts.put(sql, verdict);
            }
        }
        return verdict;
    }

    private Verdict verdictOf(String sql) {
        try {
            org.jooq.Query query = configuration.dsl().parser().parseQuery(sql);
            if (ignoredByJooq(query))
                return new Verdict(UNCHANGED, null);
            return new Verdict(MarkerBindValues.written(query, ownedColumns) ? EACH_EXECUTION : PARSEABLE, oneStatementDelete(query));
        } catch (ParserException e) {
            return new Verdict(firstLine(e.getMessage()), null);
        } catch (SoftDeleteException e) {
            throw e;
        } catch (RuntimeException e) {
            // jOOQ's parser fails with other exceptions too: "(SELECT * FROM cte)" as a scalar subquery throws an
            // IllegalStateException ("Only single-column selects have a scalar type", jOOQ's Tools.scalarType, 3.19)
            // from inside the parser. Any
            // failure to parse is the parser's verdict; which exception it is decides nothing, so it is only quoted.
            return new Verdict(e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()), null);
        }
    }

    // A statement the rewrite refuses is refused when jOOQ renders it, with the rewrite's message: nobody to tell here.
    private OneStatementDelete oneStatementDelete(org.jooq.Query query) {
        try {
            return listened == null ? null : OneStatementDelete.of(listened, configuration, query);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String firstLine(String message) {
        return message == null || message.isEmpty() ? "no message" : message.lines().findFirst().orElse(message);
    }

    // jOOQ's parser reads some statements as nothing: SET commands it does not model (SET statement_timeout = 0),
    // COMMENT ON, OWNER TO. It returns an IgnoreQuery (package-private, nested in DefaultParseContext in jOOQ's
    // ParserImpl.java, 3.19 to 3.21), whose accept renders "/* ignored */": the parsing connection would send that
    // instead, silently dropping the statement. None of them reads or writes rows, so they are sent unchanged.
    /** Whether jOOQ's parser read a statement as nothing, which must then be sent as written. */
    public static boolean ignoredByJooq(org.jooq.Query query) {
        return JooqInternals.IGNORE_QUERY.is(query);
    }

    public static String start(String sql) {
        String oneLine = sql.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= QUOTED_START ? oneLine : oneLine.substring(0, QUOTED_START) + "...";
    }
}
