package io.github.softdelete.internal.sql;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jooq.Context;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.UpdateSetFirstStep;
import org.jooq.UpdateSetMoreStep;
import org.jooq.impl.CustomField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import io.github.softdelete.SoftDeleteException;

import io.github.softdelete.internal.jooq.Engine;
import io.github.softdelete.internal.policy.Actors;
import io.github.softdelete.internal.policy.PolicyTable;

/**
 * A value that the library itself writes into a column the marker owns (the flag, the timestamp,
 * the deleted-by column), and the SET clauses of a soft delete and of a restore, built here for
 * every marker kind:
 * <ul>
 *   <li>a delete: {@code flag = TRUE}, {@code timestamp = statement_timestamp()} ({@link SessionStamp} on
 *       MariaDB), {@code deleted_by = <actor>};</li>
 *   <li>a restore: {@code flag = FALSE}, {@code timestamp = NULL}, {@code deleted_by = NULL}.</li>
 * </ul>
 *
 * <p>The marker guard refuses every statement that writes an owned column, except the library's own.
 * It tells them apart by this type in the SET clause, which user code cannot create. That works
 * wherever jOOQ visits the statement, including its wrappers ({@code UpdateImpl} visits its
 * {@code UpdateQueryImpl} delegate through the listener again: jOOQ's {@code UpdateImpl.accept},
 * {@code context.visit(delegate)}, 3.19).
 *
 * <p>Every value is inlined, the actor included: a bind value here would come before the user's
 * WHERE binds and shift them, which breaks batches.
 */
public final class LibraryWrite<T> extends CustomField<T> {

    private static final long serialVersionUID = 1L;

    private enum Value { DELETION_TIME, TRUE, FALSE, NULL, ACTOR, MISSING_ACTOR, UNCHANGED, COPIED }

    /** The mark of the in-statement failure for a cascaded row that needs an actor; see {@link #deletion}. */
    public static final String MISSING_ACTOR_MARK = "softdelete-no-actor:";

    private final Value value;
    private final transient Object actor;
    private final transient PolicyTable table;
    private final transient Field<T> copied;

    private LibraryWrite(DataType<T> type, Value value, Object actor) {
        this(type, value, actor, null);
    }

    private LibraryWrite(DataType<T> type, Value value, Object actor, PolicyTable table) {
        this(type, value, actor, table, null);
    }

    private LibraryWrite(DataType<T> type, Value value, Object actor, PolicyTable table, Field<T> copied) {
        super(value.name().toLowerCase(), type);
        this.value = value;
        this.actor = actor;
        this.table = table;
        this.copied = copied;
    }

    /**
     * The SET clause of a soft delete of {@code table}'s rows.
     *
     * @throws SoftDeleteException when the table has a deleted-by column and {@code actor} is null or
     *                             not of the column's type; raised while rendering, before anything is sent
     */
    public static <R extends Record> UpdateSetMoreStep<R> deletion(UpdateSetFirstStep<R> update, PolicyTable table, Object actor) {
        return deletion(update, table, actor, false);
    }

    /**
     * The SET clause of a soft delete of {@code table}'s rows, as one step of a cascade: a table that a
     * cascade reaches may have a deleted-by column, and the delete no actor. Refusing at render time
     * would refuse every delete of the parent, even of parents without such children, so the SET then
     * fails in the statement, only for a row it really writes ({@link #MISSING_ACTOR_MARK}, turned into
     * a {@code SoftDeleteException} by {@code StatementRefusals}); the statement then changes nothing.
     */
    public static <R extends Record> UpdateSetMoreStep<R> deletion(UpdateSetFirstStep<R> update, PolicyTable table, Object actor,
                                                            boolean cascaded) {
        return deletion(update, table, actor, cascaded, table.table());
    }

    /**
     * As {@link #deletion(UpdateSetFirstStep, PolicyTable, Object)}, for an UPDATE of {@code reference}, the table
     * under an alias: the SET names the alias's columns. PostgreSQL writes SET columns unqualified, but jOOQ qualifies
     * them on MariaDB, where the table's own name is unknown under its alias.
     */
    public static <R extends Record> UpdateSetMoreStep<R> deletion(UpdateSetFirstStep<R> update, PolicyTable table, Object actor,
                                                            Table<?> reference) {
        return deletion(update, table, actor, false, reference);
    }

    private static <R extends Record> UpdateSetMoreStep<R> deletion(UpdateSetFirstStep<R> update, PolicyTable table, Object actor,
                                                             boolean cascaded, Table<?> reference) {
        Map<Field<?>, Field<?>> set = new LinkedHashMap<>();
        if (table.isFlag())
            set.put(MarkerPredicates.column(reference, table, table.marker()), of(table.marker(), Value.TRUE, null));
        if (table.stamp() != null)
            set.put(MarkerPredicates.column(reference, table, table.stamp()), of(table.stamp(), Value.DELETION_TIME, null));
        if (table.deletedBy() != null && actor == null && cascaded)
            set.put(MarkerPredicates.column(reference, table, table.deletedBy()),
                new LibraryWrite<>(table.deletedBy().getDataType(), Value.MISSING_ACTOR, null, table));
        else if (table.deletedBy() != null)
            set.put(MarkerPredicates.column(reference, table, table.deletedBy()), of(table.deletedBy(), Value.ACTOR, Actors.checked(table, actor)));
        return update.set(set);
    }

