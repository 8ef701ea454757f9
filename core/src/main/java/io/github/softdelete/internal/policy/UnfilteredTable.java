package io.github.softdelete.internal.policy;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.TableImpl;

/**
 * A table reference that reads its table unfiltered: {@code SoftDelete.includeDeleted(table)}.
 *
 * <p>jOOQ queries have no per-query data map, so the opt-out must be recognisable in the query tree
 * itself. This type is that mark. It has the wrapped table's name, schema and fields, so it works in
 * {@code selectFrom} and record mapping; the listener skips it when placing predicates, and replaces it
 * with the wrapped table when rendering, so the SQL is exactly the wrapped table's, alias included.
 *
 * <p>Immutable and thread-safe, like every jOOQ table.
 */
public final class UnfilteredTable<R extends Record> extends TableImpl<R> {

    private static final long serialVersionUID = 1L;

    private final Table<R> wrapped;

    @SuppressWarnings("this-escape")
    public UnfilteredTable(Table<R> wrapped) {
        super(wrapped.getUnqualifiedName(), wrapped.getSchema());
        this.wrapped = wrapped;
        for (Field<?> field : wrapped.fields())
            createField(field.getUnqualifiedName(), field.getDataType(), this);
    }

    /** The table this reference stands for. */
    public Table<R> wrapped() {
        return wrapped;
    }

    /** {@code table} itself, or the table it stands for when it is an unfiltered reference. */
    public static Table<?> unwrap(Table<?> table) {
        return table instanceof UnfilteredTable<?> u ? u.wrapped : table;
    }

    @Override
    public Class<? extends R> getRecordType() {
        return wrapped.getRecordType();
    }
}
