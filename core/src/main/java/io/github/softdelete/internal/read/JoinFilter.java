package io.github.softdelete.internal.read;

import org.jooq.Condition;
import org.jooq.Table;
import org.jooq.impl.QOM;

import io.github.softdelete.internal.jooq.Engine;
import io.github.softdelete.internal.jooq.JoinKind;
import io.github.softdelete.internal.jooq.Qom;
import io.github.softdelete.internal.policy.ReadMode;
import io.github.softdelete.internal.policy.TableRegistry;

/**
 * Rule: a join's null-extended soft-deletable tables (and an inner join's joined tables) are filtered
 * in that join's ON clause. See {@link PreservedTables} for the placement rule. An outer join without an
 * ON clause (USING, NATURAL, OUTER APPLY) filters its null-extended sides before the join instead
 * ({@link NullExtendedSides}).
 */
public final class JoinFilter {

    private JoinFilter() {
    }

    /** The filtered copy of {@code join}, or null when its ON clause needs nothing. */
    public static Table<?> rewrite(TableRegistry registry, QOM.JoinTable<?, ?> join, ReadMode mode, Engine engine) {
        if (!Qom.hasOn(join) && Qom.kind(join) != JoinKind.INNER)
            return NullExtendedSides.rewrite(registry, join, mode, engine);
        Condition extra = PreservedTables.onCondition(registry, join, mode);
        return extra == null ? null : Qom.withOn(join, extra);
    }
}
