package io.github.softdelete.internal.write;

import org.jooq.Context;
import org.jooq.QueryPart;
import org.jooq.VisitContext;
import org.jooq.impl.CustomQueryPart;
import org.jooq.impl.QOM;

/**
 * {@code WITH <ctes> <insert>}: an INSERT with common table expressions of the library's in front of it.
 *
 * <p>Why a part of its own: {@code QOM.Insert} has a {@code $with()} getter but no copy-setter (jOOQ's
 * {@code QOM.java} of 3.19, interface {@code Insert}), and
 * rebuilding the INSERT through the DSL would lose what QOM does not expose ({@code ON CONFLICT ON CONSTRAINT},
 * {@code RETURNING}). So the user's INSERT is copied with QOM's setters as usual and rendered after a
 * {@code WITH} clause of the library's ({@link CheckedSource}), used only for INSERTs that have no WITH of their own.
 *
 * <p>jOOQ calls listeners for this part's children, the INSERT among them; {@link #isInside} tells the
 * listener that the INSERT was already rewritten, so that it is not rewritten again.
 */
public final class PrefixedInsert extends CustomQueryPart {

    private static final long serialVersionUID = 1L;

    private enum Key { PREFIXED_INSERT }

    private final transient QueryPart with;
    private final transient QOM.Insert<?> insert;

    /** {@code with} renders the whole WITH clause, keyword included. */
    PrefixedInsert(QueryPart with, QOM.Insert<?> insert) {
        this.with = with;
        this.insert = insert;
    }

    /** Whether {@code part} is the INSERT of a prefixed insert being rendered: already rewritten. */
    public static boolean isInside(VisitContext context, QueryPart part) {
        return context.data(Key.PREFIXED_INSERT) == part;
    }

    @Override
    public void accept(Context<?> ctx) {
        ctx.visit(with).formatSeparator();
        Object previous = ctx.data(Key.PREFIXED_INSERT, insert);
        try {
            ctx.visit(insert);
        } finally {
            ctx.data(Key.PREFIXED_INSERT, previous);
        }
    }
}
