package io.github.softdelete.it.fuzz;

import io.github.softdelete.SoftDeleteException;

/**
 * What checking one case found. Immutable and thread-safe.
 *
 * @param verdict what happened
 * @param report  for a mismatch, everything needed to reproduce and understand it; for an invalid case,
 *                the database's error; for an accepted refusal, its {@link MariaDbRefusal} kind's name; else empty
 */
public record Outcome(Verdict verdict, String report) {

    /** The verdicts. */
    public enum Verdict {
        /** Both sides agree. */
        MATCH,
        /** Both sides refused a DELETE over a RESTRICT key: they agree. */
        REFUSED,
        /**
         * A shape MariaDB cannot run, refused alike on both sides or loudly by the library, each kind only for its
         * own shape ({@link MariaDbRefusal}): no leak, but nothing proven.
         */
        ACCEPTED_REFUSAL,
        /** Both sides failed alike: the generator made an invalid query, which proves nothing. */
        INVALID,
        /** The SQL-text path refused a statement that jOOQ's parser does not read: no leak, but nothing proven. */
        UNPARSED,
        /** The listener's side differs from the oracle. */
        MISMATCH
    }

    static final Outcome MATCH = new Outcome(Verdict.MATCH, "");
    static final Outcome REFUSED = new Outcome(Verdict.REFUSED, "");

    /** An accepted refusal of {@code kind}. */
    static Outcome accepted(MariaDbRefusal kind) {
        return new Outcome(Verdict.ACCEPTED_REFUSAL, kind.name());
    }

    /**
     * Whether {@code error} is the SQL-text path's refusal of a statement that jOOQ's parser does not read: the
     * DataSource throws an SQLException (which jOOQ wraps) caused by the library's SoftDeleteException.
     */
    static boolean unparsed(RuntimeException error) {
        SoftDeleteException refusal = refusal(error);
        return refusal != null && refusal.getMessage().startsWith("cannot filter the SQL statement");
    }

    /**
     * The library's refusal behind {@code error}: {@code error} itself on jOOQ's path, or a cause of it on the
     * SQL-text path, where a refusal reaches JDBC code as an SQLException caused by it; null if there is none.
     */
    static SoftDeleteException refusal(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause())
            if (t instanceof SoftDeleteException refusal)
                return refusal;
        return null;
    }
}
