package io.github.softdelete.internal;

import java.util.List;

import org.jooq.CommonTableExpression;
import org.jooq.Context;
import org.jooq.QueryPart;
import org.jooq.VisitContext;
import org.jooq.impl.CustomQueryPart;
import org.jooq.impl.DSL;
import org.jooq.impl.QOM;

/**
 * {@code WITH <ctes> <insert>}: an INSERT with common table expressions of the library's in front of it.
 *
 * <p>Why a part of its own: {@code QOM.Insert} has a {@code $with()} getter but no copy-setter (jOOQ 3.19), and
 * rebuilding the INSERT through the DSL would lose what QOM does not expose ({@code ON CONFLICT ON CONSTRAINT},
 * {@code RETURNING}). So the user's INSERT is copied with QOM's setters as usual and rendered after a
 * {@code WITH} clause rendered here, used only for INSERTs that have no WITH of their own.
 *
 * <p>A CTE renders its declaration only while {@code Context.declareCTE()} is true (jOOQ's
 * {@code CommonTableExpressionImpl.accept}); jOOQ's own WITH clause sets it around the list, and a nested
 * WITH resets it to false when it is done, so it is set again before each CTE here.
 *
 * <p>jOOQ calls listeners for this part's children, the INSERT among them; {@link #isInside} tells the
 * listener that the INSERT was already rewritten, so that it is not rewritten again.
 */
final class PrefixedInsert extends CustomQueryPart {

    private static final long serialVersionUID = 1L;

    private enum Key { PREFIXED_INSERT }

    private final transient List<CommonTableExpression<?>> ctes;
    private final transient QOM.Insert<?> insert;

    PrefixedInsert(List<CommonTableExpression<?>> ctes, QOM.Insert<?> insert) {
        this.ctes = List.copyOf(ctes);
        this.insert = insert;
    }

    /** Whether {@code part} is the INSERT of a prefixed insert being rendered: already rewritten. */
    static boolean isInside(VisitContext context, QueryPart part) {
        return context.data(Key.PREFIXED_INSERT) == part;
    }

    @Override
    public void accept(Context<?> ctx) {
        boolean declare = ctx.declareCTE();
        ctx.visit(DSL.keyword("with")).sql(' ');
        for (int i = 0; i < ctes.size(); i++) {
            if (i > 0)
                ctx.sql(',').formatSeparator();
            ctx.declareCTE(true).visit(ctes.get(i));
        }
        ctx.declareCTE(declare).formatSeparator();
        Object previous = ctx.data(Key.PREFIXED_INSERT, insert);
        try {
            ctx.visit(insert);
        } finally {
            ctx.data(Key.PREFIXED_INSERT, previous);
        }
    }
}
