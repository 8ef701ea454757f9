package io.github.softdelete.it.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

import io.github.softdelete.SoftDeleteException;

/**
 * Checks a generated UPDATE or DELETE: it runs through the listener on the full data (a DELETE becomes
 * a soft delete that follows the policy's relation rules) and without it on the live oracle (a DELETE is
 * physical and the database's foreign keys apply), each in a transaction that is rolled back afterwards.
 * Both must report the same row count and leave the same live rows in every table, up to the two
 * differences {@link LiveRows} documents; a RESTRICT refusal, and the refusal of an UPDATE that points a live
 * row at a deleted parent, must happen on both sides. Not thread-safe.
 */
public final class StatementOracle {


    private final FuzzDatabases databases;
    private final DSLContext underTest;
    private final boolean sqlText;
    private int byKeys;
    /** What the last comparison saw on each side: its results and live rows (MariaDB's reruns compare them); null when it failed first. */
    private Sides lastSides;

    /** One comparison's view of both sides: each side's results (row count or RETURNING rows) and live rows after. */
    private record Sides(List<String> underTest, Map<String, List<String>> underTestRows, List<String> oracle,
                         Map<String, List<String>> oracleRows) {
    }

    /**
     * An oracle over the given databases.
     *
     * @param databases the databases of the run
     */
    public StatementOracle(FuzzDatabases databases) {
        this(databases, databases.softDeleting, false);
    }

    /**
     * An oracle whose side under test is {@code underTest}.
     *
     * @param databases the databases of the run
     * @param underTest the context under test
     * @param sqlText   whether {@code underTest} sends SQL text through {@code SoftDelete.dataSource(...)}, where
     *                  a refusal reaches JDBC code as an SQLException caused by the SoftDeleteException
     */
    StatementOracle(FuzzDatabases databases, DSLContext underTest, boolean sqlText) {
        this.databases = databases;
        this.underTest = underTest;
        this.sqlText = sqlText;
        // Every case is rolled back: the live rows before each are these.
        this.liveBefore = databases.heard == null ? Map.of() : liveCounts(LiveRows.of(databases.fullPlain));
    }

    private final Map<String, Integer> liveBefore;

