package io.github.softdelete.it.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Select;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.Table;
import org.jooq.impl.DSL;


/**
 * Checks a generated read: the same query object runs through the listener on the full data and
 * without it on the oracle of its mode, and the results must be equal as multisets, and as lists when
 * the query's ORDER BY fixes the order. Not thread-safe.
 */
public final class ReadOracle {


    private final FuzzDatabases databases;
    private final Function<Mode, DSLContext> underTest;

    /**
     * An oracle over the given databases.
     *
     * @param databases the databases of the run
     */
    public ReadOracle(FuzzDatabases databases) {
        this(databases, databases::underTest);
    }

    /** An oracle that checks another context than the listener's (to prove that it notices leaks). */
    ReadOracle(FuzzDatabases databases, Function<Mode, DSLContext> underTest) {
        this.databases = databases;
        this.underTest = underTest;
    }

    /**
     * Runs the case on both sides and compares.
     *
     * @param read the case
     * @return what the comparison found; never throws for a failing query, which is a finding too
     */
    public Outcome check(ReadCase read) {
        DSLContext underTest = this.underTest.apply(read.mode());
        List<String> actual;
        List<String> expected;
        RuntimeException actualError = null;
        RuntimeException expectedError = null;
        try {
            actual = RowDiff.rows(underTest.fetch(read.query()));
        } catch (RuntimeException e) {
            actual = null;
            actualError = e;
        }
        try {
            expected = RowDiff.rows(databases.oracle(read.mode()).fetch(read.query()));
        } catch (RuntimeException e) {
            expected = null;
            expectedError = e;
        }
        if (Outcome.unparsed(actualError) && expectedError == null)
            return new Outcome(Outcome.Verdict.UNPARSED, actualError.getMessage());
        // A statement MariaDB stopped after max_statement_time proves nothing either way (seen once in the includeDeleted
        // mode, where both sides run the same SQL on the same database, under CPU contention).
        if (MariaDbRefusal.timedOut(actualError) || MariaDbRefusal.timedOut(expectedError))
            return new Outcome(Outcome.Verdict.INVALID, "timed out (max_statement_time)\n  " + databases.fullPlain.renderInlined(read.query()));
        if (databases.engine() == Engine.MARIADB && (actualError != null || expectedError != null)) {
            MariaDbRefusal refusal = MariaDbRefusal.of(read.shapes(), () -> databases.fullPlain.renderInlined(read.query()), actualError,
                expectedError);
            if (refusal != null)
                return Outcome.accepted(refusal);
        }
        if (actualError != null && expectedError != null && Outcome.refusal(actualError) == null)
            return new Outcome(Outcome.Verdict.INVALID, expectedError.getMessage() + "\n  " + databases.fullPlain.renderInlined(read.query()));
        if (actualError != null || expectedError != null)
            return mismatch(read, "the listener's side " + (actualError != null ? "failed: " + actualError.getMessage()
                : "succeeded") + "\n  the oracle " + (expectedError != null ? "failed: " + expectedError.getMessage() : "succeeded") + "\n");
        boolean equal = read.ordered() ? actual.equals(expected) : RowDiff.sorted(actual).equals(RowDiff.sorted(expected));
        if (equal)
            return Outcome.MATCH;
        if (databases.engine() == Engine.MARIADB && actual.isEmpty() && expected.size() == 1 && oracleHavingIsWrong(read))
            return new Outcome(Outcome.Verdict.INVALID, "MariaDB's HAVING over an empty implicit group gives the oracle a row: it agrees"
                + " with the listener's side once HAVING is a WHERE over the groups (docs/mariadb-facts.md)\n  "
                + databases.fullPlain.renderInlined(read.query()));
        String optimizerSwitch = databases.engine() == Engine.MARIADB ? oracleAgreesWith(read, actual) : null;
        if (optimizerSwitch != null)
            return new Outcome(Outcome.Verdict.INVALID, "MariaDB's oracle answers as the listener's side with optimizer_switch "
                + optimizerSwitch + ", and otherwise with its defaults (a server bug; docs/mariadb-facts.md)\n  "
                + databases.fullPlain.renderInlined(read.query()));
        return mismatch(read, "rows: " + actual.size() + " through the listener, " + expected.size() + " from the oracle"
            + (read.ordered() ? " (compared in order)" : " (compared as multisets)") + "\n"
            + "  only through the listener (leaked, or wrong values):\n" + RowDiff.show(RowDiff.minus(actual, expected))
            + "  only from the oracle (wrongly hidden):\n" + RowDiff.show(RowDiff.minus(expected, actual))
            + (read.ordered() && RowDiff.sorted(actual).equals(RowDiff.sorted(expected))
                ? "  same rows, different order:\n  listener: " + actual + "\n  oracle:   " + expected + "\n" : ""));
    }

