package io.github.softdelete.internal.read;

import org.jooq.Condition;
import org.jooq.Select;

import io.github.softdelete.internal.jooq.Qom;
import io.github.softdelete.internal.policy.ReadMode;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.sql.Predicates;

/**
 * Rule: a SELECT's soft-deletable FROM tables are filtered in its WHERE clause.
 *
 * <p>Applies to every SELECT jOOQ renders: top-level queries, subqueries of any kind, derived tables,
 * CTE bodies, each branch of a set operation and the source of INSERT ... SELECT, because jOOQ visits
 * each nested SELECT on its own. Joined tables are handled by {@link JoinFilter}.
 */
public final class SelectFilter {

    private SelectFilter() {
    }

    /** The filtered copy of {@code select}, or null when it reads no soft-deletable table. */
    public static Select<?> rewrite(TableRegistry registry, Select<?> select, ReadMode mode) {
        Condition extra = Predicates.allOf(PreservedTables.leftToWhere(registry, Qom.from(select)), mode);
        if (extra == null)
            return null;
        return Qom.withWhere(select, Predicates.and(select.$where(), extra));
    }
}
