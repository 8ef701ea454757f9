package io.github.softdelete.internal;

import java.sql.SQLException;

import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

import io.github.softdelete.SoftDeleteException;

/**
 * Turns the failures that the checks of {@link CascadeDelete} (a live child over a RESTRICT key) and
 * {@link CascadeRestore} (a deleted parent) provoke into a {@link SoftDeleteException} that names the
 * key, the tables and the way out.
 *
 * <p>The checks fail on purpose inside the statement (a CAST of {@code 'softdelete-restrict:<key>'} to
 * integer), so that one statement both checks and changes, and a refusal changes nothing. PostgreSQL
 * reports it as {@code invalid input syntax for type integer: "softdelete-restrict:<key>"}; this
 * listener recognises the mark, which no user data can produce inside our generated statement.
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
        SQLException cause = ctx.sqlException();
        String message = cause == null ? null : cause.getMessage();
        Relation restrict = marked(message, CascadeDelete.RESTRICT_MARK);
        if (restrict != null)
            ctx.exception(refusedDelete(restrict, ctx.exception()));
        Relation deletedParent = marked(message, CascadeRestore.DELETED_PARENT_MARK);
        if (deletedParent != null)
            ctx.exception(refusedRestore(deletedParent, ctx.exception()));
        int noActor = message == null ? -1 : message.indexOf(LibraryWrite.MISSING_ACTOR_MARK);
        if (noActor >= 0) {
            String table = message.substring(noActor + LibraryWrite.MISSING_ACTOR_MARK.length()).split("\"", 2)[0];
            for (PolicyTable t : registry.tables())
                if (t.name().equals(table) && t.deletedBy() != null)
                    ctx.exception(Actors.missing(t, ctx.exception()));
        }
        Relation unstamped = marked(message, UnstampedChildren.MARK);
        if (unstamped != null)
            ctx.exception(refusedUnstamped(unstamped, ctx.exception()));
    }

    private SoftDeleteException refusedUnstamped(Relation relation, Throwable cause) {
        PolicyTable child = registry.lookup(relation.child());
        PolicyTable unstamped = child != null && child.stamp() == null ? child : relation.parent();
        return new SoftDeleteException("cannot restore rows of " + relation.parent().quotedName() + " with what their delete"
            + " took: deleted rows of \"" + relation.child().getName() + "\" reference them through " + relation.name()
            + " (ON DELETE CASCADE), and " + unstamped.quotedName() + " marks deleted rows with the flag "
            + unstamped.quotedName() + "." + unstamped.markerName() + " alone, which cannot tell whether this delete"
            + " or another took them; nothing was restored. Add a timestamp column to " + unstamped.quotedName()
            + " and declare Marker.flagAndTimestamp(flag, timestamp), so that restores are exact; or decide row by row:"
            + " un-delete the rows you want on SoftDelete.allowMarkerWrites(ctx), which writes marker columns as told", cause);
    }

    private Relation marked(String message, String mark) {
        int at = message == null ? -1 : message.indexOf(mark);
        if (at < 0)
            return null;
        String key = message.substring(at + mark.length()).split("\"", 2)[0];
        for (Relation relation : registry.relations())
            if (relation.name().equals(key))
                return relation;
        return null;
    }

    private static SoftDeleteException refusedRestore(Relation relation, Throwable cause) {
        return new SoftDeleteException("cannot restore rows of \"" + relation.child().getName() + "\": their parent row in "
            + relation.parent().quotedName() + " (through " + relation.name() + ") is deleted, and nothing was restored."
            + " Restore the parent first, or restore the parent chain too with"
            + " SoftDelete.restoreWithParents(ctx, table, condition)", cause);
    }

    private static SoftDeleteException refusedDelete(Relation relation, Throwable cause) {
        if (!relation.ruleKnown())
            return new SoftDeleteException("cannot soft-delete from " + relation.parent().quotedName() + ": live rows in \""
                + relation.child().getName() + "\" reference it through " + relation.name() + ", whose ON DELETE rule the"
                + " policy does not know (jOOQ " + JooqVersion.RUNNING + " carries no ON DELETE rules in its metadata), so it"
                + " treated the key as NO ACTION, and nothing was deleted. Tell the policy the rule: build it with"
                + " SoftDeletePolicy.fromDatabase(ctx, schema) or builder().rulesFromDatabase(ctx, schema), which read the"
                + " database's rules, generate it with softdelete-codegen, or declare it with"
                + " SoftDeletePolicy.builder().onDelete(key, OnDelete.CASCADE)", cause);
        return new SoftDeleteException("cannot soft-delete from " + relation.parent().quotedName() + ": live rows in \""
            + relation.child().getName() + "\" reference it through " + relation.name() + " (ON DELETE "
            + relation.rule().name().replace('_', ' ') + "), and nothing was deleted. Delete or move those rows first,"
            + " or delete for real with SoftDelete.hardDelete(ctx), where the database's rules apply", cause);
    }
}
