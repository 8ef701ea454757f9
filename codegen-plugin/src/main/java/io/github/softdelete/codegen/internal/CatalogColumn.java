package io.github.softdelete.codegen.internal;

/**
 * A column as MariaDB's catalog ({@code information_schema.COLUMNS}) describes it: what the lint needs to tell a
 * unique key that counts no deleted rows (one over a generated column that is NULL on deleted rows) and to write
 * that form's DDL. PostgreSQL's catalog needs none: its partial indexes say it in their predicate.
 *
 * @param table      the table
 * @param name       the column's name
 * @param type       its type as DDL spells it ({@code COLUMN_TYPE}), e.g. {@code varchar(255)}
 * @param collation  its collation where it differs from its table's default, so that a copy keeps comparing as it
 *                   does, e.g. {@code utf8mb4_bin}; else null
 * @param generation the expression of a generated column, as MariaDB prints it, e.g.
 *                   {@code if(`deleted_at` is null,`email`,NULL)}; null for a column that is not generated
 */
public record CatalogColumn(TableName table, String name, String type, String collation, String generation) {

    /** Whether MariaDB reads the column as a boolean: {@code BOOLEAN} is {@code TINYINT(1)}, and the driver says so. */
    public boolean booleanType() {
        return type.equalsIgnoreCase("tinyint(1)");
    }
}
