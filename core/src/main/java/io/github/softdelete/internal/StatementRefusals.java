package io.github.softdelete.internal;

import java.sql.SQLException;

import org.jooq.Configuration;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;

import io.github.softdelete.SoftDeleteException;

/**
 * Turns the failures that the in-statement checks of {@link CascadeDelete} (a live child over a
 * RESTRICT key), {@link CascadeRestore} (a deleted parent) and {@link LiveParents} (a write that points
 * at a deleted parent) provoke into a {@link SoftDeleteException} that names the key, the tables and
 * the way out.
 *
 * <p>The checks fail on purpose inside the statement (a CAST of {@code '<mark><key>'} to integer), so
 * that one statement both checks and changes, and a refusal changes nothing. The failure is recognised
 * from data the library controls, never from the message's wording, which depends on the server's
 * {@code lc_messages}: the SQLSTATE is {@code 22P02} (invalid_text_representation), the statement the
 * library rendered contains the token {@code <mark><key>} for a key of the policy, and the server's
 * message quotes the value that failed, which is that token (in whatever words and quote characters).
 * The token is matched as a whole against the registry's key names, the longest match winning, so a key
 * whose name is a prefix of another's is never mistaken for it.
 *
 * <p>Immutable and thread-safe.
 */
public final class StatementRefusals implements ExecuteListener {

    private static final long serialVersionUID = 1L;

    private final transient TableRegistry registry;

    public StatementRefusals(TableRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void exception(ExecuteContext ctx) {
        SQLException cause = ServerErrors.sqlException(ctx.exception());
        if (cause == null || !ServerErrors.INVALID_TEXT_REPRESENTATION.equals(cause.getSQLState()) || ctx.sql() == null)
            return;
        String message = String.valueOf(cause.getMessage());
        Relation restrict = marked(message, ctx.sql(), CascadeDelete.RESTRICT_MARK);
        if (restrict != null) {
            ctx.exception(Refusals.delete(restrict, ctx.exception()));
            return;
        }
        Relation deletedParent = marked(message, ctx.sql(), CascadeRestore.DELETED_PARENT_MARK);
        if (deletedParent != null) {
            ctx.exception(Refusals.restore(deletedParent, ctx.exception()));
            return;
        }
        Relation deletedTarget = marked(message, ctx.sql(), LiveParents.MARK);
        if (deletedTarget != null)
            ctx.exception(Refusals.write(deletedTarget, ctx.exception()));
    }

    private Relation marked(String message, String sql, String mark) {
        Relation found = null;
        for (Relation relation : registry.relations()) {
            String token = mark + relation.name();
            if (message.contains(token) && sql.contains(token)
                && (found == null || relation.name().length() > found.name().length()))
                found = relation;
        }
        return found;
    }

    /** True when {@code configuration} has a {@code StatementRefusals} among its execute listeners. */
    static boolean installedOn(Configuration configuration) {
        for (ExecuteListenerProvider provider : configuration.executeListenerProviders())
            if (provider.provide() instanceof StatementRefusals)
                return true;
        return false;
    }
}
