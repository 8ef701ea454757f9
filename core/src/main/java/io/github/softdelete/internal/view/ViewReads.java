package io.github.softdelete.internal.view;

import org.jooq.Delete;
import org.jooq.Insert;
import org.jooq.QueryPart;
import org.jooq.Table;
import org.jooq.Update;
import org.jooq.VisitContext;
import org.jooq.impl.QOM;

import io.github.softdelete.SoftDeleteException;

import io.github.softdelete.internal.policy.ContextFlags;
import io.github.softdelete.internal.policy.PolicyTable;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.policy.ViewDefinition;

/**
 * Rule: a view that reads soft-deletable tables without filtering them is read as its definition, a
 * derived table under the view's name: {@code FROM user_emails} becomes
 * {@code FROM (SELECT users.id, users.email, users.name FROM users) AS user_emails}, and the listener
 * then filters the definition's own SELECT like any other.
 *
 * <p>The replacement happens where jOOQ visits the table itself, which covers every place the view
 * appears: FROM lists, joins, and the qualifier of each of its columns. jOOQ renders an aliased derived
 * table as {@code (SELECT ...) AS name} where tables are declared and as {@code name} elsewhere, so a
 * column {@code "public"."user_emails"."email"} renders as {@code "user_emails"."email"}, which the derived
 * table provides. A view that is the target of a DML statement is left alone ({@link ViewWrites}).
 *
 * <p>Views whose definition could not be parsed are refused when read, unless the policy's plain-SQL setting
 * passes SQL text through unfiltered ({@code PlainSql.PASS_THROUGH_UNFILTERED}), which reads them as they are.
 */
public final class ViewReads {

    private ViewReads() {
    }

    /** The derived table that replaces {@code table}, or null when it is not a view to inline here. */
    public static Table<?> inline(VisitContext context, TableRegistry registry, Table<?> table, boolean strict) {
        ViewDefinition view = registry.views().lookup(table);
        if (view == null || (view.definition() != null && !view.needsInlining()) || isTarget(context))
            return null;
        if (view.definition() == null) {
            if (strict && !ContextFlags.of(context.configuration()).plainSql())
                throw new SoftDeleteException("cannot read view " + view.quotedName() + ": it reads the soft-deletable table(s) "
                    + names(view) + ", and its definition could not be parsed (" + view.problem() + "), so deleted rows cannot"
                    + " be hidden. Add WHERE <table>.deleted_at IS NULL to the view, read the tables directly, or read it on"
                    + " SoftDelete.allowPlainSql(ctx), unfiltered");
            return null;
        }
        return view.definition().asTable(table instanceof QOM.TableAlias<?> alias ? alias.$alias().first() : table.getName());
    }

    // The target of INSERT, UPDATE or DELETE is visited by the statement itself; everything else that
    // names a table (a FROM list, a join, a column) sits between it and the statement.
    private static boolean isTarget(VisitContext context) {
        QueryPart[] stack = context.queryParts();
        if (stack.length < 2)
            return false;
        QueryPart parent = stack[stack.length - 2];
        return parent instanceof Insert<?> || parent instanceof Update<?> || parent instanceof Delete<?>;
    }

    static String names(ViewDefinition view) {
        return view.reads().isEmpty() ? "(unknown)" : String.join(", ", view.reads().stream().map(PolicyTable::quotedName).toList());
    }
}
