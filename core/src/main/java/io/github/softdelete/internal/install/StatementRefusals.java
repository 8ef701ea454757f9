package io.github.softdelete.internal.install;

import java.sql.SQLException;

import org.jooq.Configuration;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;

import io.github.softdelete.SoftDeleteException;

import io.github.softdelete.internal.cascade.CascadeDelete;
import io.github.softdelete.internal.cascade.CascadeRestore;
import io.github.softdelete.internal.cascade.LateChildren;
import io.github.softdelete.internal.cascade.UnstampedChildren;
import io.github.softdelete.internal.jooq.PartnerListeners;
import io.github.softdelete.internal.jooq.ServerErrors;
import io.github.softdelete.internal.policy.Actors;
import io.github.softdelete.internal.policy.PolicyTable;
import io.github.softdelete.internal.policy.Relation;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.sql.LibraryWrite;
import io.github.softdelete.internal.sqltext.JdbcRefusals;
import io.github.softdelete.internal.write.LiveParents;
import io.github.softdelete.internal.write.UpsertOnPartialIndex;

/**
 * Turns the failures that the in-statement checks of {@link CascadeDelete} and {@link LateChildren} (a live
 * child over a RESTRICT key), {@link CascadeRestore} (a deleted parent) and {@link LiveParents} (a write that
 * points at a deleted parent, or changes a key at REPEATABLE READ) provoke into a {@link SoftDeleteException} that names the key, the tables and
 * the way out.
 *
 * <p>The checks fail on purpose inside the statement (a CAST of {@code '<mark><key>'} to integer), so
 * that one statement both checks and changes, and a refusal changes nothing. The failure is recognised
 * from data the library controls, never from the message's wording, which depends on the server's
 * {@code lc_messages}: the SQLSTATE is {@code 22P02} (invalid_text_representation; on MariaDB error 1690 under
 * {@code 22003}, {@code RefusalMark}), the statement the
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
        SQLException error = ServerErrors.sqlException(ctx.exception());
        SoftDeleteException refusal = refusal(error, ctx.sql());
        if (refusal == null)
            refusal = UpsertOnPartialIndex.explain(registry, ctx.query(), error, ctx.exception());
        if (refusal == null)
            refusal = bulkInsertOnMariaDb(error, ctx.sql());
        if (refusal != null)
            ctx.exception(refusal);
    }

    /**
     * The refusal that {@code error}, raised by running {@code sql} (as the library rendered it), stands
     * for, or null when it is not one of the library's in-statement checks. Its cause is short
     * ({@link InStatementCheck}): the server's error and the statement stay reachable from it, but out of the
     * printed chain.
     */
    SoftDeleteException refusal(SQLException error, String sql) {
        Refusal refusal = classify(error, sql);
        return refusal == null ? null : refusal.exception();
    }

    /**
     * An in-statement check's refusal, and the SQLSTATE under which JDBC code sees it ({@link JdbcRefusals}):
     * foreign_key_violation where a hard statement would break the key in the same way (a RESTRICT key, a
     * deleted parent of a written or restored row), integrity_constraint_violation for the others.
     */
    public record Refusal(SoftDeleteException exception, String sqlState) {
    }

    /** As {@link #refusal}, with the SQLSTATE of its kind. */
    public Refusal classify(SQLException error, String sql) {
        if (error == null || !ServerErrors.isFailedCheck(error) || sql == null)
            return null;
        Throwable cause = InStatementCheck.of(error, sql);
        String message = String.valueOf(error.getMessage());
        Relation restrict = marked(message, sql, CascadeDelete.RESTRICT_MARK);
        if (restrict != null)
            return new Refusal(Refusals.delete(restrict, cause), JdbcRefusals.FOREIGN_KEY_VIOLATION);
        Relation deletedParent = marked(message, sql, CascadeRestore.DELETED_PARENT_MARK);
        if (deletedParent != null)
            return new Refusal(Refusals.restore(deletedParent, cause), JdbcRefusals.FOREIGN_KEY_VIOLATION);
        Relation deletedTarget = marked(message, sql, LiveParents.MARK);
        if (deletedTarget != null)
            return new Refusal(Refusals.write(deletedTarget, cause), JdbcRefusals.FOREIGN_KEY_VIOLATION);
        Relation repeatableRead = marked(message, sql, LiveParents.REPEATABLE_READ_MARK);
        if (repeatableRead != null)
            return new Refusal(Refusals.repeatableRead(repeatableRead, cause), JdbcRefusals.INTEGRITY_CONSTRAINT_VIOLATION);
        Relation unstamped = marked(message, sql, UnstampedChildren.MARK);
        if (unstamped != null)
            return new Refusal(Refusals.unstamped(registry, unstamped, cause), JdbcRefusals.INTEGRITY_CONSTRAINT_VIOLATION);
        PolicyTable noActor = markedTable(message, sql, LibraryWrite.MISSING_ACTOR_MARK);
        return noActor == null ? null : new Refusal(Actors.missing(noActor, cause), JdbcRefusals.INTEGRITY_CONSTRAINT_VIOLATION);
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

    // MariaDB Connector/J sends a batch of INSERTs through the server's bulk protocol (useBulkStmtsForInserts, on by
    // default), which takes INSERT ... VALUES only: the checked INSERT ... SELECT of a table with soft-deletable
    // parents fails there, before any row is written, with error 1295 (ER_UNSUPPORTED_PS). The library does not
    // check in a VALUES list instead: under the bulk protocol the server evaluates a subquery over bind values once
    // for the whole batch, not once per row (seen on 10.11), so every row would be checked against the first row's
    // parent.
    private SoftDeleteException bulkInsertOnMariaDb(SQLException error, String sql) {
        if (error == null || error.getErrorCode() != ServerErrors.MARIADB_UNSUPPORTED_PS || sql == null || !sql.contains(LiveParents.MARK))
            return null;
        return new SoftDeleteException("cannot run this batch of INSERTs on MariaDB through the driver's bulk protocol: the"
            + " library checks each row for deleted parents with INSERT ... SELECT, and the bulk protocol takes INSERT ... VALUES"
            + " only. Nothing was inserted. Turn the bulk protocol off for INSERTs on the JDBC URL (useBulkStmtsForInserts=false),"
            + " or insert the rows in one statement with several VALUES rows", error);
    }

    /** The policy's tables, whose keys the refusals name. */
    public TableRegistry registry() {
        return registry;
    }

    /** True when {@code configuration} has a {@code StatementRefusals} among its execute listeners. */
    public static boolean installedOn(Configuration configuration) {
        return on(configuration) != null;
    }

    /** The {@code StatementRefusals} among {@code configuration}'s execute listeners, or null. */
    public static StatementRefusals on(Configuration configuration) {
        for (ExecuteListenerProvider provider : configuration.executeListenerProviders())
            if (provider.provide() instanceof StatementRefusals refusals)
                return refusals;
        return null;
    }
}
