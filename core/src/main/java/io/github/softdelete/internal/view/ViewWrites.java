package io.github.softdelete.internal.view;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.DeleteQuery;
import org.jooq.Field;
import org.jooq.FieldOrRow;
import org.jooq.FieldOrRowOrSelect;
import org.jooq.Query;
import org.jooq.QueryPart;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.SelectLimitStep;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.QOM;

import io.github.softdelete.SoftDeleteException;

import io.github.softdelete.internal.jooq.Qom;
import io.github.softdelete.internal.policy.ContextFlags;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.policy.ViewDefinition;
import io.github.softdelete.internal.sql.Predicates;
import io.github.softdelete.internal.sql.RowSets;
import io.github.softdelete.internal.sql.TableReference;
import io.github.softdelete.internal.write.DeleteToUpdate;
import io.github.softdelete.internal.write.LiveParents;
import io.github.softdelete.internal.write.MarkerWriteGuard;

/**
 * Rules for writes through a view that reads soft-deletable tables. PostgreSQL turns a DELETE through an
 * automatically updatable view into a physical DELETE of the base rows, and an UPDATE into one that reaches
 * deleted rows; neither may happen. The view's columns are matched to the base's by the view's definition
 * ({@link ViewAnalysis}), never by name: a view may show another column under the key's name.
 * <ul>
 *   <li>{@code DELETE FROM v WHERE c}, for an automatically updatable view over one soft-deletable table
 *       {@code t} that shows {@code t}'s primary key (under any names): becomes
 *       {@code DELETE FROM t WHERE t.key IN (SELECT v.<columns showing the key> FROM v WHERE c)}, which is then
 *       soft-deleted like any DELETE of {@code t}, cascades included. The subquery reads the view as any read
 *       does: inlined and filtered.</li>
 *   <li>{@code UPDATE v SET ... WHERE c}, same views: gets {@code AND v.<key> IN (SELECT <key> FROM v)}, a read of
 *       the view, inlined and filtered, so that it changes only rows a read of the view shows (its base row live,
 *       and the rows its subqueries read too); the marker guard applies to the base columns its SET writes.</li>
 *   <li>{@code INSERT INTO v}: PostgreSQL inserts into {@code t}; the marker guard applies to the base columns it
 *       writes, and the deleted-parent check ({@link LiveParents}) as for {@code t}.</li>
 *   <li>Any other DELETE or UPDATE through such a view is refused, naming the view and the reason.
 *       Under {@code hardDelete}, a DELETE runs as written.</li>
 * </ul>
 */
public final class ViewWrites {

    // The view as the UPDATE's check reads it.
    private static final String SHOWN = "softdelete_shown";

    private ViewWrites() {
    }

    /** The soft delete that replaces a DELETE through {@code view}. */
    public static QueryPart delete(TableRegistry registry, QOM.Delete<?> delete, ViewDefinition view, ContextFlags flags, DSLContext dsl) {
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
    public static Query update(TableRegistry registry, QOM.Update<?> update, ViewDefinition view, ContextFlags flags) {
        if (view.base() == null || view.key() == null)
            throw refused(view, "UPDATE", reason(view));
        TableReference base = TableReference.resolve(registry, view.base().table());
        if (flags.markerWrites())
            return null;
        MarkerWriteGuard.checkUpdate(base, baseColumns(view, update.$set().keySet()));
        Table<?> shown = view.view().as(SHOWN);
        Condition shownByARead = RowSets.in(RowSets.on(update.$table(), view.key()),
            asRecords(DSL.select(RowSets.on(shown, view.key())).from(shown)));
        return update.$where(Predicates.and(update.$where(), shownByARead));
    }

    /** Checks an INSERT through {@code view}: like an INSERT into its base table, it may not write the marker. */
    public static void insert(TableRegistry registry, QOM.Insert<?> insert, ViewDefinition view, ContextFlags flags) {
        if (view.base() != null && !flags.markerWrites())
            MarkerWriteGuard.checkInsert(TableReference.resolve(registry, view.base().table()),
                insert.$columns(baseColumns(view, insert.$columns())).$updateSet(baseAssignments(view, insert.$updateSet())));
    }

    // The base columns that the view's columns show, by the view's definition; a column that shows an expression
    // keeps its name (PostgreSQL refuses to write it: it is read-only).
    private static List<Field<?>> baseColumns(ViewDefinition view, Collection<? extends FieldOrRow> viewColumns) {
        List<Field<?>> columns = new ArrayList<>();
        for (FieldOrRow column : viewColumns)
            if (column instanceof Field<?> field) {
                String base = view.baseColumn(field.getName());
                columns.add(base == null ? field : DSL.field(DSL.name(base), field.getDataType()));
            }
        return columns;
    }

    private static Map<? extends FieldOrRow, ? extends FieldOrRowOrSelect> baseAssignments(ViewDefinition view,
                                                                                          Map<? extends FieldOrRow, ? extends FieldOrRowOrSelect> set) {
        Map<FieldOrRow, FieldOrRowOrSelect> assignments = new LinkedHashMap<>();
        set.forEach((column, value) -> assignments.put(column instanceof Field<?> field && view.baseColumn(field.getName()) != null
            ? DSL.field(DSL.name(view.baseColumn(field.getName())), field.getDataType()) : column, value));
        return assignments;
    }

    private static String reason(ViewDefinition view) {
        if (view.definition() == null)
            return "its definition could not be parsed (" + view.problem() + ")";
        if (view.base() == null)
            return view.writeProblem() + ", so PostgreSQL would not write through it as through a table (it reads "
                + ViewReads.names(view) + ")";
        return "it does not show every column of the primary key of " + view.base().quotedName() + " as it is, so its rows"
            + " cannot be matched to base rows";
    }

    private static SoftDeleteException refused(ViewDefinition view, String statement, String reason) {
        String base = view.base() != null ? view.base().quotedName() : ViewReads.names(view);
        String fix = view.base() != null && view.key() == null ? ", show the primary key columns of " + base + " in the view" : "";
        return new SoftDeleteException("cannot " + statement + " through view " + view.quotedName() + ", which reads the"
            + " soft-deletable table " + base + ": " + reason + ". Nothing was executed. Write to " + base + " directly"
            + " (a DELETE there soft-deletes)" + fix + ", or, to delete for real, run the DELETE on SoftDelete.hardDelete(ctx)");
    }

    @SuppressWarnings("unchecked")
    private static Select<? extends Record> asRecords(Select<?> select) {
        return (Select<? extends Record>) select;
    }

}
