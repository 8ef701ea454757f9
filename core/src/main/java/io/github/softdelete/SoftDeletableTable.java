package io.github.softdelete;

import org.jooq.Condition;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableField;

import io.github.softdelete.internal.sql.MarkerPredicates;

/**
 * A table that knows its soft-delete marker column. The softdelete code generator
 * ({@code softdelete-codegen}) makes every generated table with a marker column implement it, which
 * gives each such table typed helpers:
 * <pre>{@code
 * ctx.selectFrom(USERS).where(USERS.deleted()).fetch();             // with SoftDelete.onlyDeleted, or as a condition
 * ctx.select(POSTS.TITLE).from(POSTS).join(USERS.includeDeleted()).on(...);
 * }</pre>
 *
 * <p>Implementations are jOOQ tables, and as immutable and thread-safe as jOOQ's generated tables.
 *
 * @param <R> the record type
 * @param <T> the marker's Java type, usually {@code OffsetDateTime}, or {@code Boolean} for a flag
 */
public interface SoftDeletableTable<R extends Record, T> extends Table<R> {

    /**
     * {@return the column that tells live rows from deleted ones} A timestamp (NULL for live rows, the
     * deletion time for deleted ones) or a boolean flag (false for live rows; NULL counts as live).
     */
    TableField<R, T> softDeleteMarker();

    /**
     * {@return that the row is live} {@code marker IS NULL}, or {@code NOT flag} ({@code flag IS NOT TRUE} when
     * nullable): the predicate the library's own reads add.
     */
    default Condition live() {
        return MarkerPredicates.live(softDeleteMarker());
    }

    /**
     * {@return that the row is deleted} {@code marker IS NOT NULL}, or {@code flag} ({@code flag IS TRUE}
     * when nullable). Deleted rows are filtered out of ordinary reads, so use it on a context from
     * {@link SoftDelete#includeDeleted} or {@link SoftDelete#onlyDeleted}.
     */
    default Condition deleted() {
        return MarkerPredicates.deleted(softDeleteMarker());
    }

    /** {@return this table, read unfiltered inside one query: {@link SoftDelete#includeDeleted(Table)}} */
    default Table<R> includeDeleted() {
        return SoftDelete.includeDeleted(this);
    }
}
