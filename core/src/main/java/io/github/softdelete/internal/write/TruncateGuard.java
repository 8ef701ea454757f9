package io.github.softdelete.internal.write;

import org.jooq.ForeignKey;
import org.jooq.Table;
import org.jooq.impl.QOM;

import io.github.softdelete.SoftDeleteException;

import io.github.softdelete.internal.policy.PolicyTable;
import io.github.softdelete.internal.policy.Relation;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.policy.UnfilteredTable;
import io.github.softdelete.internal.sql.TableReference;

/**
 * Rule: TRUNCATE removes rows physically, deleted or not, so it is refused on a soft-deletable table
 * unless the context asked for hard deletes. {@code TRUNCATE ... CASCADE} of any table is refused too
 * when a soft-deletable table references it, because PostgreSQL would empty that table as well.
 */
public final class TruncateGuard {

    private TruncateGuard() {
    }

    public static void check(TableRegistry registry, QOM.Truncate<?> truncate) {
        for (Table<?> table : truncate.$table()) {
            TableReference reference = TableReference.resolve(registry, UnfilteredTable.unwrap(table));
            if (reference != null)
                throw refused(reference.table().quotedName(), "");
            if (truncate.$cascade() == QOM.Cascade.CASCADE) {
                PolicyTable child = softDeletableChild(registry, UnfilteredTable.unwrap(table));
                if (child != null)
                    throw refused('"' + table.getName() + '"', " CASCADE, which would also empty the soft-deletable table "
                        + child.quotedName() + " that references it,");
            }
        }
    }

    private static PolicyTable softDeletableChild(TableRegistry registry, Table<?> parent) {
        for (Relation relation : registry.relations())
            if (relation.parent().table().equals(parent) && registry.lookup(relation.child()) != null)
                return registry.lookup(relation.child());
        for (PolicyTable table : registry.tables())
            for (ForeignKey<?, ?> key : table.table().getReferences())
                if (key.getKey().getTable().equals(parent))
                    return table;
        return null;
    }

    private static SoftDeleteException refused(String table, String cascade) {
        return new SoftDeleteException("cannot TRUNCATE " + table + cascade + ": TRUNCATE removes rows physically,"
            + " the deleted ones with the live ones, and cannot be restored. Nothing was executed. Delete the rows with"
            + " DELETE (it soft-deletes), or, to remove them for good, run the TRUNCATE on SoftDelete.hardDelete(ctx)");
    }
}
