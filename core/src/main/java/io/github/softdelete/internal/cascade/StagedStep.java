package io.github.softdelete.internal.cascade;

import io.github.softdelete.internal.policy.PolicyTable;
import io.github.softdelete.internal.policy.Relation;

/**
 * One statement of an operation of several statements on MariaDB ({@link StagedCascadeDelete},
 * {@link StagedRestore}), rendered with every value inlined, and what its result means.
 *
 * @param sql      the statement
 * @param check    what its result means
 * @param relation the key a refusal names, where the check is about a key
 * @param table    the table a refusal names, where the check is about a table
 * @param then     for {@link Check#REPEAT_WHILE_ADDED}, the write that follows each run that added rows; else null
 * @param stamps   the table whose rows this write marks as deleted ({@link Check#REPEAT_WHILE_ADDED}: {@link #then()}
 *                 does), so that its count is theirs for the operation's listeners; else null
 */
public record StagedStep(String sql, Check check, Relation relation, PolicyTable table, String then, PolicyTable stamps) {

    /**
     * What a step's result means. A query's result is <em>found</em> when its first row's first column is neither
     * NULL nor 0: {@code SELECT 1 ... LIMIT 1} finds a row, and so does an aggregate that locks every row it reads
     * and says, in one value, whether one of them is wrong.
     */
    public enum Check {
        /** A write; its count does not matter. */
        NONE,
        /** A query whose count is what {@link #UPDATE_ALL_COUNTED} must update. */
        COUNT,
        /** A write that must change as many rows as the last {@link #COUNT}: fewer means another transaction changed some. */
        UPDATE_ALL_COUNTED,
        /** Found: a live row over {@link #relation()}, a RESTRICT or NO ACTION key, would be left under a deleted row. */
        REFUSE_WHEN_FOUND_RESTRICT,
        /** Found: the operation reaches rows of {@link #table()}, whose deleted-by column needs an actor, and there is none. */
        REFUSE_WHEN_FOUND_NO_ACTOR,
        /** Found: a row to restore has a deleted parent over {@link #relation()}. */
        REFUSE_WHEN_FOUND_DELETED_PARENT,
        /** Found: a deleted child over {@link #relation()} that no stamp can tell to be the restored parent's. */
        REFUSE_WHEN_FOUND_UNSTAMPED,
        /**
         * An {@code INSERT IGNORE} of keys: while it adds rows (its count), {@link #then()} runs, and then it again. A
         * fixpoint, for rows that are found only once the rows before them are locked; or a cheap first look that
         * runs a costly {@link #then()} only when it found something (the replies' recursion after one level).
         */
        REPEAT_WHILE_ADDED
    }

    /** A query whose result {@code check} reads, about {@code table}. */
    static StagedStep of(String sql, Check check, PolicyTable table) {
        return new StagedStep(sql, check, null, table, null, null);
    }

    /** {@code add}, then {@code then}, again and again while {@code add} adds rows ({@link Check#REPEAT_WHILE_ADDED}). */
    static StagedStep repeatWhileAdded(String add, String then) {
        return new StagedStep(add, Check.REPEAT_WHILE_ADDED, null, null, then, null);
    }

    /** As {@link #repeatWhileAdded(String, String)}, where {@code stamp} marks rows of {@code table} as deleted. */
    static StagedStep repeatWhileAdded(String add, String stamp, PolicyTable table) {
        return new StagedStep(add, Check.REPEAT_WHILE_ADDED, null, null, stamp, table);
    }

    /** A write whose count does not matter. */
    static StagedStep write(String sql) {
        return new StagedStep(sql, Check.NONE, null, null, null, null);
    }

    /** A write that marks rows of {@code table} as deleted: its count is the rows it took. */
    static StagedStep stamp(String sql, PolicyTable table) {
        return new StagedStep(sql, Check.NONE, null, null, null, table);
    }

    /** A query that refuses, naming {@code relation}, when it finds a row. */
    static StagedStep refuseWhenFound(String sql, Check check, Relation relation) {
        return new StagedStep(sql, check, relation, null, null, null);
    }

    /** A query that refuses, naming {@code table}, when it finds a row. */
    static StagedStep refuseWhenFound(String sql, Check check, PolicyTable table) {
        return new StagedStep(sql, check, null, table, null, null);
    }
}
