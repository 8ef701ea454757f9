package io.github.softdelete.internal.write;

import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

import org.jooq.Field;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.QOM;

import io.github.softdelete.SoftDeleteException;

import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.policy.UnfilteredTable;
import io.github.softdelete.internal.sql.MarkerPredicates;
import io.github.softdelete.internal.sql.TableReference;

/**
 * Rule: an upsert on a soft-deletable table whose {@code ON CONFLICT (columns)} matches no unique index is told how
 * to match the one it most likely means.
 *
 * <p>Soft deletes need uniqueness among live rows only, so the unique indexes of a soft-deletable table are usually
 * partial ({@code CREATE UNIQUE INDEX ... ON users (email) WHERE deleted_at IS NULL}, as the schema lint advises).
 * PostgreSQL infers such an index for {@code ON CONFLICT (email)} only when the statement repeats the index's
 * predicate ({@code ON CONFLICT (email) WHERE deleted_at IS NULL}); without it, it answers with SQLSTATE 42P10
 * (invalid_column_reference) and a message about constraints that names no index. The library knows the statement
 * (its target and conflict columns, that it has no predicate) and the table's marker, so it says what to add. It
 * decides by the SQLSTATE and the statement, never by the server's wording.
 */
public final class UpsertOnPartialIndex {

    static final String INVALID_COLUMN_REFERENCE = "42P10";

    private UpsertOnPartialIndex() {
    }

    /** The refusal that explains {@code error} raised by {@code query}, or null when it is not such an upsert. */
    public static SoftDeleteException explain(TableRegistry registry, Query query, SQLException error, Throwable cause) {
        if (error == null || !INVALID_COLUMN_REFERENCE.equals(error.getSQLState()))
            return null;
        QOM.Insert<?> insert = query instanceof QOM.InsertReturning<?> returning ? returning.$insert()
            : query instanceof QOM.Insert<?> plain ? plain : null;
        if (insert == null || insert.$onConflict().isEmpty() || insert.$onConflictWhere() != null)
            return null;
        TableReference target = TableReference.resolve(registry, UnfilteredTable.unwrap(insert.$into()));
        if (target == null)
            return null;
        String columns = names(insert.$onConflict());
        String live = DSL.using(SQLDialect.POSTGRES, new Settings().withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
            .withRenderSchema(false)).renderInlined(MarkerPredicates.live(target.table(), DSL.field(DSL.name(target.table().markerName()),
                target.table().marker().getDataType()), false));
        return new SoftDeleteException("cannot upsert into " + target.table().quotedName() + " with ON CONFLICT (" + columns
            + "): no unique index or constraint matches exactly these columns (SQLSTATE 42P10). On a soft-deletable table"
            + " the unique index is usually partial, over live rows only (CREATE UNIQUE INDEX ... (" + columns + ") WHERE "
            + live + "), and PostgreSQL uses it for ON CONFLICT only when the statement repeats its predicate. Nothing was"
            + " written. Add the index's predicate: ON CONFLICT (" + columns + ") WHERE " + live + ", in jOOQ"
            + " onConflict(...).where(...)", cause);
    }

    private static String names(List<? extends Field<?>> columns) {
        return columns.stream().map(Field::getName).collect(Collectors.joining(", "));
    }
}
