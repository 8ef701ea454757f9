package io.github.softdelete.internal;

import java.sql.SQLException;

import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

import io.github.softdelete.SoftDeleteException;

/**
 * Turns the failure that {@link CascadeDelete}'s RESTRICT check provokes into a
 * {@link SoftDeleteException} that names the key, the child table and the way out.
 *
 * <p>The check fails on purpose inside the statement (a CAST of {@code 'softdelete-restrict:<key>'} to
 * integer), so that one statement both checks and deletes, and a refusal changes nothing. PostgreSQL
 * reports it as {@code invalid input syntax for type integer: "softdelete-restrict:<key>"}; this
 * listener recognises the mark, which no user data can produce inside our generated statement.
 *
 * <p>Immutable and thread-safe.
 */
public final class RestrictViolations implements ExecuteListener {

    private static final long serialVersionUID = 1L;

    private final transient TableRegistry registry;

    public RestrictViolations(TableRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void exception(ExecuteContext ctx) {
        SQLException cause = ctx.sqlException();
        String message = cause == null ? null : cause.getMessage();
        int at = message == null ? -1 : message.indexOf(CascadeDelete.RESTRICT_MARK);
        if (at < 0)
            return;
        String key = message.substring(at + CascadeDelete.RESTRICT_MARK.length()).split("\"", 2)[0];
        for (Relation relation : registry.relations())
            if (relation.name().equals(key))
                ctx.exception(refused(relation, ctx.exception()));
    }

    private static SoftDeleteException refused(Relation relation, Throwable cause) {
        return new SoftDeleteException("cannot soft-delete from " + relation.parent().quotedName() + ": live rows in \""
            + relation.child().getName() + "\" reference it through " + relation.name() + " (ON DELETE "
            + relation.rule().name().replace('_', ' ') + "), and nothing was deleted. Delete or move those rows first,"
            + " or delete for real with SoftDelete.hardDelete(ctx), where the database's rules apply", cause);
    }
}
