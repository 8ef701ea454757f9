package io.github.softdelete.internal.write;

import java.util.List;

import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.DeleteQuery;
import org.jooq.Query;
import org.jooq.QueryPart;
import org.jooq.Record;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.Table;
import org.jooq.UpdateLimitStep;
import org.jooq.UpdateReturningStep;
import org.jooq.UpdateSetFirstStep;
import org.jooq.WithStep;
import org.jooq.impl.QOM;

import io.github.softdelete.SoftDeleteException;

import io.github.softdelete.internal.cascade.CascadeDelete;
import io.github.softdelete.internal.cascade.StagedCascadeDelete;
import io.github.softdelete.internal.jooq.Engine;
import io.github.softdelete.internal.jooq.PartnerListeners;
import io.github.softdelete.internal.jooq.Qom;
import io.github.softdelete.internal.policy.CascadePlan;
import io.github.softdelete.internal.policy.ContextFlags;
import io.github.softdelete.internal.policy.PolicyTable;
import io.github.softdelete.internal.policy.ReadMode;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.policy.UnfilteredTable;
import io.github.softdelete.internal.read.PreservedTables;
import io.github.softdelete.internal.sql.LibraryWrite;
import io.github.softdelete.internal.sql.MarkerPredicates;
import io.github.softdelete.internal.sql.Predicates;
import io.github.softdelete.internal.sql.TableReference;

/**
 * Rule: {@code DELETE FROM T WHERE c} on a soft-deletable table becomes
 * {@code UPDATE T SET marker = statement_timestamp() WHERE c AND T.marker IS NULL} (for other marker
 * kinds, the SET and the live predicate of {@link LibraryWrite} and {@link MarkerPredicates}), when no foreign key
 * makes the delete reach further; otherwise {@link CascadeDelete} builds the statement on PostgreSQL, and
 * {@link StagedCascadeDelete} its anchor on MariaDB (where a DELETE ... USING takes that way too).
 *
 * <ul>
 *   <li>{@code AND marker IS NULL}: rows that were already deleted are neither touched nor counted,
 *       and keep their original timestamp, so the update count is the number of rows newly deleted.</li>
 *   <li>{@code USING} becomes {@code FROM}, and its tables are filtered like any read.</li>
 *   <li>{@code WITH}, {@code ORDER BY}, {@code LIMIT} and {@code RETURNING} carry over unchanged, so
 *       {@code DELETE ... RETURNING} still returns the rows it deleted, now with their timestamp.</li>
 * </ul>
 *
 * <p>jOOQ has no DELETE-to-UPDATE converter, so a new statement is built with the DSL. Its bind values
 * come from the user's WHERE and USING in the same order as in the DELETE, which keeps batches working.
 */
public final class DeleteToUpdate {

    private DeleteToUpdate() {
    }

    /** The UPDATE that replaces {@code delete}, or null when its target is not soft-deletable. */
    public static QueryPart rewrite(TableRegistry registry, DeleteQuery<?> delete, ContextFlags flags, DSLContext dsl) {
        boolean mariaDb = Engine.of(dsl.configuration()) == Engine.MARIADB;
        QOM.Delete<?> d = mariaDb ? UsingTarget.declared(registry, (QOM.Delete<?>) delete) : (QOM.Delete<?>) delete;
        Table<?> target = UnfilteredTable.unwrap(d.$from());
        TableReference reference = TableReference.resolve(registry, target);
        if (reference == null)
            return filterUsing(registry, delete, flags.readMode()); // a physical delete, but its USING tables are reads
        PartnerListeners.require(dsl.configuration());
        CascadePlan plan = registry.plan(reference.table());
        Object actor = registry.actor(flags);
        // MariaDB's UPDATE has no FROM (jOOQ renders it, the server refuses it): a DELETE ... USING takes the staged
        // way too, whose anchor is an INSERT ... SELECT that reads the USING tables.
        if (mariaDb && (!plan.isSingleTable() || !d.$using().isEmpty()))
            return StagedCascadeDelete.anchor(registry, plan, d, target, reference, !Qom.returning(delete).isEmpty());
        if (!plan.isSingleTable())
            return CascadeDelete.build(dsl, registry, plan, d, target, reference, Qom.returning(delete), actor);
        if (mariaDb && !Qom.returning(delete).isEmpty())
            throw returningOnMariaDb(reference.table());
        Condition where = Predicates.and(d.$where(), reference.predicate(ReadMode.LIVE));
        where = Predicates.and(where, Predicates.allOf(PreservedTables.leftToWhere(registry, d.$using()), flags.readMode()));
        return update(dsl, d, target, reference.table(), actor, where, Qom.returning(delete));
    }

    /**
     * The soft-deletable table whose soft delete {@code delete} becomes when {@link #rewrite} makes it one UPDATE (a
     * table without soft-deletable children, and on MariaDB without USING), for the operation's listeners to hear its
     * count; null for any other DELETE: a cascade, which tells them itself, or a table the policy does not cover.
     */
    public static PolicyTable oneStatementSoftDelete(TableRegistry registry, QOM.Delete<?> delete, boolean mariaDb) {
        QOM.Delete<?> d = mariaDb ? UsingTarget.declared(registry, delete) : delete;
        TableReference reference = TableReference.resolve(registry, UnfilteredTable.unwrap(d.$from()));
        if (reference == null || !registry.plan(reference.table()).isSingleTable() || mariaDb && !d.$using().isEmpty())
            return null;
        return reference.table();
    }

    /**
     * A hard delete runs as written, but its USING tables are still reads and stay filtered. Its target
     * is not: purging rows that are already soft-deleted is what hard deletes are for.
     */
    public static Query filterUsing(TableRegistry registry, DeleteQuery<?> delete, ReadMode mode) {
        QOM.Delete<?> d = (QOM.Delete<?>) delete;
        Condition extra = Predicates.allOf(PreservedTables.leftToWhere(registry, d.$using()), mode);
        return extra == null ? null : d.$where(Predicates.and(d.$where(), extra));
    }

    // jOOQ emulates UPDATE ... RETURNING on MariaDB with an INSERT ... ON DUPLICATE KEY UPDATE, which fires insert
    // triggers and fails on generated columns (docs/mariadb-facts.md): refused rather than sent.
    private static SoftDeleteException returningOnMariaDb(PolicyTable table) {
        return new SoftDeleteException("cannot soft-delete from " + table.quotedName() + " with DELETE ... RETURNING on"
            + " MariaDB: the soft delete is an UPDATE, and MariaDB's UPDATE has no RETURNING. Nothing was executed. Select"
            + " the rows first, then delete them without RETURNING");
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static Query update(DSLContext dsl, QOM.Delete<?> d, Table target, PolicyTable table, Object actor, Condition where,
                                List<? extends SelectFieldOrAsterisk> returning) {
        UpdateSetFirstStep<Record> start = d.$with() == null
            ? dsl.update(target)
            : withClause(dsl, d.$with()).update(target);
        UpdateLimitStep<Record> ordered = LibraryWrite.deletion(start, table, actor, target)
            .from(d.$using())
            .where(where)
            .orderBy(d.$orderBy());
        UpdateReturningStep<Record> update = d.$limit() == null ? ordered : ordered.limit(d.$limit());
        return returning.isEmpty() ? update : update.returning(returning);
    }

    private static WithStep withClause(DSLContext dsl, QOM.With with) {
        List<? extends CommonTableExpression<?>> ctes = with.$commonTableExpressions();
        return with.$recursive()
            ? dsl.withRecursive(ctes.toArray(CommonTableExpression[]::new))
            : dsl.with(ctes);
    }
}
