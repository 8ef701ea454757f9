package io.github.softdelete.codegen.internal;

import java.util.List;

import io.github.softdelete.OnDelete;

/**
 * A foreign key as the database's catalog describes it, with the ON DELETE rule that jOOQ 3.19's meta
 * model does not carry.
 *
 * @param name    the constraint's name
 * @param child   the referencing table
 * @param columns its referencing columns, in key order
 * @param parent  the referenced table
 * @param rule    {@code pg_constraint.confdeltype} or MariaDB's {@code REFERENTIAL_CONSTRAINTS.DELETE_RULE}, as a rule
 */
public record CatalogForeignKey(String name, TableName child, List<String> columns, TableName parent, OnDelete rule) {

    public CatalogForeignKey {
        columns = List.copyOf(columns);
    }

    /** {@code confdeltype}: a = no action, r = restrict, c = cascade, n = set null, d = set default. */
    static OnDelete rule(String confdeltype) {
        return switch (confdeltype) {
            case "a" -> OnDelete.NO_ACTION;
            case "r" -> OnDelete.RESTRICT;
            case "c" -> OnDelete.CASCADE;
            case "n" -> OnDelete.SET_NULL;
            case "d" -> OnDelete.SET_DEFAULT;
            default -> throw new IllegalStateException("pg_constraint.confdeltype \"" + confdeltype + "\" is not one"
                + " of a, r, c, n, d; this PostgreSQL version is newer than softdelete-codegen knows: please report it");
        };
    }

    /**
     * {@code REFERENTIAL_CONSTRAINTS.DELETE_RULE} as MariaDB writes it: {@code CASCADE}, {@code RESTRICT},
     * {@code SET NULL}, {@code NO ACTION}. MariaDB stores {@code ON DELETE SET DEFAULT} as {@code RESTRICT}, which is
     * also what InnoDB then does, so the catalog's rule is the one a soft delete must follow, as
     * {@code SoftDeletePolicy.fromDatabase} reads it.
     */
    static OnDelete mariaDbRule(String deleteRule) {
        return switch (deleteRule) {
            case "CASCADE" -> OnDelete.CASCADE;
            case "RESTRICT" -> OnDelete.RESTRICT;
            case "SET NULL" -> OnDelete.SET_NULL;
            case "SET DEFAULT" -> OnDelete.SET_DEFAULT;
            case "NO ACTION" -> OnDelete.NO_ACTION;
            default -> throw new IllegalStateException("REFERENTIAL_CONSTRAINTS.DELETE_RULE \"" + deleteRule + "\" is not"
                + " one of CASCADE, RESTRICT, SET NULL, SET DEFAULT, NO ACTION; this MariaDB version is newer than"
                + " softdelete-codegen knows: please report it");
        };
    }

    /** The rule as SQL spells it, e.g. {@code SET NULL}. */
    String ruleSql() {
        return rule.name().replace('_', ' ');
    }

    @Override
    public String toString() {
        return name + " (" + child.table() + "." + String.join(", ", columns) + " -> " + parent.table() + ")";
    }
}
