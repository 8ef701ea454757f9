package io.github.softdelete.internal.install;

import org.jooq.Configuration;
import org.jooq.DeleteQuery;
import org.jooq.InsertQuery;
import org.jooq.Merge;
import org.jooq.Query;
import org.jooq.QueryPart;
import org.jooq.SQL;
import org.jooq.Select;
import org.jooq.SelectQuery;
import org.jooq.Table;
import org.jooq.UpdateQuery;
import org.jooq.VisitContext;
import org.jooq.VisitListener;
import org.jooq.VisitListenerProvider;
import org.jooq.impl.QOM;
import org.jooq.impl.TableImpl;

import io.github.softdelete.PlainSql;

import io.github.softdelete.internal.cascade.RestoreRequest;
import io.github.softdelete.internal.jooq.Engine;
import io.github.softdelete.internal.jooq.SqlIdentifiers;
import io.github.softdelete.internal.policy.ContextFlags;
import io.github.softdelete.internal.policy.ReadMode;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.policy.UnfilteredTable;
import io.github.softdelete.internal.policy.ViewDefinition;
import io.github.softdelete.internal.read.JoinFilter;
import io.github.softdelete.internal.read.PreservedTables;
import io.github.softdelete.internal.read.SelectFilter;
import io.github.softdelete.internal.render.HoledStatement;
import io.github.softdelete.internal.render.PlainSqlTexts;
import io.github.softdelete.internal.render.RenderCache;
import io.github.softdelete.internal.sql.LibraryWrite;
import io.github.softdelete.internal.sqltext.PlainSqlGuard;
import io.github.softdelete.internal.sqltext.PlainSqlParsing;
import io.github.softdelete.internal.view.ViewReads;
import io.github.softdelete.internal.view.ViewWrites;
import io.github.softdelete.internal.write.DeleteToUpdate;
import io.github.softdelete.internal.write.InsertFilter;
import io.github.softdelete.internal.write.LiveParents;
import io.github.softdelete.internal.write.MarkerWriteGuard;
import io.github.softdelete.internal.write.MergeGuard;
import io.github.softdelete.internal.write.PrefixedInsert;
import io.github.softdelete.internal.write.TruncateGuard;
import io.github.softdelete.internal.write.UpdateFilter;

/**
 * The listener that applies the soft-delete rules while jOOQ renders a statement.
 *
 * <h2>Design</h2>
 * Each rule is one small class; this listener only dispatches on the type of the part being visited
 * and swaps in the rewritten copy with {@link VisitContext#queryPart(QueryPart)}. jOOQ renders the
 * replacement without calling listeners for it again, but does call them for its children, which is
 * how nested parts (subqueries, joins inside joins) get their own rules.
 * <ol>
 *   <li>{@link SelectQuery}: {@link SelectFilter} adds the FROM tables' predicates to WHERE. jOOQ visits
 *       every nested SELECT on its own (subqueries, derived tables, CTE bodies, set-operation branches,
 *       INSERT ... SELECT sources), so this covers nesting at any depth. The DSL wrapper
 *       ({@code SelectImpl}) is not a {@code SelectQuery}: only its delegate is rewritten, so nothing is
 *       filtered twice when {@code DSLContext.render()} visits both.</li>
 *   <li>{@link QOM.JoinTable}: {@link JoinFilter} adds joined and null-extended tables' predicates to
 *       the join's ON, placed by {@link PreservedTables}.</li>
 *   <li>{@link UnfilteredTable}: replaced by the table it wraps, so it renders exactly like it.</li>
 *   <li>{@link DeleteQuery}: {@link DeleteToUpdate}, unless the context asked for hard deletes.</li>
 *   <li>{@link UpdateQuery} and {@link InsertQuery}: {@link UpdateFilter}, {@link InsertFilter} and the
 *       {@link MarkerWriteGuard}, then {@link LiveParents}, which checks in the statement that no live row
 *       is made to reference a deleted parent.</li>
 *   <li>{@link Merge}: refused where it names a soft-deletable table directly ({@link MergeGuard}).</li>
 *   <li>Plain {@link SQL}, unless the context vouches for it, as the policy's {@code PlainSql} setting says: by
 *       default plain-SQL statements and tables are parsed and rewritten ({@link PlainSqlParsing}, each
 *       statement's rewrite kept per text), and what is not parsed is refused when it names a soft-deletable
 *       table ({@link PlainSqlGuard}).</li>
 *   <li>A table that is a registered view: read as its definition ({@link ViewReads}); written through
 *       only as {@link ViewWrites} allows.</li>
 *   <li>{@code TRUNCATE}: refused on soft-deletable tables outside hard deletes ({@link TruncateGuard}).</li>
 * </ol>
 * Deliberately left alone: the SELECT list, GROUP BY, HAVING, ORDER BY, window and locking clauses
 * (they see only rows the FROM produced), and tables that are not soft-deletable.
 *
 * <h2>State and performance</h2>
 * jOOQ's {@code VisitListener} javadoc warns that these methods run "for every AST element of every
 * query". The listener has no mutable fields: jOOQ shares one instance across threads, so per-render
 * state lives in the render context's {@code data()}. On the hot path a part that is none of the types
 * above costs one {@link ClassValue} lookup ({@link PartKind}), and a statement without soft-deletable
 * tables is inspected but never copied. The user's query object is never mutated: every rewrite is a QOM copy.
 * The rules build full statements; the large, policy-only ones (a cascade's statement, the WITH clause of a
 * checked INSERT) come as a {@link HoledStatement}, whose text this installation's {@link RenderCache} renders
 * once per render key and replays around the user's part; bounded, and never holding bind values.
 *
 * <p>Immutable and thread-safe.
 */
