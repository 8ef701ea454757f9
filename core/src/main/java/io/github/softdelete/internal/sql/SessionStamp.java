package io.github.softdelete.internal.sql;

/**
 * The stamp of a soft delete on MariaDB: one value for every row of one delete, however many statements it
 * takes, and a new value for each delete, even two in one microsecond on one connection.
 *
 * <p>MariaDB has no {@code statement_timestamp()}, and its {@code NOW(6)} is a new value for every statement
 * (docs/mariadb-facts.md), so a cascade of several statements cannot stamp with it. The library therefore sets
 * the session variable {@code @softdelete_stamp} once, before the first statement of a delete, and every
 * statement of that delete writes the variable. {@link #NEXT} takes the later of {@code NOW(6)} and one
 * microsecond after the connection's previous stamp: two deletes in one transaction (one connection) never share
 * a stamp, so a restore tells them apart. Two connections can still stamp the same microsecond, as on PostgreSQL
 * (docs/deleting.md).
 *
 * <p>A statement that writes the variable is recognised by its text ({@link #usedBy}): the name is the library's,
 * and the execution listener sets the variable before such a statement runs. The variable lives as long as the
 * connection, so a pooled connection keeps the floor of its last stamp, which only ever moves forward.
 */
public final class SessionStamp {

    /** The variable every statement of a delete on MariaDB writes its stamp from. */
    public static final String VARIABLE = "@softdelete_stamp";

    /** Sets {@link #VARIABLE} to the stamp of the next delete on this connection. */
    public static final String NEXT = "set " + VARIABLE + " = greatest(now(6), coalesce(cast(" + VARIABLE
        + " as datetime(6)) + interval 1 microsecond, now(6)))";

    /** Reads {@link #VARIABLE} back as UTC, whatever the session's time zone, for the operation's listeners. */
    public static final String IN_UTC = "select cast(convert_tz(cast(" + VARIABLE + " as datetime(6)), @@session.time_zone, '+00:00')"
        + " as datetime(6))";

    private SessionStamp() {
    }

    /** Whether {@code sql} writes the stamp, so that {@link #NEXT} must run first. */
    public static boolean usedBy(String sql) {
        return sql != null && sql.contains(VARIABLE);
    }
}
