package io.github.softdelete.internal.purge;

import java.util.ArrayList;
import java.util.List;

import org.jooq.DSLContext;
import org.jooq.Record;

import io.github.softdelete.internal.policy.PolicyTable;
import io.github.softdelete.internal.policy.Relation;
import io.github.softdelete.internal.policy.TableRegistry;

/**
 * The foreign keys that reference a table of a purge but that the policy does not know, read from the
 * database's catalog before anything is written.
 *
 * <p>A purge keeps a candidate while a row that must stay references it; it can only do that for the
 * keys the policy knows. A key it does not know (typically from a table in another schema, which
 * neither the code generator's schema nor {@code SoftDeletePolicy.fromDatabase(ctx, schema)} includes)
 * would let the database's own {@code ON DELETE CASCADE} remove live rows, or {@code SET NULL} change
 * them uncounted, or {@code RESTRICT} fail a batch half-way. So the purge refuses to start instead.
 *
 * <p>A key counts as known when the policy holds a relation from a table of the same name (and schema,
 * when the policy's table has one) into the purged table, with the same constraint name or the same
 * referencing columns: manual relations may carry a name of their own.
 */
final class UndeclaredKeys {

    // pg_constraint as documented for PostgreSQL's system catalogs; conkey lists the referencing
    // columns in key order. The query carries bind values only, and runs on the unfiltered context.
    private static final String REFERENCING_KEYS = """
        SELECT cn.nspname, c.relname, con.conname,
               (SELECT string_agg(a.attname, ',' ORDER BY k.ord)
                  FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
                  JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum)
          FROM pg_catalog.pg_constraint con
          JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
          JOIN pg_catalog.pg_namespace cn ON cn.oid = c.relnamespace
          JOIN pg_catalog.pg_class p ON p.oid = con.confrelid
          JOIN pg_catalog.pg_namespace pn ON pn.oid = p.relnamespace
         WHERE con.contype = 'f' AND p.relname = ? AND pn.nspname = coalesce(?, current_schema())
         ORDER BY cn.nspname, c.relname, con.conname""";

    private UndeclaredKeys() {
    }

    /** Throws, naming every key the policy does not know, when some table of the purge has one. */
    static void refuseAny(DSLContext plain, TableRegistry registry, List<PolicyTable> tables) {
        for (PolicyTable table : tables) {
            List<String> unknown = new ArrayList<>();
            String schema = table.table().getSchema() == null ? null : table.table().getSchema().getName();
            for (Record key : plain.fetch(REFERENCING_KEYS, table.table().getName(), schema))
                if (!known(registry, table, key.get(0, String.class), key.get(1, String.class), key.get(2, String.class),
                        key.get(3, String.class)))
                    unknown.add(key.get(2, String.class) + " on \"" + key.get(0, String.class) + "\".\"" + key.get(1, String.class)
                        + "\" (" + key.get(3, String.class) + ")");
            if (!unknown.isEmpty())
                throw new IllegalArgumentException("cannot purge " + table.quotedName() + ": the database has foreign keys"
                    + " into it that the policy does not know: " + String.join(", ", unknown) + ". The purge cannot keep"
                    + " the rows those keys protect, and the database would cascade, set null or refuse on its own. Declare"
                    + " each key with SoftDeletePolicy.builder().relation(...) (or build the policy over the schema that"
                    + " holds it), or leave the table out with Purge.tables(...)");
        }
    }

    private static boolean known(TableRegistry registry, PolicyTable parent, String childSchema, String childTable,
                                 String constraint, String columns) {
        for (Relation relation : registry.relations())
            if (relation.parent().equals(parent) && sameTable(relation.child(), childSchema, childTable)
                    && (constraint.equals(relation.name()) || columns.equals(names(relation))))
                return true;
        return false;
    }

    private static boolean sameTable(org.jooq.Table<?> table, String schema, String name) {
        return name.equals(table.getName()) && (table.getSchema() == null || schema.equals(table.getSchema().getName()));
    }

    private static String names(Relation relation) {
        List<String> names = new ArrayList<>();
        relation.childColumns().forEach(column -> names.add(column.getName()));
        return String.join(",", names);
    }
}
