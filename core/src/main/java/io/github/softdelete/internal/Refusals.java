package io.github.softdelete.internal;

import io.github.softdelete.SoftDeleteException;

/** The messages of the refusals that an in-statement check raises, each naming the key, the tables and the way out. */
final class Refusals {

    private Refusals() {
    }

    static SoftDeleteException delete(Relation relation, Throwable cause) {
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
}
