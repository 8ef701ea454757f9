package io.github.softdelete.internal;

import java.util.Map;

import org.jooq.Context;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.UpdateSetFirstStep;
import org.jooq.UpdateSetMoreStep;
import org.jooq.impl.CustomField;
import org.jooq.impl.DSL;

/**
 * A value that the library itself writes into a marker column.
 *
 * <p>The marker guard refuses every statement that writes the marker, except the library's own: a
 * soft delete and a restore. It tells them apart by this type in the SET clause, which user code cannot
 * create. That works wherever jOOQ visits the statement, including its wrappers ({@code UpdateImpl}
 * visits its {@code UpdateQueryImpl} delegate through the listener again).
 */
final class LibraryWrite<T> extends CustomField<T> {

    private static final long serialVersionUID = 1L;

    private final boolean deletion;

    private LibraryWrite(DataType<T> type, boolean deletion) {
        super(deletion ? "soft_deleted_at" : "restored", type);
        this.deletion = deletion;
    }

    /**
     * The time a soft delete stamps. On PostgreSQL that is {@code statement_timestamp()}, not
     * {@code CURRENT_TIMESTAMP}: the latter is the transaction's start, shared by every statement of a
     * transaction, so two deletes in one transaction would stamp the same time and a restore could not
     * tell their rows apart. {@code statement_timestamp()} is one value for the whole statement, the
     * cascade included, and differs between statements.
     */
    static <T> LibraryWrite<T> deletionTime(DataType<T> type) {
        return new LibraryWrite<>(type, true);
    }

    /** The NULL a restore writes. */
    static <T> LibraryWrite<T> restored(DataType<T> type) {
        return new LibraryWrite<>(type, false);
    }

    /** {@code SET marker = value}, typed, because {@code set(Field, Object)} is ambiguous for a raw marker. */
    static <R extends Record, T> UpdateSetMoreStep<R> write(UpdateSetFirstStep<R> update, Field<T> marker, Field<T> value) {
        return update.set(marker, value);
    }

    static boolean isOwnWrite(Map<?, ?> set) {
        for (Object value : set.values())
            if (value instanceof LibraryWrite<?>)
                return true;
        return false;
    }

    @Override
    public void accept(Context<?> ctx) {
        if (deletion && ctx.family() == SQLDialect.POSTGRES)
            ctx.visit(DSL.keyword("statement_timestamp")).sql("()");
        else if (deletion)
            ctx.visit(DSL.currentTimestamp());
        else
            ctx.visit(DSL.inline(null, getDataType()));
    }
}
