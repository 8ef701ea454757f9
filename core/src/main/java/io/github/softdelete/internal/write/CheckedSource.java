package io.github.softdelete.internal.write;

import java.util.List;

import org.jooq.CommonTableExpression;
import org.jooq.Context;
import org.jooq.QueryPart;
import org.jooq.impl.CustomQueryPart;
import org.jooq.impl.DSL;

import io.github.softdelete.internal.render.KeptText;

/**
 * The WITH clause in front of a checked INSERT ({@link CheckedRows}):
 * {@code WITH softdelete_source(columns) AS (<the rows>), <the library's CTEs>}.
 *
 * <p>The source CTE is rendered here rather than by jOOQ's CTE part, so that the rows (a VALUES list, or the
 * INSERT's SELECT) can be the hole of a kept text ({@link KeptText}): every other part of the clause comes from the
 * policy and the shape of the INSERT alone. The rows render as jOOQ renders a CTE's body (its
 * {@code Tools.visitSubquery} with the derived-table characteristic, 3.19): in parentheses, one subquery level
 * deeper, a derived table's subquery; {@link #IN_SOURCE} restores the context's state after them, and is also how
 * the kept text replays them.
 *
 * <p>A CTE renders its declaration only while {@code Context.declareCTE()} is true (jOOQ's
 * {@code CommonTableExpressionImpl.accept}); a nested WITH resets it to false when it is done, so it is set again
 * before each CTE here.
 */
final class CheckedSource extends CustomQueryPart {

    private static final long serialVersionUID = 1L;

    /** The rows, rendered as the body of the source CTE: see the class comment. */
    static final KeptText.Surroundings IN_SOURCE = (ctx, rows) -> {
        boolean predicand = ctx.predicandSubquery();
        boolean derived = ctx.derivedTableSubquery();
        boolean setOperation = ctx.setOperationSubquery();
        ctx.subquery(true, rows).predicandSubquery(false).derivedTableSubquery(true).setOperationSubquery(false)
            .visit(rows)
            .setOperationSubquery(setOperation).derivedTableSubquery(derived).predicandSubquery(predicand).subquery(false);
    };

    private final transient List<String> columns;
    private final transient QueryPart rows;
    private final transient List<CommonTableExpression<?>> ctes;

    /** {@code rows} is the source's body, or the part that marks where it is; {@code ctes} follow the source. */
    CheckedSource(List<String> columns, QueryPart rows, List<CommonTableExpression<?>> ctes) {
        this.columns = List.copyOf(columns);
        this.rows = rows;
        this.ctes = List.copyOf(ctes);
    }

    @Override
    public void accept(Context<?> ctx) {
        boolean declare = ctx.declareCTE();
        ctx.visit(DSL.keyword("with")).sql(' ').visit(CheckedRows.SOURCE).sql('(');
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0)
                ctx.sql(", ");
            ctx.visit(DSL.name(columns.get(i)));
        }
        ctx.sql(") ").visit(DSL.keyword("as")).sql(" (");
        IN_SOURCE.render(ctx, rows);
        ctx.sql(')');
        for (CommonTableExpression<?> cte : ctes) {
            ctx.sql(',').formatSeparator();
            ctx.declareCTE(true).visit(cte);
        }
        ctx.declareCTE(declare);
    }
}
