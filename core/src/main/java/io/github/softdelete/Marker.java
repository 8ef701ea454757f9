package io.github.softdelete;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jooq.Condition;
import org.jooq.Field;

import io.github.softdelete.internal.sql.MarkerPredicates;

/**
 * How a soft-deletable table marks its deleted rows: the column (or columns) a delete writes and a
 * restore clears, and the predicate that tells live rows from deleted ones.
 *
 * <table>
 *   <caption>Marker kinds</caption>
 *   <tr><th>kind</th><th>live rows</th><th>a delete writes</th><th>a restore writes</th></tr>
 *   <tr><td>{@link #timestamp(Field)}</td><td>{@code deleted_at IS NULL}</td>
 *       <td>{@code deleted_at = statement_timestamp()}</td><td>{@code deleted_at = NULL}</td></tr>
 *   <tr><td>{@link #flag(Field)}</td><td>{@code NOT is_deleted} ({@code is_deleted IS NOT TRUE} when the
 *       column is nullable: NULL counts as live)</td><td>{@code is_deleted = TRUE}</td><td>{@code is_deleted = FALSE}</td></tr>
 *   <tr><td>{@link #flagAndTimestamp(Field, Field)}</td><td>as {@code flag}</td><td>both</td><td>both cleared</td></tr>
 *   <tr><td>{@link #deletedBy(Field)}, with any kind</td><td>-</td><td>{@code deleted_by = <the actor>}</td>
 *       <td>{@code deleted_by = NULL}</td></tr>
 * </table>
 *
 * <p>The column types are checked when the policy is built: a timestamp marker must be a timestamp
 * column ({@code OffsetDateTime}, {@code LocalDateTime}, {@code Instant} or {@code java.sql.Timestamp}),
 * a flag a {@code Boolean} column. A deleted-by column may have any type; the actor given for it
 * ({@link SoftDelete#withActor}, {@link SoftDeletePolicy.Builder#actor}) must be of that type.
 *
 * <p>The static methods make markers ({@code timestamp}, {@code flag}, {@code flagAndTimestamp}, then
 * {@code deletedBy}); the accessors that read a marker's columns end in {@code Column}, so that the two never
 * share a name.
 *
 * <p>Immutable and thread-safe.
 */
public final class Marker {

    /** What the marker is made of. */
    public enum Kind {
        /** A nullable timestamp: NULL when live, the deletion time when deleted. */
        TIMESTAMP,
        /** A boolean flag: false when live, true when deleted. */
        FLAG,
        /** A boolean flag, which decides what is live, plus the deletion time. */
        FLAG_AND_TIMESTAMP
    }

    private final Kind kind;
    private final Field<?> flag;
    private final Field<?> timestamp;
    private final Field<?> deletedBy;

    private Marker(Kind kind, Field<?> flag, Field<?> timestamp, Field<?> deletedBy) {
        this.kind = kind;
        this.flag = flag;
        this.timestamp = timestamp;
        this.deletedBy = deletedBy;
    }

    /**
     * A timestamp marker: NULL means live, a time means deleted.
     *
     * @param column a nullable timestamp column of the table
     * @return the marker
     * @throws NullPointerException when {@code column} is null
     */
    public static Marker timestamp(Field<?> column) {
        return new Marker(Kind.TIMESTAMP, null, Objects.requireNonNull(column, "column"), null);
    }

    /**
     * A boolean flag marker: false means live, true means deleted. On a nullable column, NULL counts as
     * live. A flag alone cannot tell two deletes apart, so a restore that would have to decide whether a
     * deleted row of such a table was taken by the delete it undoes (a deleted child over a CASCADE key)
     * is refused; {@link #flagAndTimestamp} has no such limit.
     *
     * @param column a boolean column of the table, preferably {@code NOT NULL DEFAULT false}
     * @return the marker
     * @throws NullPointerException when {@code column} is null
     */
    public static Marker flag(Field<?> column) {
        return new Marker(Kind.FLAG, Objects.requireNonNull(column, "column"), null, null);
    }

    /**
     * A flag plus a timestamp: the flag decides what is live, a delete writes both and a restore clears
     * both. The timestamp tells the rows of one delete from another's, so cascades restore exactly.
     *
     * @param flag      a boolean column of the table
     * @param timestamp a nullable timestamp column of the table
     * @return the marker
     * @throws NullPointerException when an argument is null
     */
    public static Marker flagAndTimestamp(Field<?> flag, Field<?> timestamp) {
        return new Marker(Kind.FLAG_AND_TIMESTAMP, Objects.requireNonNull(flag, "flag"),
            Objects.requireNonNull(timestamp, "timestamp"), null);
    }

