package io.github.softdelete.internal.write;

import java.util.ArrayList;
import java.util.List;

import org.jooq.Condition;
import org.jooq.Query;
import org.jooq.Table;
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
 * {@code UPDATE ... FROM} are filtered like any read. MariaDB's multi-table UPDATE ({@code UPDATE posts JOIN users
 * ON ... SET ...}) writes only live rows of every soft-deletable table of its join.
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
        Condition extra = null;
        for (TableReference target : targets(registry, UnfilteredTable.unwrap(u.$table()))) {
            if (flags.markerWrites())
                continue;
            MarkerWriteGuard.checkUpdate(target, u.$set().keySet());
            extra = Predicates.and(extra, target.predicate(ReadMode.LIVE));
        }
        extra = Predicates.and(extra, Predicates.allOf(PreservedTables.leftToWhere(registry, u.$from()), flags.readMode()));
        return extra == null ? null : u.$where(Predicates.and(u.$where(), extra));
    }

    // The soft-deletable tables the UPDATE may write: its table, or every table of the join that MariaDB's multi-table
    // UPDATE names in its place (UPDATE posts JOIN users ON ... SET ...). Each of them writes live rows only, and none
    // of them may have its marker written, whichever of them the SET names: a joined table is read through the join
    // too, and the join's own rule (JoinFilter) filters it there as a read.
    private static List<TableReference> targets(TableRegistry registry, Table<?> table) {
        List<TableReference> targets = new ArrayList<>();
        if (table instanceof QOM.JoinTable<?, ?> join) {
            targets.addAll(targets(registry, UnfilteredTable.unwrap(join.$table1())));
            targets.addAll(targets(registry, UnfilteredTable.unwrap(join.$table2())));
            return targets;
        }
        TableReference target = TableReference.resolve(registry, table);
        if (target != null)
            targets.add(target);
        return targets;
    }
}
