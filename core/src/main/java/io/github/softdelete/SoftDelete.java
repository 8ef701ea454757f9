package io.github.softdelete;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import org.jooq.Condition;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.VisitListenerProvider;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultVisitListenerProvider;

import io.github.softdelete.internal.policy.Actors;
import io.github.softdelete.internal.policy.ContextFlags;
import io.github.softdelete.internal.install.Installation;
import io.github.softdelete.internal.policy.PolicyTable;
import io.github.softdelete.internal.policy.ReadMode;
import io.github.softdelete.internal.cascade.Restore;
import io.github.softdelete.internal.install.SoftDeleteVisitListener;
import io.github.softdelete.internal.jdbc.SqlTextDataSource;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.policy.UnfilteredTable;

/**
 * Soft deletes for jOOQ: the entry point.
 *
 * <pre>{@code
 * Configuration configuration = new DefaultConfiguration().set(dataSource).set(SQLDialect.POSTGRES);
 * // every table with deleted_at, and each foreign key's ON DELETE rule as the database has it
 * // (or SoftDeletes.POLICY, the policy softdelete-codegen generates)
 * SoftDelete.install(configuration, SoftDeletePolicy.fromDatabase(DSL.using(configuration), "public"));
 * DSLContext ctx = DSL.using(configuration);
 *
 * ctx.deleteFrom(POSTS).where(POSTS.ID.eq(1L)).execute();          // UPDATE ... SET deleted_at = ...
 * ctx.selectFrom(POSTS).fetch();                                    // live posts only
 * SoftDelete.onlyDeleted(ctx).selectFrom(POSTS).fetch();            // the deleted ones
 * SoftDelete.restore(ctx, POSTS, POSTS.ID.eq(1L));                  // back again
 * }</pre>
 * Prefer either policy to {@link SoftDeletePolicy#forSchema} on jOOQ 3.19, whose metadata has no
 * {@code ON DELETE} rules.
 *
 * <p>The opt-outs are scoped, never global, and named for what they let through: which rows reads see
 * ({@link #includeDeleted(DSLContext)}, {@link #onlyDeleted}), how DELETE deletes ({@link #hardDelete}), and which
 * checks are lifted ({@code allow...}: {@link #allowMarkerWrites}, {@link #allowDeletedParents}, {@link #allowPlainSql}).
 * Each takes a context and returns a new one derived from it; they apply to queries built from that context only
 * (and to transactions run on it), never to the original context. {@link #withActor} sets who deletes, the same way.
 * {@link #includeDeleted(Table)} is the same opt-out for one table reference of one query.
 *
 * <p>All methods are thread-safe.
 */
public final class SoftDelete {

    private SoftDelete() {
    }

    /**
     * Registers the soft-delete listeners on {@code configuration} (a {@code VisitListener} that rewrites
     * statements, an {@code ExecuteListener} that reports refused statements, and a {@code RecordListener}
     * for {@code UpdatableRecord} operations), keeping the listeners already set. Installing again replaces
     * the earlier soft-delete listeners, so nothing is ever filtered twice.
     *
     * <p>Call it after setting your own listeners: {@code Configuration.set(ExecuteListenerProvider...)}
     * replaces every listener of its kind, ours included, and statements that need ours are then refused
     * with an {@link IllegalStateException}.
     *
     * @param configuration the configuration to change
     * @param policy        which tables are soft-deletable
     * @return {@code configuration}, changed
     * @throws NullPointerException     when an argument is null
     * @throws IllegalArgumentException when the configuration's dialect is not supported: softdelete
     *                                  supports the {@code SQLDialect.POSTGRES} family
     * @throws IllegalStateException    when the running jOOQ lacks an internal the library needs; the
     *                                  message names the jOOQ version
     */
    public static Configuration install(Configuration configuration, SoftDeletePolicy policy) {
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(policy, "policy");
        return Installation.install(configuration, policy.registry(), policy.plainSql());
    }

