package io.github.softdelete.internal.write;

import org.jooq.Context;
import org.jooq.QueryPart;
import org.jooq.VisitContext;
import org.jooq.impl.CustomQueryPart;
import org.jooq.impl.QOM;

/**
 * {@code <prefix> <statement>}: an INSERT or UPDATE with a part of the library's in front of it. On PostgreSQL the
 * prefix is a {@code WITH} clause ({@link CheckedSource}), used only for INSERTs that have no WITH of their own; on
 * MariaDB it is {@link StrictStatement}, which makes the statement's in-statement checks fail whatever the session's
 * SQL mode.
 *
 * <p>Why a part of its own: {@code QOM.Insert} has a {@code $with()} getter but no copy-setter (jOOQ's
 * {@code QOM.java} of 3.19, interface {@code Insert}), and
 * rebuilding the INSERT through the DSL would lose what QOM does not expose ({@code ON CONFLICT ON CONSTRAINT},
 * {@code RETURNING}). So the user's statement is copied with QOM's setters as usual and rendered after the prefix.
 *
 * <p>jOOQ calls listeners for this part's children, the statement among them; {@link #isInside} tells the
 * listener that the statement was already rewritten, so that it is not rewritten again.
 */
public final class PrefixedStatement extends CustomQueryPart {

    private static final long serialVersionUID = 1L;

    private enum Key { PREFIXED_STATEMENT }

    private final transient QueryPart prefix;
    private final transient QueryPart statement;

    /** {@code prefix} renders the whole prefix, keyword included; {@code statement} is the rewritten statement. */
    PrefixedStatement(QueryPart prefix, QueryPart statement) {
        this.prefix = prefix;
        this.statement = statement;
    }

    /** Whether {@code part} is the statement of a prefixed statement being rendered: already rewritten. */
    public static boolean isInside(VisitContext context, QueryPart part) {
        return context.data(Key.PREFIXED_STATEMENT) == part;
    }

    @Override
    public void accept(Context<?> ctx) {
        ctx.visit(prefix).formatSeparator();
        Object previous = ctx.data(Key.PREFIXED_STATEMENT, statement);
        try {
            ctx.visit(statement);
        } finally {
            ctx.data(Key.PREFIXED_STATEMENT, previous);
        }
    }
}