public final class SoftDeleteVisitListener implements VisitListener {

    private final TableRegistry registry;
    private final PlainSql plainSql;
    private final RenderCache cache;

    SoftDeleteVisitListener(TableRegistry registry, PlainSql plainSql, RenderCache cache) {
        this.registry = registry;
        this.plainSql = plainSql;
        this.cache = cache;
    }

    @Override
    public void visitStart(VisitContext context) {
        QueryPart part = context.queryPart();
        PartKind kind = PartKind.of(part);
        if (kind.isStatement())
            Installation.requireSupportedAtRender(context.dialect());
        switch (kind) {
            case SELECT -> onSelect(context, (Select<?>) part);
            case JOIN -> onJoin(context, (QOM.JoinTable<?, ?>) part);
            case UNFILTERED_TABLE -> context.queryPart(((UnfilteredTable<?>) part).wrapped());
            // Most TABLE parts are generated tables, visited again for each column they qualify: a cast to
            // the class TableImpl is a cheap check, where one to the interface Table scans the class's
            // interfaces on JDK 17 whenever jOOQ's own casts have just evicted it from the one-entry secondary
            // super cache (JDK-8180450; PartKind).
            case TABLE -> onTable(context, part instanceof TableImpl<?> generated ? generated : (Table<?>) part);
            case DELETE -> onDelete(context, (DeleteQuery<?>) part);
            case UPDATE -> onUpdate(context, (UpdateQuery<?>) part);
            case INSERT -> onInsert(context, (InsertQuery<?>) part);
            case MERGE -> MergeGuard.enter(context);
            case TRUNCATE -> {
                if (!ContextFlags.of(context.configuration()).hardDelete())
                    TruncateGuard.check(registry, (QOM.Truncate<?>) part);
            }
            case PLAIN_SQL -> onPlainSql(context, part);
            // A rule's statement met as the child of another part (the WITH clause of a checked INSERT): see replace
            case HOLED_STATEMENT -> context.queryPart(cache.part((HoledStatement<?>) part));
            case OTHER -> { }
        }
    }

    private void onSelect(VisitContext context, Select<?> select) {
        ReadMode mode = ContextFlags.of(context.configuration()).readMode();
        if (mode != ReadMode.ALL)
            replace(context, SelectFilter.rewrite(registry, select, mode));
    }

    private void onJoin(VisitContext context, QOM.JoinTable<?, ?> join) {
        ReadMode mode = ContextFlags.of(context.configuration()).readMode();
        if (mode != ReadMode.ALL)
            replace(context, JoinFilter.rewrite(registry, join, mode, Engine.of(context.dialect())));
    }

    private void onTable(VisitContext context, Table<?> table) {
        if (MergeGuard.active(context))
            MergeGuard.check(context, registry, table);
        if (!registry.views().isEmpty() && ContextFlags.of(context.configuration()).readMode() != ReadMode.ALL)
            replace(context, ViewReads.inline(context, registry, table, plainSql != PlainSql.PASS_THROUGH_UNFILTERED));
    }

    private void onPlainSql(VisitContext context, QueryPart sql) {
        // jOOQ's own templates inside expressions (the "*" of every count(*)): nothing to parse or to refuse, and
        // no need to copy the visit stack (PlainSqlParsing) or scan the text (PlainSqlGuard) to find that out
        if (SqlIdentifiers.namesNothing(sql.toString()))
            return;
        ContextFlags flags = ContextFlags.of(context.configuration());
        if (flags.plainSql())
            return;
        // A rewrite is kept by its text and the context's flags (PlainSqlTexts). The actor that the policy's supplier
        // gives is in neither, and the rewrite of a DELETE inlines it: with a supplier in play, nothing is kept.
        PlainSqlTexts texts = flags.actor() == null && registry.suppliesActor() ? null : cache.plainSqlTexts();
        QueryPart parsed = plainSql != PlainSql.REFUSE ? PlainSqlParsing.rewrite(context, registry, texts, sql) : null;
        if (parsed != null)
            context.queryPart(parsed);
        else if (plainSql != PlainSql.PASS_THROUGH_UNFILTERED)
            PlainSqlGuard.check(registry, sql);
    }

