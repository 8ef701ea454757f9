package io.github.softdelete.internal.write;

import org.jooq.Merge;
import org.jooq.QueryPart;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.VisitContext;

import io.github.softdelete.SoftDeleteException;

import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.read.SelectFilter;
import io.github.softdelete.internal.sql.TableReference;

/**
 * Rule: a MERGE cannot be filtered, so one that names a soft-deletable table directly is refused.
 *
 * <p>jOOQ 3.19 does not expose MERGE to listeners ({@code MergeImpl} is {@code QOM.UNotYetImplemented}, jOOQ's
 * {@code MergeImpl.java} of 3.19):
 * its target and source cannot be read or copied. So while a MERGE is rendered, any soft-deletable
 * table that is visited with no SELECT between it and the MERGE (the target, a table used directly as
 * the source, or a column reference to either) raises {@link SoftDeleteException} instead of running
 * unfiltered. The mark is never cleared: a render context renders one statement, and a MERGE is
 * always that statement, so nothing follows it. Tables inside a subquery (a derived-table source, a scalar subquery) are read by a
 * SELECT, which {@link SelectFilter} filters as usual.
 */
public final class MergeGuard {

    private enum Key { MERGE_IN_PROGRESS }

    private MergeGuard() {
    }

    public static void enter(VisitContext context) {
        context.data(Key.MERGE_IN_PROGRESS, Boolean.TRUE);
    }

    public static boolean active(VisitContext context) {
        return context.data(Key.MERGE_IN_PROGRESS) != null;
    }

    public static void check(VisitContext context, TableRegistry registry, Table<?> table) {
        TableReference reference = TableReference.resolve(registry, table);
        if (reference == null)
            return;
        QueryPart[] stack = context.queryParts();
        for (int i = stack.length - 2; i >= 0; i--) {
            if (stack[i] instanceof Select<?>)
                return;
            if (stack[i] instanceof Merge<?>)
                throw new SoftDeleteException("cannot run a MERGE that names the soft-deletable table "
                    + reference.table().quotedName() + " directly: jOOQ 3.19 does not let a listener look inside"
                    + " MERGE, so it would read and write deleted rows. Use INSERT ... ON CONFLICT or UPDATE and"
                    + " INSERT statements, or use a subquery as the MERGE source:"
                    + " using(select().from(table).asTable(\"s\"))");
        }
    }
}
