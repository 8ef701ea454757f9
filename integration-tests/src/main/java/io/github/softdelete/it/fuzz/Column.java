package io.github.softdelete.it.fuzz;

import org.jooq.Field;

/**
 * An expression a generated query can use where it is built: a column qualified as the query needs it,
 * or an output of a subquery, with the domain of its values.
 *
 * @param field    the expression
 * @param domain   what values it holds
 * @param nullable whether it can be NULL (null-extended columns count as nullable)
 */
record Column(Field<?> field, Domain domain, boolean nullable) {

    Kind kind() {
        return domain.kind;
    }

    Column asNullable() {
        return nullable ? this : new Column(field, domain, true);
    }
}
