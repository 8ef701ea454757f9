package io.github.softdelete.internal;

import java.sql.SQLException;

import org.jooq.Configuration;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;

import io.github.softdelete.SoftDeleteException;

/**
 * Turns the failures that the in-statement checks of {@link CascadeDelete} and {@link LateChildren} (a live
 * child over a RESTRICT key), {@link CascadeRestore} (a deleted parent) and {@link LiveParents} (a write that
 * points at a deleted parent, or changes a key at REPEATABLE READ) provoke into a {@link SoftDeleteException} that names the key, the tables and
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

    // Before jOOQ renders: the first listener callback of every execution.
    @Override
    public void start(ExecuteContext ctx) {
        PartnerListeners.requireVisitListener(ctx.configuration());
    }

    @Override
    public void exception(ExecuteContext ctx) {
        SoftDeleteException refusal = refusal(ServerErrors.sqlException(ctx.exception()), ctx.sql(), ctx.exception());
        if (refusal != null)
            ctx.exception(refusal);
    }

    /**
     * The refusal that {@code error}, raised by running {@code sql} (as the library rendered it), stands
     * for, or null when it is not one of the library's in-statement checks. {@code cause} becomes the
     * refusal's cause.
     */
    SoftDeleteException refusal(SQLException error, String sql, Throwable cause) {
        if (error == null || !ServerErrors.INVALID_TEXT_REPRESENTATION.equals(error.getSQLState()) || sql == null)
            return null;
        String message = String.valueOf(error.getMessage());
        Relation restrict = marked(message, sql, CascadeDelete.RESTRICT_MARK);
        if (restrict != null)
            return Refusals.delete(restrict, cause);
        Relation deletedParent = marked(message, sql, CascadeRestore.DELETED_PARENT_MARK);
        if (deletedParent != null)
            return Refusals.restore(deletedParent, cause);
        Relation deletedTarget = marked(message, sql, LiveParents.MARK);
        if (deletedTarget != null)
            return Refusals.write(deletedTarget, cause);
        Relation repeatableRead = marked(message, sql, LiveParents.REPEATABLE_READ_MARK);
        if (repeatableRead != null)
            return Refusals.repeatableRead(repeatableRead, cause);
        Relation unstamped = marked(message, sql, UnstampedChildren.MARK);
        if (unstamped != null)
            return Refusals.unstamped(registry, unstamped, cause);
        PolicyTable noActor = markedTable(message, sql, LibraryWrite.MISSING_ACTOR_MARK);
        return noActor == null ? null : Actors.missing(noActor, cause);
    }

    // As marked(...), for the tables whose deleted-by column a cascade would write without an actor.
    private PolicyTable markedTable(String message, String sql, String mark) {
        PolicyTable found = null;
        for (PolicyTable table : registry.tables()) {
            String token = mark + table.name();
            if (table.deletedBy() != null && message.contains(token) && sql.contains(token)
                && (found == null || table.name().length() > found.name().length()))
                found = table;
        }
        return found;
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

    /** The policy's tables, whose keys the refusals name. */
    TableRegistry registry() {
        return registry;
    }

    /** True when {@code configuration} has a {@code StatementRefusals} among its execute listeners. */
    static boolean installedOn(Configuration configuration) {
        return on(configuration) != null;
    }

    /** The {@code StatementRefusals} among {@code configuration}'s execute listeners, or null. */
    static StatementRefusals on(Configuration configuration) {
        for (ExecuteListenerProvider provider : configuration.executeListenerProviders())
            if (provider.provide() instanceof StatementRefusals refusals)
                return refusals;
        return null;
    }
}