    /**
     * MariaDB 10.11 answers {@code SELECT count(*) FROM a CROSS JOIN b JOIN c ON ... HAVING max(b.w) = <the largest
     * b.w>} with a row when the join is empty: HAVING reads MIN/MAX from b's index, not from the (empty) group
     * (docs/mariadb-facts.md, seed 5556741625550612791, case 1301). For a query grouped implicitly (aggregates, no
     * GROUP BY, LIMIT or set operation) whose oracle gave one row where the listener's side gave none, the oracle's
     * query runs again with HAVING as a filter over its one group, {@code SELECT c0, ... FROM (SELECT ... AS c0, ...,
     * (<having>) AS softdelete_having FROM ...) x WHERE softdelete_having}: true when that gives no row either, which
     * shows the server, not the library, answered wrongly.
     */
    private boolean oracleHavingIsWrong(ReadCase read) {
        Select<?> query = read.query();
        if (query.$having() == null || !query.$groupBy().isEmpty() || query.$limit() != null || query.$offset() != null
            || read.shapes().stream().anyMatch(shape -> shape == Shape.UNION || shape == Shape.UNION_ALL || shape == Shape.INTERSECT
                || shape == Shape.EXCEPT))
            return false;
        List<Field<?>> columns = new ArrayList<>();
        for (SelectFieldOrAsterisk column : query.$select()) {
            if (!(column instanceof Field<?> field))
                return false;
            columns.add(field.as("c" + columns.size()));
        }
        int count = columns.size();
        columns.add(DSL.field(query.$having()).as("softdelete_having"));
        Table<?> group = query.$having(null).$orderBy(List.of()).$select(columns).asTable("softdelete_group");
        Select<?> recheck = DSL.select(Arrays.asList(group.fields()).subList(0, count))
            .from(group)
            .where(group.field("softdelete_having", Boolean.class).isTrue());
        try {
            return databases.oracle(read.mode()).fetch(recheck).isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The optimizer switch ({@link FuzzDatabases#ORACLE_SWITCHES}) under which the oracle, and it alone, answers as the
     * listener's side did, while that side, asked again, still answers {@code actual}; null when there is none. An
     * optimizer switch must never change an answer, so then the server answered the oracle wrongly (as in
     * {@code StatementOracle.oracleWrongUnderItsDefaults}).
     */
    private String oracleAgreesWith(ReadCase read, List<String> actual) {
        for (String optimizerSwitch : FuzzDatabases.ORACLE_SWITCHES) {
            try {
                List<String> again = RowDiff.rows(underTest.apply(read.mode()).fetch(read.query()));
                List<String> oracle = databases.onTheOracles(optimizerSwitch,
                    () -> RowDiff.rows(databases.oracle(read.mode()).fetch(read.query())));
                if (!again.equals(actual))
                    return null;
                if (read.ordered() ? oracle.equals(actual) : RowDiff.sorted(oracle).equals(RowDiff.sorted(actual)))
                    return optimizerSwitch;
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    private Outcome mismatch(ReadCase read, String difference) {
        String after;
        try {
            after = underTest.apply(read.mode()).renderInlined(read.query());
        } catch (RuntimeException e) {
            after = "(rendering failed: " + e + ")";
        }
        return new Outcome(Outcome.Verdict.MISMATCH, "read case " + read.index() + " (case seed " + read.seed()
            + "), mode " + read.mode() + ", shapes " + read.shapes() + "\n"
            + "  SQL before the rewrite (no listener):\n    " + databases.fullPlain.renderInlined(read.query()) + "\n"
            + "  SQL after the rewrite (listener, " + read.mode() + "):\n    " + after + "\n"
            + "  " + difference);
    }
}