    private void onDelete(VisitContext context, DeleteQuery<?> delete) {
        ContextFlags flags = ContextFlags.of(context.configuration());
        ViewDefinition view = registry.views().lookup(UnfilteredTable.unwrap(((QOM.Delete<?>) delete).$from()));
        if (view != null && !flags.hardDelete()) {
            replace(context, ViewWrites.delete(registry, (QOM.Delete<?>) delete, view, flags, context.dsl()));
            return;
        }
        replace(context, flags.hardDelete()
            ? DeleteToUpdate.filterUsing(registry, delete, flags.readMode())
            : DeleteToUpdate.rewrite(registry, delete, flags, context.dsl()));
    }

    private void onUpdate(VisitContext context, UpdateQuery<?> update) {
        if (RestoreRequest.is((QOM.Update<?>) update)) {
            replace(context, RestoreRequest.statement(context.dsl(), registry, (QOM.Update<?>) update));
            return;
        }
        ContextFlags flags = ContextFlags.of(context.configuration());
        ViewDefinition view = registry.views().lookup(UnfilteredTable.unwrap(((QOM.Update<?>) update).$table()));
        Query filtered = view != null && !LibraryWrite.isOwnWrite(((QOM.Update<?>) update).$set())
            ? ViewWrites.update(registry, (QOM.Update<?>) update, view, flags)
            : UpdateFilter.rewrite(registry, update, flags);
        Query checked = flags.deletedParents() || LibraryWrite.isOwnWrite(((QOM.Update<?>) update).$set()) ? null
            : LiveParents.update(registry, (QOM.Update<?>) (filtered != null ? filtered : update), context.configuration());
        replace(context, checked != null ? checked : filtered);
    }

    private void onInsert(VisitContext context, InsertQuery<?> insert) {
        if (PrefixedInsert.isInside(context, insert))
            return; // the rewritten INSERT of a PrefixedInsert: see there
        // Binding (jOOQ's bind contexts, and its ParamCollector, which jOOQ 3.19's AbstractQuery.getBindValues/getParams
        // and BatchSingle use) needs the bind values in
        // the order the rendered statement has them. The INSERT rules add none and move none (CheckedRows keeps each
        // value in its place, LiveParents and InsertFilter add inline SQL only), so the INSERT as written binds the
        // same values in the same order, without building its rewrite a second time for each execution.
        if (context.renderContext() == null)
            return;
        ContextFlags flags = ContextFlags.of(context.configuration());
        ViewDefinition view = registry.views().lookup(UnfilteredTable.unwrap(((QOM.Insert<?>) insert).$into()));
        if (view != null)
            ViewWrites.insert(registry, (QOM.Insert<?>) insert, view, flags);
        Query filtered = InsertFilter.rewrite(registry, insert, flags);
        QueryPart checked = flags.deletedParents() ? null
            : LiveParents.insert(registry, (QOM.Insert<?>) (filtered != null ? filtered : insert), context.configuration());
        replace(context, checked != null ? checked : filtered);
    }

    // jOOQ renders a replacement without calling listeners for it, only for its children: a rule's statement that
    // replaces the part is handed to the cache here, one met as a child in visitStart.
    private void replace(VisitContext context, QueryPart replacement) {
        if (replacement instanceof HoledStatement<?> statement)
            context.queryPart(cache.part(statement));
        else if (replacement != null)
            context.queryPart(replacement);
    }

    /** The policy's plain-SQL setting, which SQL text through {@code SoftDelete.dataSource} follows too. */
    public PlainSql plainSql() {
        return plainSql;
    }

    /** The policy's tables, for the library's own statements (restore). */
    public TableRegistry registry() {
        return registry;
    }

    /** The texts this installation keeps. */
    public RenderCache cache() {
        return cache;
    }

    /** Whether this listener applies the rules that {@code registry} and the plain-SQL setting describe. */
    boolean applies(TableRegistry registry, PlainSql plainSql) {
        return this.registry.sameRulesAs(registry) && this.plainSql == plainSql;
    }

    /** The instance installed on {@code configuration}, or null. */
    public static SoftDeleteVisitListener on(Configuration configuration) {
        for (VisitListenerProvider provider : configuration.visitListenerProviders())
            if (provider.provide() instanceof SoftDeleteVisitListener listener)
                return listener;
        return null;
    }

    /** Whether an instance is installed on {@code configuration}. */
    public static boolean installedOn(Configuration configuration) {
        return on(configuration) != null;
    }

    /** For {@code SoftDelete.install}: recognises an installed instance, so installing twice keeps one. */
    public static boolean isInstance(VisitListener listener) {
        return listener instanceof SoftDeleteVisitListener;
    }

}
