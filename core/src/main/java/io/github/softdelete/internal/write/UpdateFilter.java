package io.github.softdelete.internal.write;

import org.jooq.Condition;
import org.jooq.Query;
import org.jooq.UpdateQuery;
import org.jooq.impl.QOM;

import io.github.softdelete.internal.policy.ContextFlags;
import io.github.softdelete.internal.policy.ReadMode;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.policy.UnfilteredTable;
import io.github.softdelete.internal.read.PreservedTables;
import io.github.softdelete.internal.sql.LibraryWrite;
import io.github.softdelete.internal.sql.Predicates;
import io.github.softdelete.internal.sql.TableReference;

/**
 * Rule: an UPDATE never touches deleted rows. {@code UPDATE T SET ... WHERE c} also gets
 * {@code AND T.marker IS NULL}; the SET clause is left untouched, and the FROM tables of
 * {@code UPDATE ... FROM} are filtered like any read.
 *
 * <p>The library's own UPDATEs (a soft delete, a restore) are recognised by {@link LibraryWrite} and
 * left alone: they already say which rows they want.
 */
public final class UpdateFilter {

    private UpdateFilter() {
    }

    /** The filtered copy of {@code update}, or null when nothing applies. */
    public static Query rewrite(TableRegistry registry, UpdateQuery<?> update, ContextFlags flags) {
        QOM.Update<?> u = (QOM.Update<?>) update;
        if (LibraryWrite.isOwnWrite(u.$set()))
            return null;
        TableReference target = TableReference.resolve(registry, UnfilteredTable.unwrap(u.$table()));
        Condition extra = null;
        if (target != null && !flags.markerWrites()) {
            MarkerWriteGuard.checkUpdate(target, u.$set().keySet());
            extra = target.predicate(ReadMode.LIVE);
        }
        extra = Predicates.and(extra, Predicates.allOf(PreservedTables.leftToWhere(registry, u.$from()), flags.readMode()));
        return extra == null ? null : u.$where(Predicates.and(u.$where(), extra));
    }
}
