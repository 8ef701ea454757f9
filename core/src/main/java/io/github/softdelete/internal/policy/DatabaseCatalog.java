package io.github.softdelete.internal.policy;

import java.util.HashMap;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Meta;
import org.jooq.Record3;
import org.jooq.Schema;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import io.github.softdelete.OnDelete;

/**
 * What a policy learns from a live PostgreSQL catalog: the tables of a schema with their columns and
 * keys, and the {@code ON DELETE} rule of every foreign key, which jOOQ 3.19's metadata lacks.
 *
 * <p>Everything is read once, when the policy is built, into memory ({@link Meta#snapshot()}): the
 * policy must never run catalog queries while it rewrites a statement, nor depend on a connection.
 * The queries are built with the DSL, never plain SQL, so they also run on a context where strict
 * plain SQL is on.
 */
public final class DatabaseCatalog {

    private static final Table<?> CONSTRAINT = DSL.table(DSL.name("pg_catalog", "pg_constraint")).as("con");
    private static final Table<?> CLASS = DSL.table(DSL.name("pg_catalog", "pg_class")).as("cl");
    private static final Table<?> NAMESPACE = DSL.table(DSL.name("pg_catalog", "pg_namespace")).as("ns");

    private DatabaseCatalog() {
    }

    /**
     * The tables of {@code schema} as an in-memory snapshot.
     *
     * @throws IllegalArgumentException when the schema does not exist or has no tables
     */
    public static Schema schema(DSLContext ctx, String schema) {
        Meta meta = ctx.meta().filterSchemas(s -> schema.equals(s.getName())).snapshot();
        for (Schema s : meta.getSchemas())
            if (schema.equals(s.getName()) && !s.getTables().isEmpty())
                return s;
        throw new IllegalArgumentException("schema \"" + schema + "\" has no tables in the database that the context"
            + " connects to; check the schema's name (case matters) and the connection");
    }

    /** The {@code ON DELETE} rule of every foreign key declared on a table of {@code schema}, by {@link Relations#catalogKey}. */
    public static Map<String, OnDelete> deleteRules(DSLContext ctx, String schema) {
        Field<String> table = DSL.field(DSL.name("cl", "relname"), SQLDataType.VARCHAR);
        Field<String> constraint = DSL.field(DSL.name("con", "conname"), SQLDataType.VARCHAR);
        // confdeltype is PostgreSQL's "char" type; cast it to text so that JDBC reads it as a string.
        Field<String> rule = DSL.field(DSL.name("con", "confdeltype"), SQLDataType.CHAR).cast(SQLDataType.VARCHAR);
        Map<String, OnDelete> rules = new HashMap<>();
        for (Record3<String, String, String> key : ctx.select(table, constraint, rule).from(CONSTRAINT)
                .join(CLASS).on(DSL.field(DSL.name("cl", "oid")).eq(DSL.field(DSL.name("con", "conrelid"))))
                .join(NAMESPACE).on(DSL.field(DSL.name("ns", "oid")).eq(DSL.field(DSL.name("cl", "relnamespace"))))
                .where(DSL.field(DSL.name("con", "contype"), SQLDataType.CHAR).cast(SQLDataType.VARCHAR).eq(DSL.inline("f")))
                .and(DSL.field(DSL.name("ns", "nspname"), SQLDataType.VARCHAR).eq(DSL.inline(schema)))
                .fetch())
            rules.put(Relations.catalogKey(schema, key.value1(), key.value2()), rule(key.value3()));
        return rules;
    }

    // pg_constraint.confdeltype, as documented for PostgreSQL's system catalogs.
    private static OnDelete rule(String code) {
        return switch (code) {
            case "c" -> OnDelete.CASCADE;
            case "r" -> OnDelete.RESTRICT;
            case "n" -> OnDelete.SET_NULL;
            case "d" -> OnDelete.SET_DEFAULT;
            default -> OnDelete.NO_ACTION; // "a"
        };
    }
}
