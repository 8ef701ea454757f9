package io.github.softdelete.internal.purge;

import java.util.ArrayList;
import java.util.List;

import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Table;
import org.jooq.impl.DSL;

import io.github.softdelete.internal.policy.PolicyTable;
import io.github.softdelete.internal.policy.Relation;

/**
 * One table of a purge, and the foreign keys that reference it, sorted by what a hard delete of its
 * rows would do to the referencing rows.
 *
 * @param table    the policy entry
 * @param key      the primary key's column names, the order batches page in
 * @param keyTypes the primary key's column types
 * @param blocking CASCADE, RESTRICT and NO ACTION keys from other tables: a referencing row that stays
 *                 keeps the candidate, except rows of tables without a marker over CASCADE
 * @param self     CASCADE, RESTRICT and NO ACTION keys from the table to itself
 * @param cascaded CASCADE keys from tables without a marker: the database deletes those rows, the report counts them
 * @param setNull  SET NULL and SET DEFAULT keys: the database rewrites those rows, the report counts them
 */
record PurgeTarget(PolicyTable table, List<String> key, List<DataType<?>> keyTypes, List<Relation> blocking,
                   List<Relation> self, List<Relation> cascaded, List<Relation> setNull) {

    PurgeTarget {
        key = List.copyOf(key);
        keyTypes = List.copyOf(keyTypes);
        blocking = List.copyOf(blocking);
        self = List.copyOf(self);
        cascaded = List.copyOf(cascaded);
        setNull = List.copyOf(setNull);
    }

    String name() {
        return table.name();
    }

    /** The table, by its qualified name, as the purge's statements write it. */
    Table<?> reference() {
        return DSL.table(table.table().getQualifiedName());
    }

    /** The table under an alias, for subqueries that must not capture the outer reference. */
    Table<?> reference(String alias) {
        return reference().as(alias);
    }

    Name qualifier() {
        return table.table().getQualifiedName();
    }

    /** The primary key's columns, qualified by {@code qualifier}. */
    List<Field<?>> keyOn(Name qualifier) {
        List<Field<?>> fields = new ArrayList<>(key.size());
        for (int i = 0; i < key.size(); i++)
            fields.add(DSL.field(qualifier.append(key.get(i)), keyTypes.get(i)));
        return fields;
    }

    /** Every relation that references the table, self-references included, in reporting order. */
    List<Relation> allBlocking() {
        List<Relation> all = new ArrayList<>(blocking);
        all.addAll(self);
        return all;
    }
}
