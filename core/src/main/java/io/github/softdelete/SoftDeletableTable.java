package io.github.softdelete;

import org.jooq.Condition;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableField;

/**
 * A table that knows its soft-delete marker column. The softdelete code generator
 * ({@code softdelete-codegen}) makes every generated table with a marker column implement it, which
 * gives each such table typed helpers:
 * <pre>{@code
 * ctx.selectFrom(USERS).where(USERS.deleted()).fetch();             // with SoftDelete.onlyDeleted, or as a condition
 * ctx.select(POSTS.TITLE).from(POSTS).join(USERS.includingDeleted()).on(...);
 * }</pre>
 *
 * <p>Implementations are jOOQ tables, and as immutable and thread-safe as jOOQ's generated tables.
 *
 * @param <R> the record type
 * @param <T> the marker's Java type, usually {@code OffsetDateTime}
 */
public interface SoftDeletableTable<R extends Record, T> extends Table<R> {

    /** {@return the marker column: NULL for live rows, the deletion time for deleted ones} */
    TableField<R, T> softDeleteMarker();

    /** {@return {@code marker IS NULL}: the row is live} */
    default Condition live() {
        return softDeleteMarker().isNull();
    }

    /**
     * {@return {@code marker IS NOT NULL}: the row is deleted} Deleted rows are filtered out of ordinary reads,
     * so use it on a context from {@link SoftDelete#includeDeleted} or {@link SoftDelete#onlyDeleted}.
     */
    default Condition deleted() {
        return softDeleteMarker().isNotNull();
    }

    /** {@return this table, read unfiltered inside one query: {@link SoftDelete#includingDeleted(Table)}} */
    default Table<R> includingDeleted() {
        return SoftDelete.includingDeleted(this);
    }
}
