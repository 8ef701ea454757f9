package io.github.softdelete;

/**
 * A foreign key's {@code ON DELETE} rule, which decides what a soft delete of the referenced (parent)
 * row does to the referencing (child) rows. The rules mirror what the database does on a hard delete:
 *
 * <table>
 *   <caption>What a soft delete of a parent does</caption>
 *   <tr><th>rule</th><th>soft-deletable child</th><th>child that is not soft-deletable</th></tr>
 *   <tr><td>{@link #CASCADE}</td><td>live children are soft-deleted in the same statement, recursively</td>
 *       <td>left in place, so a restore brings the relation back</td></tr>
 *   <tr><td>{@link #RESTRICT}, {@link #NO_ACTION}</td><td colspan="2">refused while a live child refers to the row</td></tr>
 *   <tr><td>{@link #SET_NULL}, {@link #SET_DEFAULT}</td><td colspan="2">children untouched: reads already treat the
 *       deleted parent as absent, and the data stays restorable</td></tr>
 * </table>
 */
public enum OnDelete {

    /** {@code ON DELETE CASCADE}. */
    CASCADE,

    /** {@code ON DELETE RESTRICT}. */
    RESTRICT,

    /** {@code ON DELETE NO ACTION}, the SQL default. */
    NO_ACTION,

    /** {@code ON DELETE SET NULL}. */
    SET_NULL,

    /** {@code ON DELETE SET DEFAULT}. */
    SET_DEFAULT
}