    /**
     * As {@link #install(Configuration, SoftDeletePolicy)}, with listeners that hear what each operation of the
     * library changed ({@link SoftDeleteListener}), after the policy's own ({@link SoftDeletePolicy.Builder#listener}):
     * for a policy built elsewhere, such as the one the code generator writes. Installing again replaces them.
     *
     * @param configuration the configuration to change
     * @param policy        which tables are soft-deletable
     * @param listeners     the listeners, called in this order; thread-safe
     * @return {@code configuration}, changed
     * @throws NullPointerException     when an argument or a listener is null
     * @throws IllegalArgumentException when the configuration's dialect is not supported
     * @throws IllegalStateException    when the running jOOQ lacks an internal the library needs
     */
    public static Configuration install(Configuration configuration, SoftDeletePolicy policy, SoftDeleteListener... listeners) {
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(policy, "policy");
        List<SoftDeleteListener> added = new ArrayList<>();
        for (SoftDeleteListener listener : Objects.requireNonNull(listeners, "listeners"))
            added.add(Objects.requireNonNull(listener, "listener"));
        return Installation.install(configuration, policy.registry().withListeners(added), policy.plainSql());
    }

    /**
     * A context whose queries see live and deleted rows alike.
     *
     * @param ctx the context to derive from; it is not changed
     * @return the derived context
     */
    public static DSLContext includeDeleted(DSLContext ctx) {
        return flags(ctx).withReadMode(ReadMode.ALL).applyTo(ctx);
    }

    /**
     * A context whose queries see only the deleted rows of soft-deletable tables; other tables are
     * read as usual. It injects {@code marker IS NOT NULL} where live reads inject {@code marker IS NULL}.
     *
     * @param ctx the context to derive from; it is not changed
     * @return the derived context
     */
    public static DSLContext onlyDeleted(DSLContext ctx) {
        return flags(ctx).withReadMode(ReadMode.DELETED).applyTo(ctx);
    }

    /**
     * A reference to {@code table} that one query reads unfiltered, while every other table in that
     * query stays filtered. It renders exactly like {@code table}, alias included:
     * <pre>{@code
     * // live posts with their authors, deleted authors included
     * Table<UsersRecord> authors = SoftDelete.includeDeleted(USERS);
     * ctx.select(POSTS.TITLE, USERS.EMAIL).from(POSTS).join(authors).on(POSTS.AUTHOR_ID.eq(USERS.ID)).fetch();
     * }</pre>
     * Refer to columns through {@code table} as usual. The reference relies on the installed listener
     * to render as {@code table}.
     *
     * @param table a table or an alias of one
     * @param <R>   the record type
     * @return the unfiltered reference
     * @throws NullPointerException when {@code table} is null
     */
    public static <R extends Record> Table<R> includeDeleted(Table<R> table) {
        Objects.requireNonNull(table, "table");
        return table instanceof UnfilteredTable<R> ? table : new UnfilteredTable<>(table);
    }

    /**
     * A context whose DELETE statements delete physically, with the database's foreign-key rules. Reads
     * stay filtered, including the USING tables and subqueries of those DELETEs; the DELETE's own target
     * is not, so rows that are already soft-deleted can be purged.
     *
     * @param ctx the context to derive from; it is not changed
     * @return the derived context
     */
    public static DSLContext hardDelete(DSLContext ctx) {
        return flags(ctx).withHardDelete().applyTo(ctx);
    }

    /**
     * The escape hatch for data imports and migrations: a context whose INSERT and UPDATE statements
     * may write the marker column, and whose UPDATEs reach deleted rows too. For example, loading rows
     * that are already deleted:
     * <pre>{@code
     * SoftDelete.allowMarkerWrites(ctx).insertInto(USERS)
     *     .set(USERS.EMAIL, "old@example.com").set(USERS.NAME, "Old")
     *     .set(USERS.DELETED_AT, deletedAt).execute();
     * }</pre>
     * Reads stay filtered, and DELETE still soft-deletes.
     *
     * @param ctx the context to derive from; it is not changed
     * @return the derived context
     */
    public static DSLContext allowMarkerWrites(DSLContext ctx) {
        return flags(ctx).withMarkerWrites().applyTo(ctx);
    }

    /**
     * The opt-out for imports: a context whose INSERT and UPDATE statements may make live rows reference
     * deleted parents. By default such a write is refused inside the statement, with a
     * {@link SoftDeleteException} naming the key, because reads would show the live child without its
     * parent. For example, loading rows whose parent was deleted before the import:
     * <pre>{@code
     * SoftDelete.allowDeletedParents(ctx).insertInto(POSTS)
     *     .set(POSTS.AUTHOR_ID, deletedAuthorId).set(POSTS.TITLE, "kept").execute();
     * }</pre>
     * Reads stay filtered, and DELETE still soft-deletes. Combine it with {@link #allowMarkerWrites} to
     * load rows that are deleted themselves.
     *
     * @param ctx the context to derive from; it is not changed
     * @return the derived context
     */
    public static DSLContext allowDeletedParents(DSLContext ctx) {
        return flags(ctx).withDeletedParents().applyTo(ctx);
    }

