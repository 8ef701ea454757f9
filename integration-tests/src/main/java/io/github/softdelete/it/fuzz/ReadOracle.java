package io.github.softdelete.it.fuzz;

import java.util.List;
import java.util.function.Function;

import org.jooq.DSLContext;


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
        return mismatch(read, "rows: " + actual.size() + " through the listener, " + expected.size() + " from the oracle"
            + (read.ordered() ? " (compared in order)" : " (compared as multisets)") + "\n"
            + "  only through the listener (leaked, or wrong values):\n" + RowDiff.show(RowDiff.minus(actual, expected))
            + "  only from the oracle (wrongly hidden):\n" + RowDiff.show(RowDiff.minus(expected, actual))
            + (read.ordered() && RowDiff.sorted(actual).equals(RowDiff.sorted(expected))
                ? "  same rows, different order:\n  listener: " + actual + "\n  oracle:   " + expected + "\n" : ""));
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
