package io.github.softdelete.internal.purge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record4;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import io.github.softdelete.internal.jooq.Engine;

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

    // MariaDB: a foreign key's columns are the KEY_COLUMN_USAGE rows that name a referenced table, one per column
    // with its ORDINAL_POSITION in the key; a schema is a database, and DATABASE() the current one.
    private static final Table<?> KEY_COLUMN_USAGE = DSL.table(DSL.name("information_schema", "KEY_COLUMN_USAGE"));

    private UndeclaredKeys() {
    }

    /** Throws, naming every key the policy does not know, when some table of the purge has one. */
    static void refuseAny(DSLContext plain, TableRegistry registry, List<PolicyTable> tables) {
        for (PolicyTable table : tables) {
            List<String> unknown = new ArrayList<>();
            // The schema the statements name, after the context's RenderMapping (generated classes of another database)
            String schema = table.table().getSchema() == null ? null : plain.map(table.table().getSchema()).getName();
            for (Key key : referencingKeys(plain, table.table().getName(), schema))
                if (!known(plain, registry, table, key))
                    unknown.add(key.constraint() + " on \"" + key.schema() + "\".\"" + key.table() + "\" (" + key.columns() + ")");
            if (!unknown.isEmpty())
                throw new IllegalArgumentException("cannot purge " + table.quotedName() + ": the database has foreign keys"
                    + " into it that the policy does not know: " + String.join(", ", unknown) + ". The purge cannot keep"
                    + " the rows those keys protect, and the database would cascade, set null or refuse on its own. Declare"
                    + " each key with SoftDeletePolicy.builder().relation(...) (or build the policy over the schema that"
                    + " holds it), or leave the table out with Purge.tables(...)");
        }
    }

    /** A foreign key into a purged table: its table's schema, its table, its name, its columns joined by commas in key order. */
    private record Key(String schema, String table, String constraint, String columns) {
    }

    private static List<Key> referencingKeys(DSLContext plain, String table, String schema) {
        List<Key> keys = new ArrayList<>();
        if (Engine.of(plain.configuration()) != Engine.MARIADB) {
            for (Record key : plain.fetch(REFERENCING_KEYS, table, schema))
                keys.add(new Key(key.get(0, String.class), key.get(1, String.class), key.get(2, String.class), key.get(3, String.class)));
            return keys;
        }
        // One row per column, joined here: jOOQ renders MariaDB's GROUP_CONCAT between two SET statements of
        // group_concat_max_len, which a connection without allowMultiQueries refuses.
        Field<String> childSchema = DSL.field(DSL.name("TABLE_SCHEMA"), SQLDataType.VARCHAR);
        Field<String> childTable = DSL.field(DSL.name("TABLE_NAME"), SQLDataType.VARCHAR);
        Field<String> constraint = DSL.field(DSL.name("CONSTRAINT_NAME"), SQLDataType.VARCHAR);
        Field<String> column = DSL.field(DSL.name("COLUMN_NAME"), SQLDataType.VARCHAR);
        Map<List<String>, StringJoiner> columns = new LinkedHashMap<>();
        for (Record4<String, String, String, String> row : plain.select(childSchema, childTable, constraint, column)
                .from(KEY_COLUMN_USAGE)
                .where(DSL.field(DSL.name("REFERENCED_TABLE_NAME"), SQLDataType.VARCHAR).eq(table))
                .and(DSL.field(DSL.name("REFERENCED_TABLE_SCHEMA"), SQLDataType.VARCHAR)
                    .eq(schema == null ? DSL.currentSchema() : DSL.val(schema)))
                .orderBy(childSchema, childTable, constraint, DSL.field(DSL.name("ORDINAL_POSITION")))
                .fetch())
            columns.computeIfAbsent(List.of(row.value1(), row.value2(), row.value3()), k -> new StringJoiner(",")).add(row.value4());
        columns.forEach((key, names) -> keys.add(new Key(key.get(0), key.get(1), key.get(2), names.toString())));
        return keys;
    }

    private static boolean known(DSLContext plain, TableRegistry registry, PolicyTable parent, Key key) {
        for (Relation relation : registry.relations())
            if (relation.parent().equals(parent) && sameTable(plain, relation.child(), key.schema(), key.table())
                    && (key.constraint().equals(relation.name()) || key.columns().equals(names(relation))))
                return true;
        return false;
    }

    private static boolean sameTable(DSLContext plain, org.jooq.Table<?> table, String schema, String name) {
        return name.equals(table.getName()) && (table.getSchema() == null || schema.equals(plain.map(table.getSchema()).getName()));
    }

    private static String names(Relation relation) {
        List<String> names = new ArrayList<>();
        relation.childColumns().forEach(column -> names.add(column.getName()));
        return String.join(",", names);
    }
}
