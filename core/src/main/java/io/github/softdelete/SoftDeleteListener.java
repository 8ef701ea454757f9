package io.github.softdelete;

/**
 * Hears what the library's writes changed: for audit trails, caches, search indexes and metrics, which need the rows a
 * delete took through its foreign keys, not only the ones its statement named.
 *
 * <p>Registered on the policy ({@link SoftDeletePolicy.Builder#listener}), it is called once per operation, after the
 * operation's statements succeeded and inside its transaction: the caller's transaction, or the one the library opened
 * for the operation in auto-commit mode. An exception it throws reaches the caller. In the library's transaction the
 * operation is rolled back; in the caller's, restores and MariaDB's cascades roll back to where they began, and for
 * the rest the caller's transaction must roll back, as Spring's and jOOQ's do on an exception. Work that must wait
 * until the data is committed, such as evicting a cache that
 * another transaction could refill with the old rows, belongs after the commit: with Spring, a
 * {@code @TransactionalEventListener}.
 *
 * <p>Which operations call it so far (issue 26 is under way):
 * <ul>
 *   <li>each batch of a {@link Purge} that changed rows ({@link SoftDeleteEvent.Operation#PURGE_BATCH});</li>
 *   <li>a soft delete of one statement (a table without soft-deletable children) through jOOQ: the DSL and records.
 *       Its event has no stamp yet. In a JDBC batch it is refused while there are listeners: a batch's counts cannot
 *       be told per statement;</li>
 *   <li>a restore of one statement (a table without parents or cascading keys);</li>
 *   <li>each soft delete and restore that follows foreign keys through jOOQ: on PostgreSQL, the one statement counts
 *       its steps and its settlement reads the counts back (no round trip of its own; a restore takes one more
 *       statement); on MariaDB, its statements report their rows. On PostgreSQL a JDBC batch of such deletes is
 *       refused while there are listeners, and {@code DELETE ... RETURNING} in auto-commit mode too (the listeners
 *       are told once its rows are read);</li>
 *   <li>the same through {@link SoftDelete#dataSource}, as SQL text, and soft and hard deletes of one statement sent
 *       that way: a {@code DELETE ... RETURNING} sent that way (on PostgreSQL; MariaDB refuses it anyway) and a JDBC
 *       batch of them are refused while there are listeners (the rows are read after the statement returns; a batch's
 *       counts cannot be told per statement);</li>
 *   <li>{@link SoftDelete#restoreWithParents}: one {@code RESTORE_WITH_PARENTS} with every level's rows;</li>
 *   <li>a DELETE under {@link SoftDelete#hardDelete} through jOOQ: {@code HARD_DELETE}, with the rows it removed from
 *       the table it names as {@code purged}; the rows the database's own {@code ON DELETE} rules removed or set to NULL
 *       are not counted.</li>
 * </ul>
 * Not yet: deletes through a view. An operation that
 * changed no row calls nobody. The listener gets no handle on the operation's transaction yet: work of its own goes
 * through another connection, outside that transaction.
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

    /**
     * Called when the library refuses a statement, before the refusal reaches the caller: to count or log refusals.
     * Refusals are not events: nothing changed. It observes only; the refusal reaches the caller whatever this does,
     * and an exception thrown here is added to it as suppressed. It hears the refusals of statements run through jOOQ
     * (the DSL, records, {@link SoftDelete#restore}), and those of SQL text sent through {@link SoftDelete#dataSource}:
     * before it runs (jOOQ's parser cannot read it, a rule refuses it while jOOQ renders it) and in the statement. Not
     * yet a purge's.
     *
     * @param refusal the refusal, as the caller gets it
     */
    default void refused(SoftDeleteException refusal) {
    }
}
