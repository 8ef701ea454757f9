package io.github.softdelete.internal;

import java.util.ArrayList;
import java.util.List;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.DeleteQuery;
import org.jooq.Query;
import org.jooq.QueryPart;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.SelectLimitStep;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.QOM;

import io.github.softdelete.SoftDeleteException;

/**
 * Rules for writes through a view that reads soft-deletable tables. PostgreSQL turns a DELETE through a
 * simple view into a physical DELETE of the base rows, and an UPDATE into one that reaches deleted rows;
 * neither may happen.
 * <ul>
 *   <li>{@code DELETE FROM v WHERE c}, for a simple view over one soft-deletable table {@code t} that
 *       shows {@code t}'s primary key: becomes {@code DELETE FROM t WHERE t.key IN (SELECT v.key FROM v WHERE c)},
 *       which is then soft-deleted like any DELETE of {@code t}, cascades included.</li>
 *   <li>{@code UPDATE v SET ... WHERE c}, same views: gets {@code AND v.key IN (SELECT key FROM t WHERE live)},
 *       and the marker guard applies to its SET clause.</li>
 *   <li>{@code INSERT INTO v}: PostgreSQL inserts into {@code t}; the marker guard and the deleted-parent check
 *       ({@link LiveParents}) apply as for {@code t}.</li>
 *   <li>Any other DELETE or UPDATE through such a view is refused, naming the view, the table and the fix.
 *       Under {@code hardDelete}, a DELETE runs as written.</li>
 * </ul>
 */
final class ViewWrites {

    private ViewWrites() {
    }

    /** The soft delete that replaces a DELETE through {@code view}. */
    static QueryPart delete(TableRegistry registry, QOM.Delete<?> delete, ViewDefinition view, ContextFlags flags, DSLContext dsl) {
        if (view.base() == null || view.key() == null)
            throw refused(view, "DELETE", reason(view));
        if (!Qom.returning((DeleteQuery<?>) delete).isEmpty())
            throw refused(view, "DELETE ... RETURNING", "RETURNING names the view's columns, which the soft delete of "
                + view.base().quotedName() + " does not have");
        Table<?> target = delete.$from();
        List<Table<?>> from = new ArrayList<>();
        from.add(target);
        from.addAll(delete.$using());
        SelectLimitStep<?> rows = DSL.select(RowSets.on(target, view.key())).from(from)
            .where(delete.$where() == null ? DSL.noCondition() : delete.$where()).orderBy(delete.$orderBy());
        Select<?> keys = delete.$limit() == null ? rows : rows.limit(delete.$limit());
        QOM.Delete<?> onBase = delete.$from(view.base().table()).$using(List.of()).$orderBy(List.of()).$limit(null)
            .$where(RowSets.in(RowSets.key(view.base()), asRecords(keys)));
        return DeleteToUpdate.rewrite(registry, (DeleteQuery<?>) onBase, flags, dsl);
    }

    /** The UPDATE through {@code view}, restricted to live base rows. */
    static Query update(TableRegistry registry, QOM.Update<?> update, ViewDefinition view, ContextFlags flags) {
        if (view.base() == null || view.key() == null)
            throw refused(view, "UPDATE", reason(view));
        TableReference base = TableReference.resolve(registry, view.base().table());
        if (flags.markerWrites())
            return null;
        MarkerWriteGuard.checkUpdate(base, update.$set().keySet());
        Table<?> rows = new UnfilteredTable<>(view.base().table());
        Condition live = RowSets.in(RowSets.on(update.$table(), view.key()),
            asRecords(DSL.select(RowSets.key(view.base())).from(rows).where(base.predicate(ReadMode.LIVE))));
        return update.$where(Predicates.and(update.$where(), live));
    }

    /** Checks an INSERT through {@code view}: like an INSERT into its base table, it may not write the marker. */
    static void insert(TableRegistry registry, QOM.Insert<?> insert, ViewDefinition view, ContextFlags flags) {
        if (view.base() != null && !flags.markerWrites())
            MarkerWriteGuard.checkInsert(TableReference.resolve(registry, view.base().table()), insert);
    }

    private static String reason(ViewDefinition view) {
        if (view.definition() == null)
            return "its definition could not be parsed (" + view.problem() + ")";
        if (view.base() == null)
            return "it is not a simple view over one soft-deletable table (it reads " + ViewReads.names(view)
                + ", or joins, groups or is DISTINCT)";
        return "it does not show the primary key of " + view.base().quotedName() + ", so its rows cannot be matched to base rows";
    }

    private static SoftDeleteException refused(ViewDefinition view, String statement, String reason) {
        String base = view.base() != null ? view.base().quotedName() : ViewReads.names(view);
        return new SoftDeleteException("cannot " + statement + " through view " + view.quotedName() + ", which reads the"
            + " soft-deletable table " + base + ": " + reason + ", and PostgreSQL would change the base rows physically or"
            + " reach deleted rows. Nothing was executed. Write to " + base + " directly (a DELETE there soft-deletes),"
            + " add the primary key columns to the view, or, to delete for real, run the DELETE on SoftDelete.hardDelete(ctx)");
    }

    @SuppressWarnings("unchecked")
    private static Select<? extends Record> asRecords(Select<?> select) {
        return (Select<? extends Record>) select;
    }

}
