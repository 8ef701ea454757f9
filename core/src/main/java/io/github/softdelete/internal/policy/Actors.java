package io.github.softdelete.internal.policy;

import io.github.softdelete.SoftDeleteException;

/**
 * Checks the actor that a soft delete records in a deleted-by column.
 *
 * <p>A table with a deleted-by column and no actor is refused rather than stamped with NULL: the
 * column exists to say who deleted a row, and a NULL there would be an audit gap nobody notices.
 */
public final class Actors {

    private Actors() {
    }

    /**
     * {@code actor}, once it is known to fit {@code table}'s deleted-by column.
     *
     * @throws SoftDeleteException when the actor is null or of another type than the column's
     */
    public static Object checked(PolicyTable table, Object actor) {
        if (actor == null)
            throw new SoftDeleteException(missingMessage(table, "nothing was sent"));
        String problem = mismatch(table, actor);
        if (problem != null)
            throw new SoftDeleteException(problem + "; nothing was sent");
        return actor;
    }

    /** The refusal of a cascade that reached rows of {@code table} without an actor; the statement changed nothing. */
    public static SoftDeleteException missing(PolicyTable table, Throwable cause) {
        return new SoftDeleteException(missingMessage(table, "the delete reached some of its rows, and nothing was deleted"), cause);
    }

    private static String missingMessage(PolicyTable table, String outcome) {
        return "cannot soft-delete rows of " + table.quotedName() + ": its deleted-by column " + table.quotedName() + "."
            + table.deletedBy().getName() + " needs to know who deletes, and no actor was given; " + outcome + "."
            + " Delete on SoftDelete.withActor(ctx, actor), or give the policy an actor supplier with"
            + " SoftDeletePolicy.builder().actor(supplier)";
    }

    /** What is wrong with {@code actor} for {@code table}'s deleted-by column, or null when it fits. */
    public static String mismatch(PolicyTable table, Object actor) {
        Class<?> type = table.deletedBy().getType();
        if (type.isInstance(actor))
            return null;
        return "the actor " + actor + " (a " + actor.getClass().getName() + ") does not fit the deleted-by column "
            + table.quotedName() + "." + table.deletedBy().getName() + " of type " + type.getName()
            + "; give an actor of type " + type.getName();
    }
}
