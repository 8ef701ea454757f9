package io.github.softdelete.codegen.internal;

import java.util.List;

import io.github.softdelete.OnDelete;

/**
 * A foreign key as PostgreSQL's catalog describes it, with the ON DELETE rule that jOOQ 3.19's meta
 * model does not carry.
 *
 * @param name    the constraint's name
 * @param child   the referencing table
 * @param columns its referencing columns, in key order
 * @param parent  the referenced table
 * @param rule    {@code pg_constraint.confdeltype}, as a rule
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

    /** The rule as SQL spells it, e.g. {@code SET NULL}. */
    String ruleSql() {
        return rule.name().replace('_', ' ');
    }

    @Override
    public String toString() {
        return name + " (" + child.table() + "." + String.join(", ", columns) + " -> " + parent.table() + ")";
    }
}