    // The live rows of each soft-deletable table (tags and post_tags have no marker: nothing of theirs is in an event).
    private static Map<String, Integer> liveCounts(Map<String, List<String>> live) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        live.forEach((table, rows) -> {
            if (!table.equals("tags") && !table.equals("post_tags"))
                counts.put(table, rows.size());
        });
        return counts;
    }

    /**
     * Where the side under test has a listener (through jOOQ, or SQL text through {@code SoftDelete.dataSource}), the
     * rows its events say each table lost equal the live rows each lost, as this case left them; null when they do,
     * else what differs.
     */
    private String eventsDiffer(Map<String, List<String>> liveAfter) {
        if (databases.heard == null)
            return null;
        Map<String, Long> told = new java.util.TreeMap<>();
        for (io.github.softdelete.SoftDeleteEvent event : databases.heard)
            for (io.github.softdelete.SoftDeleteEvent.TableChange change : event.tables())
                if (change.stamped() != 0)
                    told.merge(change.table().getName(), change.stamped(), Long::sum);
        Map<String, Long> lost = new java.util.TreeMap<>();
        liveCounts(liveAfter).forEach((table, rows) -> {
            if (liveBefore.get(table) - rows != 0)
                lost.put(table, (long) (liveBefore.get(table) - rows));
        });
        return told.equals(lost) ? null : "the events told " + told + " rows stamped per table; the tables lost " + lost
            + " live rows (" + databases.heard.size() + " events)\n";
    }

    /**
     * Runs the case on both sides, compares, and rolls both back.
     *
     * @param statement the case
     * @return what the comparison found; never throws for a failing statement, which is a finding too
     * @throws IllegalStateException when the transactions cannot be rolled back
     */
    public Outcome check(StatementCase statement) {
        Outcome outcome = databases.rolledBack(() -> compare(statement));
        if (outcome.verdict() == Outcome.Verdict.MISMATCH && databases.engine() == Engine.MARIADB) {
            Outcome serverBug = oracleWrongUnderItsDefaults(statement);
            if (serverBug != null)
                return serverBug;
        }
        // Narrowly: the server bug needs a RIGHT JOIN (in a derived table) and a set operation in a subquery.
        if (outcome.verdict() == Outcome.Verdict.MISMATCH && databases.engine() == Engine.MARIADB
                && statement.shapes().contains(Shape.RIGHT_JOIN) && statement.shapes().contains(Shape.SET_OPERATION_IN_SUBQUERY)
                && databases.rolledBack(() -> databases.withoutTableElimination(() -> compare(statement))).verdict() == Outcome.Verdict.MATCH)
            return new Outcome(Outcome.Verdict.INVALID, "MariaDB's table elimination gives one side a wrong answer: both agree"
                + " with it off (docs/mariadb-facts.md)\n  " + databases.fullPlain.renderInlined(statement.statement()));
        return outcome;
    }

    /**
     * Whether the MariaDB oracle answers this very statement as the library's side did once one of its optimizer
     * switches ({@link FuzzDatabases#ORACLE_SWITCHES}) is off on the oracle's connections alone. An optimizer switch must never
     * change an answer; when the oracle's changes to the library's side's, while that side, run again as it was, saw
     * exactly what it saw the first time, the oracle's first answer was the server's bug, and the case is counted
     * invalid. Seen: MariaDB 10.11 selected 7 keys for a DELETE with a CTE self-joined in an IN subquery (count(DISTINCT)
     * of a column NULL in every row, grouped, with HAVING), 6 once derived_merge was off, and 6 with its defaults again
     * after that run; the subquery alone answers 0, which no author id is (seed 2555900274416040320, case 261;
     * docs/mariadb-facts.md). A side under test that answers otherwise on its rerun leaves the mismatch standing.
     *
     * @return the invalid outcome, or null when the mismatch stands
     */
    private Outcome oracleWrongUnderItsDefaults(StatementCase statement) {
        Sides first = lastSides;
        if (first == null)
            return null;
        for (String optimizerSwitch : FuzzDatabases.ORACLE_SWITCHES) {
            Outcome again = databases.rolledBack(() -> databases.onTheOracles(optimizerSwitch, () -> compare(statement)));
            Sides now = lastSides;
            if (now == null || !now.underTest().equals(first.underTest()) || !now.underTestRows().equals(first.underTestRows()))
                return null;
            if (again.verdict() == Outcome.Verdict.MATCH)
                return new Outcome(Outcome.Verdict.INVALID, "MariaDB's oracle answers as the library's side with optimizer_switch "
                    + optimizerSwitch + ", and otherwise with its defaults (a server bug; docs/mariadb-facts.md): "
                    + first.oracle() + ", then " + now.oracle() + "\n  " + databases.fullPlain.renderInlined(statement.statement()));
        }
        return null;
    }

    private Outcome compare(StatementCase statement) {
        lastSides = null;
        List<String> actual = null;
        List<String> expected = null;
        RuntimeException actualError = null;
        RuntimeException expectedError = null;
        if (databases.heard != null)
            databases.heard.clear();
        try {
            actual = run(underTest, statement.statement());
        } catch (RuntimeException e) {
            actualError = e;
        }
        try {
            // By key only where the library's side ran, or refused it itself: a statement the server refused there
            // (WITH before the single UPDATE of a table without children, say) is compared with the server's verdict.
            boolean byKeys = databases.engine() == Engine.MARIADB && statement.matched() != null && !(statement.statement() instanceof ResultQuery)
                && (actualError == null || Outcome.refusal(actualError) != null);
            expected = byKeys ? deleteByMatchedKeys(statement)
                : run(databases.liveOracle, statement.statement());
        } catch (RuntimeException e) {
            expectedError = e;
        }
        if (Outcome.unparsed(actualError))
            return new Outcome(Outcome.Verdict.UNPARSED, actualError.getMessage());
        // A statement MariaDB stopped after max_statement_time proves nothing either way (seen once in the includeDeleted
        // mode, where both sides run the same SQL on the same database, under CPU contention).
        if (MariaDbRefusal.timedOut(actualError) || MariaDbRefusal.timedOut(expectedError))
            return new Outcome(Outcome.Verdict.INVALID, "timed out (max_statement_time)\n  " + databases.fullPlain.renderInlined(statement.statement()));
        if (databases.engine() == Engine.MARIADB && (actualError != null || expectedError != null)) {
            MariaDbRefusal refusal = MariaDbRefusal.of(statement.shapes(), () -> databases.fullPlain.renderInlined(statement.statement()),
                actualError, expectedError);
            if (refusal != null)
                return Outcome.accepted(refusal);
        }
        if (databases.engine() == Engine.MARIADB && actualError == null && expectedError != null) {
            String unrunnable = oracleCannotRun(statement, expectedError);
            if (unrunnable != null)
                return new Outcome(Outcome.Verdict.INVALID, unrunnable + "\n  " + databases.fullPlain.renderInlined(statement.statement()));
        }
        // Through the SQL-text DataSource a refusal is an SQLException (which jOOQ wraps) caused by the SoftDeleteException.
        boolean refusedByListener = actualError instanceof SoftDeleteException || sqlText && Outcome.refusal(actualError) != null;
        // A DELETE over a RESTRICT key, and (since writes may not make live rows reference deleted parents)
        // an UPDATE that points a row at a parent the live oracle does not have, fail on the oracle with a
        // foreign-key violation.
        boolean refusedByOracle = databases.engine().isForeignKeyViolation(expectedError);
        if (refusedByListener && refusedByOracle)
            return Outcome.REFUSED;
        if (actualError != null && expectedError != null && !refusedByListener && !refusedByOracle)
            return new Outcome(Outcome.Verdict.INVALID, expectedError.getMessage() + "\n  " + databases.fullPlain.renderInlined(statement.statement()));
        if (actualError != null || expectedError != null)
            return mismatch(statement, "the listener's side " + (actualError != null ? "failed: " + actualError.getMessage()
                : "succeeded, " + actual) + "\n  the oracle " + (expectedError != null ? "failed: "
                + expectedError.getMessage() : "succeeded, " + expected) + "\n");
        StringBuilder difference = new StringBuilder();
        if (!actual.equals(expected))
            difference.append("results (the row count, or the rows RETURNING gave) differ; through the listener:\n")
                .append(RowDiff.show(actual)).append("  from the oracle:\n").append(RowDiff.show(expected));
        Map<String, List<String>> live = LiveRows.of(databases.fullPlain);
        Map<String, List<String>> oracle = LiveRows.of(databases.liveOracle);
        lastSides = new Sides(actual, live, expected, oracle);
        live.forEach((table, rows) -> {
            List<String> leaked = RowDiff.minus(rows, oracle.get(table));
            List<String> lost = RowDiff.minus(oracle.get(table), rows);
            if (!leaked.isEmpty() || !lost.isEmpty())
                difference.append("  live rows of ").append(table).append(" only through the listener:\n").append(RowDiff.show(leaked))
                    .append("  live rows of ").append(table).append(" only in the oracle:\n").append(RowDiff.show(lost));
        });
        if (difference.length() == 0) {
            String events = eventsDiffer(live);
            return events == null ? Outcome.MATCH : mismatch(statement, events);
        }
        if (databases.engine() == Engine.MARIADB && sqlText && setOperationInJooqDerivedTable(statement))
            return new Outcome(Outcome.Verdict.INVALID, "MariaDB evaluates x IN or EXISTS (a INTERSECT/EXCEPT b) otherwise than the same in"
                + " jOOQ's derived table, which the library's side has through SQL text (docs/mariadb-facts.md)\n  "
                + databases.fullPlain.renderInlined(statement.statement()));
        return mismatch(statement, difference.toString());
    }

    /**
     * Whether the case has an INTERSECT or EXCEPT in an IN subquery that jOOQ wraps in a derived table. MariaDB 10.11
     * evaluates {@code NOT (x IN (SELECT id FROM u INTERSECT SELECT max(id) FROM u WHERE false))} as false for every row,
     * and the same subquery in a derived table as true, as it should be (checked on 10.11: 0 rows against 8). Through
     * SQL text, jOOQ's parser keeps the derived table that jOOQ rendered into the text, where the oracle's SELECT of the
     * same case has none, so the two sides meet the server's two answers (seed 77, case 16450). The same with EXCEPT
     * whose first branch its HAVING leaves empty (seed 8921813822288631091, case 1604: the library's
     * side, wrapped, soft-deleted the 17 rows that {@code NOT IN} over an empty set keeps; the oracle's SELECT, not
     * wrapped, matched none; jOOQ's path, not wrapped either, matched the oracle). The same with EXISTS over a UNION
     * intersected with a set holding NULL: {@code EXISTS (((SELECT e FROM p) UNION (SELECT 7)) INTERSECT ALL (SELECT
     * NULL FROM t))} is false where {@code p.e} holds a NULL, and true, as it should be, in a derived table (seed
     * -6550455603533206192, case 2511: the SQL-text side, wrapped, soft-deleted 5 posts; the oracle's SELECT of the
     * keys, not wrapped, matched none).
     */
    private boolean setOperationInJooqDerivedTable(StatementCase statement) {
        return (statement.shapes().contains(Shape.INTERSECT) || statement.shapes().contains(Shape.EXCEPT))
            && (statement.shapes().contains(Shape.IN_SUBQUERY) || statement.shapes().contains(Shape.NOT_IN_SUBQUERY)
                || statement.shapes().contains(Shape.EXISTS))
            && java.util.regex.Pattern.compile("(?: in | exists )" + MariaDbRefusal.JOOQ_DERIVED_TABLE.pattern())
                .matcher(databases.fullPlain.renderInlined(statement.statement()).toLowerCase(java.util.Locale.ROOT)).find();
    }

    /**
     * The MariaDB oracle of a DELETE from a soft-deletable table. Where the delete can cascade, it selects the keys of
     * the target rows the condition matches, deletes those rows by key (the database's own foreign keys apply), and
     * counts the keys: MariaDB's own DELETE is no oracle there, since it evaluates its condition row by row after the
     * cascades of the rows before, so a subquery over a table the cascade reaches sees rows vanish mid-statement
     * (PostgreSQL's sees the statement's snapshot, as the library's staged anchor does), and its count leaves out rows
     * of its own table that a cascade removed first. Where it cannot ({@code likes}), MariaDB's own DELETE is the
     * oracle, since MariaDB's DML may match other rows than its SELECT of the same condition (seed 2026, case 7643),
     * as the library's one UPDATE does; unless MariaDB refuses how the DELETE is written but not what it means
     * ({@link #refusedAsWritten}), and then the rows go by key too. When the keys cannot be selected, that error is
     * the oracle's: the library's staged anchor runs the same SELECT (seed 2026, case 1063: 1222 in EXISTS).
     */
    private List<String> deleteByMatchedKeys(StatementCase statement) {
        DSLContext oracle = databases.liveOracle;
        boolean cascades = ReferenceSchema.EDGES.stream().anyMatch(edge -> edge.parent().table().equals(statement.target()));
        if (!cascades) {
            try {
                return run(oracle, statement.statement());
            } catch (DataAccessException e) {
                if (!refusedAsWritten(statement, e))
                    throw e;
            }
        }
        Set<List<Object>> keys = new LinkedHashSet<>();
        for (Record key : oracle.fetch(statement.matched()))
            keys.add(key.intoList());
        Table<?> target = statement.target();
        @SuppressWarnings("unchecked")
        List<Field<Object>> key = (List<Field<Object>>) (List<?>) List.of(target.getPrimaryKey().getFieldsArray());
        List<Condition> rows = new ArrayList<>();
        for (List<Object> values : keys) {
            Condition row = DSL.noCondition();
            for (int i = 0; i < key.size(); i++)
                row = row.and(key.get(i).eq(DSL.inline(values.get(i))));
            rows.add(row);
        }
        if (!rows.isEmpty())
            oracle.deleteFrom(target).where(DSL.or(rows)).execute();
        byKeys++;
        return List.of("count " + keys.size());
    }

    /**
     * Whether MariaDB refused how a DELETE is written, not what it means: {@code WITH} before {@code DELETE} (1064), a
     * subquery that reads the target (1093), a correlated reference or a repeated column name in the derived table
     * jOOQ wraps such a subquery in (1054, 1060).
     */
    private boolean refusedAsWritten(StatementCase statement, DataAccessException error) {
        return switch (MariaDbRefusal.errorCode(error)) {
            case MariaDbRefusal.PARSE_ERROR -> statement.shapes().contains(Shape.STATEMENT_WITH_CTE);
            case 1093 -> true;
            case MariaDbRefusal.BAD_FIELD, 1060 -> MariaDbRefusal.inJooqDerivedTable(databases.fullPlain.renderInlined(statement.statement()));
            default -> false;
        };
    }

    /**
     * Why the MariaDB oracle could not run a statement that the library's side ran, when the oracle's failure says
     * nothing about the library; null when it does. Through SQL text, jOOQ's parser and renderer give the library's
     * side its own rendering, which may wrap a subquery that reads the DELETE's target in a derived table where the
     * oracle's rendering of the same case does not (1093). jOOQ emulates UPDATE ... RETURNING with an INSERT ... ON
     * DUPLICATE KEY UPDATE, which checks the foreign keys of the rows it rewrites: in the live oracle, rows of a
     * table without a marker still reference the deleted rows the oracle removed (with foreign_key_checks off), so
     * it fails there (1452) and not through the library, where those rows exist.
     */
    private static String oracleCannotRun(StatementCase statement, Throwable oracleError) {
        int code = MariaDbRefusal.errorCode(oracleError);
        if (code == 1093 && statement.shapes().contains(Shape.DELETE))
            return "the oracle cannot run the DELETE as written (1093: a subquery reads its target), which the library's rendering wraps";
        if (code == MariaDbRefusal.DIFFERENT_COLUMN_COUNTS && statement.shapes().contains(Shape.DELETE)
            && statement.shapes().contains(Shape.SET_OPERATION_IN_SUBQUERY))
            return "the oracle's SELECT of the DELETE's keys meets MariaDB's refusal of nested set operations in EXISTS (1222),"
                + " which the library's rendering, through SQL text, has in a derived table";
        if (code == 1452 && statement.shapes().contains(Shape.UPDATE) && statement.shapes().contains(Shape.RETURNING))
            return "the oracle's INSERT ... ODKU emulation of UPDATE ... RETURNING meets rows that reference rows the live oracle removed (1452)";
        return null;
    }

    /** How many DELETEs the MariaDB oracle ran by key. */
    int byKeys() {
        return byKeys;
    }

    // The row count, or the rows that RETURNING gave, sorted.
    private static List<String> run(DSLContext ctx, Query statement) {
        if (statement instanceof ResultQuery<?> returning)
            return RowDiff.sorted(RowDiff.rows(ctx.fetch(returning)));
        return List.of("count " + ctx.execute(statement));
    }

    private Outcome mismatch(StatementCase statement, String difference) {
        String after;
        try {
            after = sqlText ? "(parsed and rewritten by SoftDelete.dataSource)" : underTest.renderInlined(statement.statement());
        } catch (RuntimeException e) {
            after = "(rendering failed: " + e + ")";
        }
        return new Outcome(Outcome.Verdict.MISMATCH, "statement case " + statement.index() + " (case seed " + statement.seed()
            + "), shapes " + statement.shapes() + "\n"
            + "  SQL before the rewrite (no listener):\n    " + databases.fullPlain.renderInlined(statement.statement()) + "\n"
            + "  SQL after the rewrite (listener):\n    " + after + "\n"
            + "  " + difference);
    }
}