    /**
     * This marker with a "deleted by" column, which a delete fills with the actor of the context
     * ({@link SoftDelete#withActor}) or, failing that, of the policy ({@link SoftDeletePolicy.Builder#actor}),
     * and a restore clears. A delete that reaches such a table without an actor is refused before
     * anything is sent.
     *
     * @param column a nullable column of the table whose type the actor has (text, uuid, bigint, ...)
     * @return a new marker; this one is unchanged
     * @throws NullPointerException  when {@code column} is null
     * @throws IllegalStateException when this marker already has a deleted-by column
     */
    public Marker deletedBy(Field<?> column) {
        Objects.requireNonNull(column, "column");
        if (deletedBy != null)
            throw new IllegalStateException("the marker already has the deleted-by column \"" + deletedBy.getName()
                + "\"; call deletedBy(column) once");
        return new Marker(kind, flag, timestamp, column);
    }

    /** {@return the kind of marker} */
    public Kind kind() {
        return kind;
    }

    /** {@return the flag column, for {@link Kind#FLAG} and {@link Kind#FLAG_AND_TIMESTAMP}} */
    public Optional<Field<?>> flagColumn() {
        return Optional.ofNullable(flag);
    }

    /** {@return the timestamp column, for {@link Kind#TIMESTAMP} and {@link Kind#FLAG_AND_TIMESTAMP}} */
    public Optional<Field<?>> timestampColumn() {
        return Optional.ofNullable(timestamp);
    }

    /** {@return the deleted-by column, if any} */
    public Optional<Field<?>> deletedByColumn() {
        return Optional.ofNullable(deletedBy);
    }

    /** {@return the column that decides whether a row is live: the flag when there is one, else the timestamp} */
    public Field<?> stateColumn() {
        return flag != null ? flag : timestamp;
    }

    /** {@return every column the library owns, which only the library writes: state, timestamp, deleted-by} */
    public List<Field<?>> columns() {
        List<Field<?>> columns = new ArrayList<>(3);
        if (flag != null)
            columns.add(flag);
        if (timestamp != null)
            columns.add(timestamp);
        if (deletedBy != null)
            columns.add(deletedBy);
        return List.copyOf(columns);
    }

    /**
     * {@return that a row is live, by this marker's state column as given} {@code deleted_at IS NULL} for a timestamp;
     * {@code NOT is_deleted} for a flag, or {@code is_deleted IS NOT TRUE} when its data type is nullable: the predicate
     * the library's own reads add. Build the marker on the columns as the query names them, for example on an
     * alias's: {@code Marker.flag(p.field(POSTS.IS_DELETED)).live()}. A marker whose columns do not have the types
     * of its kind (which {@link SoftDeletePolicy.Builder#build()} checks) gives a predicate by its state column's type.
     */
    public Condition live() {
        return MarkerPredicates.live(stateColumn());
    }

    /**
     * {@return that a row is deleted, by this marker's state column as given} {@code deleted_at IS NOT NULL}, or
     * {@code is_deleted} ({@code is_deleted IS TRUE} when nullable); see {@link #live()}. Ordinary reads filter deleted
     * rows out, so use it on a context from {@link SoftDelete#includeDeleted} or {@link SoftDelete#onlyDeleted}.
     */
    public Condition deleted() {
        return MarkerPredicates.deleted(stateColumn());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Marker m && kind == m.kind && Objects.equals(flag, m.flag)
            && Objects.equals(timestamp, m.timestamp) && Objects.equals(deletedBy, m.deletedBy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, flag, timestamp, deletedBy);
    }

    @Override
    public String toString() {
        String columns = switch (kind) {
            case TIMESTAMP -> "timestamp(" + timestamp.getName() + ")";
            case FLAG -> "flag(" + flag.getName() + ")";
            case FLAG_AND_TIMESTAMP -> "flagAndTimestamp(" + flag.getName() + ", " + timestamp.getName() + ")";
        };
        return deletedBy == null ? columns : columns + ".deletedBy(" + deletedBy.getName() + ")";
    }
}
