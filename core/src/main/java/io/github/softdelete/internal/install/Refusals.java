package io.github.softdelete.internal.install;

import io.github.softdelete.SoftDeleteException;

import io.github.softdelete.internal.cascade.Restore;
import io.github.softdelete.internal.jooq.JooqVersion;
import io.github.softdelete.internal.policy.PolicyTable;
import io.github.softdelete.internal.policy.Relation;
import io.github.softdelete.internal.policy.TableRegistry;

/** The messages of the refusals that an in-statement check raises, each naming the key, the tables and the way out. */
final class Refusals {

    private Refusals() {
    }

    static SoftDeleteException delete(Relation relation, Throwable cause) {
        if (!relation.ruleKnown())
            return new SoftDeleteException("cannot soft-delete from " + relation.parent().quotedName() + ": live rows in \""
                + relation.child().getName() + "\" reference it through " + relation.name() + ", whose ON DELETE rule the"
                + " policy does not know (jOOQ " + JooqVersion.running() + " carries no ON DELETE rules in its metadata), so it"
                + " treated the key as NO ACTION, and nothing was deleted. Tell the policy the rule: build it with"
                + " SoftDeletePolicy.fromDatabase(ctx, schema) or builder().rulesFromDatabase(ctx, schema), which read the"
                + " database's rules, generate it with softdelete-codegen, or declare it with"
                + " SoftDeletePolicy.builder().onDelete(key, OnDelete.CASCADE)", cause);
        return new SoftDeleteException("cannot soft-delete from " + relation.parent().quotedName() + ": live rows in \""
            + relation.child().getName() + "\" reference it through " + relation.name() + " (ON DELETE "
            + relation.rule().name().replace('_', ' ') + "), and nothing was deleted. Delete or move those rows first,"
            + " or delete for real with SoftDelete.hardDelete(ctx), where the database's rules apply", cause);
    }

    static SoftDeleteException restore(Relation relation, Throwable cause) {
        return new SoftDeleteException("cannot restore rows of \"" + relation.child().getName() + "\": their parent row in "
            + relation.parent().quotedName() + " (through " + relation.name() + ") is deleted, and nothing was restored."
            + " Restore the parent first, or restore the parent chain too with"
            + " SoftDelete.restoreWithParents(ctx, table, condition)", cause);
    }

    static SoftDeleteException write(Relation relation, Throwable cause) {
        return new SoftDeleteException("cannot write rows of \"" + relation.child().getName() + "\" that reference a deleted row of "
            + relation.parent().quotedName() + " through " + relation.name() + ": the new or changed row would be a live"
            + " child of a deleted parent, which reads would show without it. Nothing was written. Restore the parent first"
            + " (SoftDelete.restore(ctx, table, condition)), point the row at a live parent, or, for imports that load"
            + " such rows on purpose, run the statement on SoftDelete.allowDeletedParents(ctx)", cause);
    }

    static SoftDeleteException repeatableRead(Relation relation, Throwable cause) {
        return new SoftDeleteException("cannot change the key " + relation.name() + " of rows of \"" + relation.child().getName()
            + "\" at REPEATABLE READ: at that isolation level a concurrent soft delete of the new parent in "
            + relation.parent().quotedName() + " could not see the moved row, and the library can guard against it only for"
            + " INSERTs and restores, which write the parent's row in the same statement. Nothing was written. Run this"
            + " statement in a READ COMMITTED (PostgreSQL's default) or SERIALIZABLE transaction, or, for imports, on"
            + " SoftDelete.allowDeletedParents(ctx)", cause);
    }

    static SoftDeleteException unstamped(TableRegistry registry, Relation relation, Throwable cause) {
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

    static SoftDeleteException changedDuringRestore(PolicyTable table, long counted, long restored) {
        return new SoftDeleteException("cannot restore rows of " + table.quotedName() + ": " + (counted - restored) + " of the "
            + counted + " rows it was to bring back changed while it ran (another transaction restored them, or restored and"
            + " deleted them again), and nothing was restored. Retry the restore: it brings back what the delete took that"
            + " is still deleted");
    }
}
