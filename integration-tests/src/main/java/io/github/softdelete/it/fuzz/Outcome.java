package io.github.softdelete.it.fuzz;

/**
 * What checking one case found. Immutable and thread-safe.
 *
 * @param verdict what happened
 * @param report  for a mismatch, everything needed to reproduce and understand it; for an invalid case,
 *                the database's error; else empty
 */
public record Outcome(Verdict verdict, String report) {

    /** The verdicts. */
    public enum Verdict {
        /** Both sides agree. */
        MATCH,
        /** Both sides refused a DELETE over a RESTRICT key: they agree. */
        REFUSED,
        /** Both sides failed alike: the generator made an invalid query, which proves nothing. */
        INVALID,
        /** The SQL-text path refused a statement that jOOQ's parser does not read: no leak, but nothing proven. */
        UNPARSED,
        /** The listener's side differs from the oracle. */
        MISMATCH
    }

    static final Outcome MATCH = new Outcome(Verdict.MATCH, "");
    static final Outcome REFUSED = new Outcome(Verdict.REFUSED, "");

    /** Whether {@code error} is the SQL-text path's refusal of a statement that jOOQ's parser does not read. */
    static boolean unparsed(RuntimeException error) {
        return error instanceof io.github.softdelete.SoftDeleteException
            && error.getMessage().startsWith("cannot filter the SQL statement");
    }
}
