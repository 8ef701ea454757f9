package io.github.softdelete.internal.cascade;

import org.jooq.Condition;
import org.jooq.Context;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.QueryPart;
import org.jooq.Table;
import org.jooq.impl.CustomField;
import org.jooq.impl.QOM;

import io.github.softdelete.internal.jooq.Engine;
import io.github.softdelete.internal.policy.PolicyTable;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.policy.UnfilteredTable;
import io.github.softdelete.internal.render.RenderCache;
import io.github.softdelete.internal.sql.CascadeSteps;
import io.github.softdelete.internal.sql.TableReference;

/**
 * How a cascading restore runs: as the UPDATE {@code UPDATE t SET marker = <this request> WHERE <condition>}, which
 * the listener replaces with the restore statement ({@link CascadeRestore}; on MariaDB the anchor of
 * {@link StagedRestore}) whenever jOOQ renders or binds it, as it replaces a DELETE with its cascade.
 *
 * <p>Why a request rather than executing the statement: the statement's text may be kept and replayed
 * ({@link RenderCache}), and a replayed text is no {@code Query} that jOOQ could execute. Sent as plain SQL around
 * it, the statement would run differently from its full form (under the plain-SQL flag, which would also let plain
 * SQL in the caller's condition through unchecked). As a request, every restore is an UPDATE executed by jOOQ,
 * whatever renders in its place; its bind values are the condition's, which the statement binds once too.
 *
 * <p>The request is recognised by this type in the SET clause, which user code cannot create; rendered without the
 * listener, it refuses. Immutable and thread-safe.
 */
public final class RestoreRequest<T> extends CustomField<T> {

    private static final long serialVersionUID = 1L;

    private RestoreRequest(DataType<T> type) {
        super("softdelete_restore_request", type);
    }

    /** Executes the restore of the rows of {@code target} matching {@code condition}; returns their number. */
    static int execute(DSLContext ctx, PolicyTable table, Table<?> target, Condition condition) {
        return query(ctx, table, target, condition).execute();
    }

    /** The request for the restore of the rows of {@code target} matching {@code condition}. */
    public static Query query(DSLContext ctx, PolicyTable table, Table<?> target, Condition condition) {
        return ctx.update(CascadeSteps.asRecordTable(target)).set(request(table.marker())).where(condition);
    }

    private static <T> java.util.Map<Field<T>, Field<T>> request(Field<T> marker) {
        return java.util.Map.of(marker, new RestoreRequest<>(marker.getDataType()));
    }

    /** Whether {@code update} is a request: its SET holds one. */
    public static boolean is(QOM.Update<?> update) {
        for (Object value : update.$set().values())
            if (value instanceof RestoreRequest<?>)
                return true;
        return false;
    }

    /** The restore statement that renders in place of {@code request}. */
    public static QueryPart statement(DSLContext dsl, TableRegistry registry, QOM.Update<?> request) {
        Table<?> target = UnfilteredTable.unwrap(request.$table());
        TableReference reference = TableReference.resolve(registry, target);
        Condition condition = request.$where() == null ? org.jooq.impl.DSL.noCondition() : request.$where();
        if (Engine.of(dsl.configuration()) == Engine.MARIADB)
            return StagedRestore.anchor(registry, registry.plan(reference.table()), target, reference, condition);
        return CascadeRestore.statement(dsl, registry, registry.plan(reference.table()), target, reference, condition);
    }

    @Override
    public void accept(Context<?> ctx) {
        throw new IllegalStateException("a soft-delete restore was rendered without the library's listener, which renders"
            + " the restore statement in its place: run restores through SoftDelete.restore(ctx, ...) on a configuration"
            + " that SoftDelete.install(configuration, policy) prepared");
    }
}
