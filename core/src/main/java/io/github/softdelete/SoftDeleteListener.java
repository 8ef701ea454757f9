package io.github.softdelete;

/**
 * Hears what the library's writes changed: for audit trails, caches, search indexes and metrics, which need the rows a
 * delete took through its foreign keys, not only the ones its statement named.
 *
 * <p>Registered on the policy ({@link SoftDeletePolicy.Builder#listener}), it is called once per operation, after the
 * operation's statements succeeded and inside its transaction: the caller's transaction, or the one the library opened
 * for the operation. An exception it throws rolls the operation back (the caller's transaction to where the operation
 * began) and reaches the caller. Work that must wait until the data is committed, such as evicting a cache that
 * another transaction could refill with the old rows, belongs after the commit: with Spring, a
 * {@code @TransactionalEventListener}.
 *
 * <p>Which operations call it so far (issue 26 is under way): each batch of a {@link Purge} that changed rows
 * ({@link SoftDeleteEvent.Operation#PURGE_BATCH}); on MariaDB, each soft delete and restore that follows foreign keys
 * (a table with soft-deletable children: several statements in one transaction). Not yet: PostgreSQL's soft deletes
 * and restores, deletes and restores of a table without children, {@code restoreWithParents}, hard deletes.
 * An operation that changed no row calls nobody.
 *
 * <p>Implementations must be thread-safe: one policy serves every thread that uses it.
 */
@FunctionalInterface
public interface SoftDeleteListener {

    /**
     * Called once per operation, inside its transaction, before it commits.
     *
     * @param event what the operation changed, per table
     */
    void changed(SoftDeleteEvent event);
}
