package io.github.softdelete.internal.write;

import java.util.List;
import java.util.Optional;

import org.jooq.Configuration;
import org.jooq.DeleteQuery;
import org.jooq.Query;
import org.jooq.impl.QOM;

import io.github.softdelete.SoftDeleteEvent;
import io.github.softdelete.SoftDeleteException;

import io.github.softdelete.internal.jooq.Engine;
import io.github.softdelete.internal.jooq.Qom;
import io.github.softdelete.internal.policy.ContextFlags;
import io.github.softdelete.internal.policy.PolicyTable;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.policy.UnfilteredTable;

/**
 * A DELETE whose listeners hear its own count, since it changes one table in one statement: a soft delete the rewrite
 * makes one UPDATE (a table without soft-deletable children), or a hard delete under {@code hardDelete} (the rows of the
 * table it names; what the database's own ON DELETE rules do is not counted). Cascades tell their listeners from their
 * own steps. Shared by jOOQ's path ({@code SingleTableEvents}) and SQL text ({@code SqlTextEvents}), so that both tell
 * and refuse alike.
 *
 * <p>Immutable and thread-safe.
 *
 * @param table     the table whose rows it changes
 * @param operation {@code SOFT_DELETE} or {@code HARD_DELETE}
 * @param returning whether it has a RETURNING clause, whose rows are its count
 */
public record OneStatementDelete(PolicyTable table, SoftDeleteEvent.Operation operation, boolean returning) {

    /**
     * The one-statement delete that {@code query} is under {@code configuration}, whose rendering the library's rewrite
     * must take part in (the caller checks; the library's own DELETEs, a purge's, run without it): a soft delete made
     * one UPDATE, or a hard delete of a table of the policy under {@code hardDelete}; null for anything else.
     */
    public static OneStatementDelete of(TableRegistry registry, Configuration configuration, Query query) {
        // DELETE ... RETURNING as jOOQ's parser reads it, or as returning() builds it, is a DeleteReturning around the
        // DELETE (jOOQ's DeleteAsResultQuery); jOOQ executes the DELETE inside, whose own RETURNING list is set.
        if (query instanceof QOM.DeleteReturning<?> returning)
            return of(registry, configuration, returning.$delete(), !returning.$returning().isEmpty());
        return query instanceof QOM.Delete<?> delete
            ? of(registry, configuration, delete, delete instanceof DeleteQuery<?> written && !Qom.returning(written).isEmpty())
            : null;
    }

    private static OneStatementDelete of(TableRegistry registry, Configuration configuration, QOM.Delete<?> delete, boolean returning) {
        boolean hard = ContextFlags.of(configuration).hardDelete();
        boolean mariaDb = Engine.of(configuration) == Engine.MARIADB;
        // On MariaDB the rewrite refuses a soft delete with RETURNING itself, with its own message (DeleteToUpdate).
        if (mariaDb && !hard && returning)
            return null;
        PolicyTable table = hard ? registry.lookup(UnfilteredTable.unwrap(delete.$from()))
            : DeleteToUpdate.oneStatementSoftDelete(registry, delete, mariaDb);
        if (table == null)
            return null;
        return new OneStatementDelete(table, hard ? SoftDeleteEvent.Operation.HARD_DELETE : SoftDeleteEvent.Operation.SOFT_DELETE,
            returning);
    }

    /** "soft-delete" or "hard-delete", for messages. */
    public String verb() {
        return operation == SoftDeleteEvent.Operation.HARD_DELETE ? "hard-delete" : "soft-delete";
    }

    /**
     * The refusal of such a DELETE in a JDBC batch while the policy has listeners: what each statement of a batch
     * changed cannot be told (jOOQ gives a batch no query and one count; a JDBC batch gives counts a driver may leave
     * out).
     */
    public SoftDeleteException inABatch() {
        return inABatch(verb(), table);
    }

    /** As {@link #inABatch()}, for any delete of {@code table} that the listeners would hear of, a cascade's too. */
    public static SoftDeleteException inABatch(String verb, PolicyTable table) {
        return new SoftDeleteException("cannot " + verb + " from " + table.quotedName() + " in a JDBC batch while the policy"
            + " has listeners: the listeners could not be told what each statement of the batch changed. Nothing was"
            + " executed. Run the deletes one by one, or as one DELETE with a condition that matches them all");
    }

    /** What the listeners hear once it changed {@code rows} rows under {@code configuration}; null for none. */
    public SoftDeleteEvent event(TableRegistry registry, Configuration configuration, long rows) {
        if (rows <= 0)
            return null;
        boolean hard = operation == SoftDeleteEvent.Operation.HARD_DELETE;
        Object actor = hard || table.deletedBy() == null ? null : registry.actor(ContextFlags.of(configuration));
        return new SoftDeleteEvent(operation, table.table(), Optional.empty(), Optional.ofNullable(actor),
            List.of(new SoftDeleteEvent.TableChange(table.table(), hard ? 0 : rows, 0, 0, hard ? rows : 0)));
    }
}