    /**
     * A context whose plain SQL the user vouches for: it is neither parsed nor checked, whatever the policy's
     * {@link SoftDeletePolicy.Builder#plainSql(PlainSql) plainSql} setting, and reaches the database as written,
     * unfiltered. For SQL text that filters deleted rows itself:
     * <pre>{@code
     * SoftDelete.allowPlainSql(ctx).fetch("select id from posts where deleted_at is null and id = ?", id);
     * }</pre>
     * The DSL parts of its queries are rewritten as usual.
     *
     * @param ctx the context to derive from; it is not changed
     * @return the derived context
     */
    public static DSLContext allowPlainSql(DSLContext ctx) {
        return flags(ctx).withPlainSql().applyTo(ctx);
    }

    /**
     * A context whose soft deletes record {@code actor} in the deleted-by columns ({@link Marker#deletedBy}),
     * instead of the policy's actor supplier. Like the other context flags, it applies to queries built
     * from the derived context and to transactions run on it, never to {@code ctx}:
     * <pre>{@code
     * SoftDelete.withActor(ctx, "alice").deleteFrom(DOCUMENTS).where(DOCUMENTS.ID.eq(7L)).execute();
     * // UPDATE documents SET is_deleted = TRUE, deleted_by = 'alice' WHERE ... AND NOT is_deleted
     * }</pre>
     *
     * @param ctx   the context to derive from; it is not changed
     * @param actor who deletes: a value of the deleted-by columns' Java type ({@code String}, {@code UUID}, {@code Long}, ...)
     * @return the derived context
     * @throws NullPointerException     when an argument is null
     * @throws IllegalStateException    when the soft-delete listener is not installed on {@code ctx}
     * @throws IllegalArgumentException when no table of the installed policy has a deleted-by column, or
     *                                  when {@code actor} fits the type of none of them (a delete that
     *                                  reaches a deleted-by column of another type is refused with a
     *                                  {@link SoftDeleteException} before anything is sent)
     */
    public static DSLContext withActor(DSLContext ctx, Object actor) {
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(actor, "actor");
        TableRegistry registry = registry(ctx);
        if (!registry.hasDeletedBy())
            throw new IllegalArgumentException("an actor was given, but no table of the installed soft-delete policy has a"
                + " deleted-by column to record it; declare one with Marker.deletedBy(column) in the policy, or delete"
                + " without SoftDelete.withActor");
        // Deleted-by columns may differ in type between tables: the actor must fit one of them here, and
        // each table it is written to when a delete reaches that table (checked before sending).
        String mismatch = null;
        for (PolicyTable table : registry.tables())
            if (table.deletedBy() != null) {
                String problem = Actors.mismatch(table, actor);
                if (problem == null)
                    return flags(ctx).withActor(actor).applyTo(ctx);
                mismatch = mismatch == null ? problem : mismatch;
            }
        throw new IllegalArgumentException(mismatch);
    }

    /**
     * Brings back the deleted rows of {@code table} that match {@code condition}, and exactly the rows
     * that their delete took with them over {@code ON DELETE CASCADE} keys: in one statement,
     * {@code UPDATE table SET marker = NULL WHERE condition AND marker IS NOT NULL}, with one data-modifying
     * CTE per child table. Children deleted on their own before (another stamp) stay deleted, and so do
     * children whose other parent is still deleted. Live rows are never touched. For other marker kinds
     * the SET clears every column the marker owns ({@code is_deleted = FALSE}, {@code deleted_by = NULL}).
     * A restore is refused when a deleted child over a CASCADE key belongs to a table marked by a flag
     * alone (or the restored table is one): a flag cannot tell this delete's rows from another's.
     *
     * @param ctx       the context to run on
     * @param table     a soft-deletable table
     * @param condition which deleted rows to restore
     * @return the number of rows restored; 0 when nothing matched
     * @throws IllegalArgumentException when {@code table} is not soft-deletable
     * @throws IllegalStateException    when the soft-delete listener is not installed on {@code ctx}
     * @throws SoftDeleteException      when restoring would break a unique constraint (a live row holds
     *                                  the same key), when a matching row's parent is deleted, or when
     *                                  a deleted flag-only child may or may not belong to the delete;
     *                                  nothing is changed then
     */
    public static int restore(DSLContext ctx, Table<?> table, Condition condition) {
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(condition, "condition");
        return Restore.run(ctx, registry(ctx), table, condition);
    }

