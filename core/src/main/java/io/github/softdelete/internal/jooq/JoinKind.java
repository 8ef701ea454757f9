package io.github.softdelete.internal.jooq;

/** What a join does with unmatched rows, which decides where a side's predicate may go. */
public enum JoinKind {

    /** Inner, cross, natural, straight joins and CROSS APPLY: unmatched rows are dropped. */
    INNER,

    /** LEFT [OUTER], LEFT SEMI, LEFT ANTI joins and OUTER APPLY: the right side is null-extended (or only tested). */
    LEFT,

    /** RIGHT [OUTER] joins: the left side is null-extended. */
    RIGHT,

    /** FULL [OUTER] joins: each side is both preserved and null-extended. */
    FULL
}
