package io.github.softdelete.internal;

import org.jooq.Condition;
import org.jooq.Table;
import org.jooq.impl.QOM;

/**
 * Rule: a join's null-extended soft-deletable tables (and an inner join's joined tables) are filtered
 * in that join's ON clause. See {@link PreservedTables} for the placement rule.
 */
final class JoinFilter {

    private JoinFilter() {
    }

    /** The filtered copy of {@code join}, or null when its ON clause needs nothing. */
    static Table<?> rewrite(TableRegistry registry, QOM.JoinTable<?, ?> join, ReadMode mode) {
        Condition extra = PreservedTables.onCondition(registry, join, mode);
        return extra == null ? null : Qom.withOn(join, extra);
    }
}