    /**
     * Like {@link #restore(DSLContext, Table, Condition)}, but first restores the deleted parents of the
     * matching rows, up the chain (each with what its own delete took), so that nothing is refused for
     * a deleted parent. It takes several statements, run in one jOOQ transaction (a savepoint inside
     * the caller's).
     *
     * @param ctx       the context to run on
     * @param table     a soft-deletable table
     * @param condition which deleted rows to restore
     * @return the number of rows of {@code table} restored
     * @throws IllegalArgumentException when {@code table} is not soft-deletable
     * @throws IllegalStateException    when the soft-delete listener is not installed on {@code ctx}
     * @throws SoftDeleteException      when a restore would break a unique constraint; nothing is changed then
     */
    public static int restoreWithParents(DSLContext ctx, Table<?> table, Condition condition) {
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(condition, "condition");
        return Restore.runWithParents(ctx, registry(ctx), table, condition);
    }

    /**
     * A DataSource for JDBC code that does not go through jOOQ ({@code JdbcTemplate}, MyBatis, hand-written
     * JDBC): each statement is parsed by jOOQ's parser and rendered through the soft-delete listener, so
     * its reads are filtered, its DELETEs become soft deletes with cascades, and its bind variables pass
     * through unchanged. Built on jOOQ's {@code DSLContext.parsingConnection()}; connections come from
     * {@code configuration}'s {@code ConnectionProvider} (its DataSource), and the opt-outs of the
     * configuration's context apply, e.g. {@code SoftDelete.dataSource(SoftDelete.includeDeleted(ctx).configuration())}.
     * <pre>{@code
     * DataSource filtered = SoftDelete.dataSource(configuration);
     * new JdbcTemplate(filtered).queryForList("select email from users");   // live users only
     * }</pre>
     * SQL text follows the policy's {@link SoftDeletePolicy.Builder#plainSql(PlainSql) plainSql} setting, as jOOQ's own
     * plain SQL does: by default a statement jOOQ cannot parse is refused when it names a soft-deletable table, and
     * sent as written otherwise; a DataSource on {@code SoftDelete.allowPlainSql(ctx).configuration()} sends what
     * jOOQ cannot parse as written. Every refusal reaches JDBC code as an {@link java.sql.SQLException} with the
     * library's message, a SQLSTATE of its kind (class 23 when the data refuses, {@code 0A000} when the
     * statement is refused whatever the data) and the {@link SoftDeleteException} as its cause, so that
     * Spring's exception translation maps it. Generated keys work in every form the driver supports. Each SQL string
     * is parsed once and its rendering cached (bounded by {@code Settings.cacheParsingConnectionLRUCacheSize},
     * 8192 by default). See docs/sql-text.md for which SQL the parser handles.
     *
     * @param configuration a configuration with a connection and the soft-delete listener installed
     * @return the DataSource; thread-safe
     * @throws NullPointerException  when {@code configuration} is null
     * @throws IllegalStateException when the soft-delete listener is not installed on {@code configuration}
     */
    public static DataSource dataSource(Configuration configuration) {
        Objects.requireNonNull(configuration, "configuration");
        return new SqlTextDataSource(configuration, listener(DSL.using(configuration)).plainSql());
    }

    /**
     * Starts a purge: the physical removal, in short batches, of rows soft-deleted before a cutoff.
     * See {@link Purge}.
     *
     * @param ctx the context to run on; the purge's own statements bypass the soft-delete rewrite
     * @return a purge to configure and {@link Purge#run() run}
     * @throws IllegalStateException when the soft-delete listener is not installed on {@code ctx}
     */
    public static Purge purge(DSLContext ctx) {
        return new Purge(Objects.requireNonNull(ctx, "ctx"), registry(ctx));
    }

    private static ContextFlags flags(DSLContext ctx) {
        return ContextFlags.of(Objects.requireNonNull(ctx, "ctx").configuration());
    }

    private static TableRegistry registry(DSLContext ctx) {
        return listener(ctx).registry();
    }

    private static SoftDeleteVisitListener listener(DSLContext ctx) {
        for (VisitListenerProvider provider : ctx.configuration().visitListenerProviders())
            if (provider.provide() instanceof SoftDeleteVisitListener listener)
                return listener;
        throw new IllegalStateException("the soft-delete listener is not installed on this context's"
            + " configuration; call SoftDelete.install(configuration, policy) first");
    }
}
