package io.github.softdelete;

/**
 * What the SQL-text path ({@link SoftDelete#dataSource(org.jooq.Configuration, UnparseableSql)}) does with
 * a statement that jOOQ's parser cannot read, and that the listener therefore cannot rewrite.
 *
 * @deprecated the policy's one setting, {@link PlainSql}, decides for SQL text as for jOOQ's plain SQL
 */
@Deprecated(forRemoval = true)
public enum UnparseableSql {

    /**
     * The default: the statement is refused with a {@link SoftDeleteException} that quotes its start,
     * before anything reaches the database. JDBC code receives it as the cause of a
     * {@link java.sql.SQLFeatureNotSupportedException} (SQLSTATE {@code 0A000}) with the same message.
     */
    REFUSE,

    /**
     * The statement is sent to the database unchanged, and therefore <b>unfiltered</b>: it reads deleted
     * rows and its DELETEs delete physically. Choose it only when every statement jOOQ cannot parse is
     * one you have checked (session settings, vendor-specific DDL, calls of procedures).
     */
    PASS_THROUGH_UNFILTERED
}