    /** The SET clause of a restore of {@code table}'s rows: every owned column back to its live value. */
    public static <R extends Record> UpdateSetMoreStep<R> restoration(UpdateSetFirstStep<R> update, PolicyTable table) {
        Map<Field<?>, Field<?>> set = new LinkedHashMap<>();
        if (table.isFlag())
            set.put(table.marker(), of(table.marker(), Value.FALSE, null));
        if (table.stamp() != null)
            set.put(table.stamp(), of(table.stamp(), Value.NULL, null));
        if (table.deletedBy() != null)
            set.put(table.deletedBy(), of(table.deletedBy(), Value.NULL, null));
        return update.set(set);
    }

    /**
     * {@code state = state}: a write of {@code table}'s rows that changes nothing, for the parents a write
     * at REPEATABLE READ must write so that a concurrent soft delete of them fails ({@link ParentLocks#bump}).
     */
    static <R extends Record> UpdateSetMoreStep<R> unchanged(UpdateSetFirstStep<R> update, PolicyTable table) {
        Map<Field<?>, Field<?>> set = new LinkedHashMap<>();
        set.put(table.marker(), new LibraryWrite<>(table.marker().getDataType(), Value.UNCHANGED, null, table));
        return update.set(set);
    }

    /**
     * The SET clause of a soft delete of {@code table}'s rows that completes an earlier one
     * ({@code LateChildren}): the flag set, the timestamp copied from {@code stamp} (the earlier statement's),
     * the deleted-by column from {@code actor} (text, cast to the column's type), failing in the statement
     * like a cascade's ({@link #MISSING_ACTOR_MARK}) when it is null.
     */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    public static <R extends Record> UpdateSetMoreStep<R> completion(UpdateSetFirstStep<R> update, PolicyTable table, Field<?> stamp,
                                                              Field<String> actor) {
        Map<Field<?>, Field<?>> set = new LinkedHashMap<>();
        if (table.isFlag())
            set.put(table.marker(), of(table.marker(), Value.TRUE, null));
        if (table.stamp() != null)
            set.put(table.stamp(), new LibraryWrite(table.stamp().getDataType(), Value.COPIED, null, table,
                stamp.cast(table.stamp().getDataType())));
        if (table.deletedBy() != null) {
            DataType type = table.deletedBy().getDataType();
            LibraryWrite missing = new LibraryWrite(type, Value.MISSING_ACTOR, null, table);
            set.put(table.deletedBy(), new LibraryWrite(type, Value.COPIED, null, table, DSL.coalesce(actor.cast(type), missing)));
        }
        return update.set(set);
    }

    private static <T> LibraryWrite<T> of(Field<T> column, Value value, Object actor) {
        return new LibraryWrite<>(column.getDataType(), value, actor);
    }

    public static boolean isOwnWrite(Map<?, ?> set) {
        for (Object value : set.values())
            if (value instanceof LibraryWrite<?>)
                return true;
        return false;
    }

    @Override
    public void accept(Context<?> ctx) {
        switch (value) {
            // The time a soft delete stamps. On PostgreSQL that is statement_timestamp(), not
            // CURRENT_TIMESTAMP: the latter is the transaction's start, shared by every statement of a
            // transaction, so two deletes in one transaction would stamp the same time and a restore
            // could not tell their rows apart. statement_timestamp() is one value for the whole
            // statement, the cascade included, and differs between statements. MariaDB has no such
            // function, and a delete there may take several statements: SessionStamp.
            // (Rendered outside the library's engines, by toString() say, it shows CURRENT_TIMESTAMP.)
            case DELETION_TIME -> {
                Engine engine = Engine.of(ctx);
                if (engine == Engine.POSTGRES)
                    ctx.visit(DSL.keyword("statement_timestamp")).sql("()");
                else if (engine == Engine.MARIADB)
                    ctx.sql(SessionStamp.VARIABLE);
                else
                    ctx.visit(DSL.currentTimestamp());
            }
            case TRUE -> ctx.visit(DSL.inline(true));
            case FALSE -> ctx.visit(DSL.inline(false));
            case NULL -> ctx.visit(DSL.inline(null, getDataType()));
            case ACTOR -> ctx.visit(DSL.inline(actor, getDataType()));
            case MISSING_ACTOR -> ctx.visit(missingActor());
            case UNCHANGED -> ctx.visit(DSL.field(DSL.name(table.markerName()))); // the target's own column
            case COPIED -> ctx.visit(copied);
        }
    }

    // CAST(CAST(CAST(CASE WHEN key IS NOT NULL THEN '<mark><table>' END AS integer) AS text) AS <type>):
    // the integer cast fails for every row written, and only then. The CASE depends on the row, so
    // PostgreSQL cannot fold the failing cast at planning time; text converts to any column type.
    private Field<T> missingActor() {
        Field<?> key = DSL.field(DSL.name(RowSets.key(table).get(0).getName()));
        return DSL.when(key.isNotNull(), (Field<String>) new RefusalMark(MISSING_ACTOR_MARK + table.name()))
            .cast(SQLDataType.INTEGER).cast(SQLDataType.CLOB).cast(getDataType());
    }
}
