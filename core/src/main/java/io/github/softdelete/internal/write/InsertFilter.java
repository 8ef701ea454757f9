package io.github.softdelete.internal.write;

import org.jooq.InsertQuery;
import org.jooq.Query;
import org.jooq.impl.QOM;

import io.github.softdelete.internal.policy.ContextFlags;
import io.github.softdelete.internal.policy.ReadMode;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.policy.UnfilteredTable;
import io.github.softdelete.internal.read.SelectFilter;
import io.github.softdelete.internal.sql.Predicates;
import io.github.softdelete.internal.sql.TableReference;

/**
 * Rules for INSERT into a soft-deletable table:
 * <ul>
 *   <li>the marker guard: an INSERT may not write the marker ({@link MarkerWriteGuard});</li>
 *   <li>an upsert's {@code ON CONFLICT ... DO UPDATE} is an UPDATE, and like every UPDATE it never
 *       touches a deleted row: its {@code WHERE} gets {@code AND T.marker IS NULL}. A conflict with a
 *       deleted row then neither inserts nor updates, where PostgreSQL would otherwise silently write
 *       into the deleted row.</li>
 * </ul>
 * The source of {@code INSERT ... SELECT} is a SELECT, filtered by {@link SelectFilter}.
 */
public final class InsertFilter {

    private InsertFilter() {
    }

    /** The rewritten copy of {@code insert}, or null when nothing applies. */
    public static Query rewrite(TableRegistry registry, InsertQuery<?> insert, ContextFlags flags) {
        QOM.Insert<?> i = (QOM.Insert<?>) insert;
        TableReference target = TableReference.resolve(registry, UnfilteredTable.unwrap(i.$into()));
        if (target == null || flags.markerWrites())
            return null;
        MarkerWriteGuard.checkInsert(target, i);
        if (!i.$onDuplicateKeyUpdate() || i.$updateSet().isEmpty())
            return null;
        return i.$updateWhere(Predicates.and(i.$updateWhere(), target.predicate(ReadMode.LIVE)));
    }
}
