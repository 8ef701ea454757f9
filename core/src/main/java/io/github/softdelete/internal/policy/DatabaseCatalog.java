package io.github.softdelete.internal.policy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.ExecuteListenerProvider;
import org.jooq.Field;
import org.jooq.Meta;
import org.jooq.Record3;
import org.jooq.Schema;
import org.jooq.Table;
import org.jooq.VisitListenerProvider;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import io.github.softdelete.OnDelete;
import io.github.softdelete.internal.jooq.Engine;

/**
 * What a policy learns from a live catalog: the tables of a schema with their columns and keys, and the
 * {@code ON DELETE} rule of every foreign key, which jOOQ 3.19's metadata lacks on every engine.
 *
 * <p>On PostgreSQL a schema is a schema, and the rules come from {@code pg_constraint}. On MariaDB a schema is a
 * database ({@code DSLContext.meta()} lists the databases as schemas), and the rules come from
 * {@code information_schema.REFERENTIAL_CONSTRAINTS}. Which one is the context's dialect's ({@link Engine}).
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
    private static final Table<?> REFERENTIAL_CONSTRAINTS = DSL.table(DSL.name("information_schema", "REFERENTIAL_CONSTRAINTS"));

    private DatabaseCatalog() {
    }

    /**
     * The tables of {@code schema} (on MariaDB: of the database {@code schema}) as an in-memory snapshot.
     *
     * @throws IllegalArgumentException when the schema does not exist or has no tables
     */
    public static Schema schema(DSLContext ctx, String schema) {
        boolean mariaDb = Engine.of(ctx.configuration()) == Engine.MARIADB;
        Meta meta = tables(ctx, schema);
        for (Schema s : meta.getSchemas())
            if (schema.equals(s.getName()) && !s.getTables().isEmpty())
                return s;
        if (mariaDb ? MariaDbTables.exists(catalogContext(ctx), schema) : meta.getSchemas().stream().anyMatch(s -> schema.equals(s.getName())))
            throw new IllegalArgumentException(kind(ctx) + " \"" + schema + "\" has no tables in the " + server(ctx)
                + " that the context connects to; create its tables first, or name the " + kind(ctx) + " that holds them");
        throw new IllegalArgumentException(kind(ctx) + " \"" + schema + "\" does not exist in the " + server(ctx)
            + " that the context connects to" + hint(ctx, schema) + "; check the " + kind(ctx) + "'s name (case matters)"
            + " and the connection");
    }

    /**
     * The tables of {@code schema} with their keys, as jOOQ metadata; no schema when it does not exist. On MariaDB read
     * by {@link MariaDbTables}, since jOOQ 3.21's {@code meta()} fails on MariaDB 10.11 (its class comment says why).
     */
    private static Meta tables(DSLContext ctx, String schema) {
        return Engine.of(ctx.configuration()) == Engine.MARIADB ? MariaDbTables.meta(catalogContext(ctx), schema)
            : catalogContext(ctx).meta().filterSchemas(s -> schema.equals(s.getName())).snapshot();
    }

    /** The table {@code name} of {@code schema} with its keys, as jOOQ metadata, or null when there is none. */
    public static Table<?> table(DSLContext ctx, String schema, String name) {
        Meta meta = Engine.of(ctx.configuration()) == Engine.MARIADB ? MariaDbTables.meta(catalogContext(ctx), schema)
            // filtered, not a snapshot: jOOQ's meta reads the columns and keys of the tables it is asked for only
            : catalogContext(ctx).meta().filterSchemas(s -> schema.equals(s.getName())).filterTables(t -> name.equals(t.getName()));
        for (Table<?> table : meta.getTables())
            if (name.equals(table.getName()) && schema.equals(table.getSchema().getName()))
                return table;
        return null;
    }

    /**
     * The schemas that {@code ctx}'s RenderMapping renders as {@code schema}, each mapped to it: code that names its
     * tables under them (classes generated from another database) means {@code schema}'s tables. Only the mapping's
     * plain names count; a schema matched by a regular expression ({@code inputExpression}) is not known here.
     */
    public static Map<String, String> schemasMappedTo(DSLContext ctx, String schema) {
        Map<String, String> aliases = new HashMap<>();
        RenderMapping mapping = ctx.settings().getRenderMapping();
        if (mapping != null)
            for (MappedSchema mapped : mapping.getSchemata())
                if (mapped.getInput() != null && schema.equals(mapped.getOutput()) && !schema.equals(mapped.getInput()))
                    aliases.put(mapped.getInput(), schema);
        return aliases;
    }

    /** The {@code ON DELETE} rule of every foreign key declared on a table of {@code schema}, by {@link Relations#catalogKey}. */
    public static Map<String, OnDelete> deleteRules(DSLContext ctx, String schema) {
        return Engine.of(ctx.configuration()) == Engine.MARIADB ? mariaDbRules(ctx, schema) : postgresRules(ctx, schema);
    }

    /**
     * {@code ctx} without its listeners, for catalog queries: the library's execute listeners refuse a configuration
     * without its visit listener, and a catalog query is none of the policy's business.
     */
    public static DSLContext catalogContext(DSLContext ctx) {
        return DSL.using(ctx.configuration().derive(new VisitListenerProvider[0]).derive(new ExecuteListenerProvider[0]));
    }

    private static Map<String, OnDelete> postgresRules(DSLContext ctx, String schema) {
        Field<String> table = DSL.field(DSL.name("cl", "relname"), SQLDataType.VARCHAR);
        Field<String> constraint = DSL.field(DSL.name("con", "conname"), SQLDataType.VARCHAR);
        // confdeltype is PostgreSQL's "char" type; cast it to text so that JDBC reads it as a string.
        Field<String> rule = DSL.field(DSL.name("con", "confdeltype"), SQLDataType.CHAR).cast(SQLDataType.VARCHAR);
        Map<String, OnDelete> rules = new HashMap<>();
        for (Record3<String, String, String> key : catalogContext(ctx).select(table, constraint, rule).from(CONSTRAINT)
                .join(CLASS).on(DSL.field(DSL.name("cl", "oid")).eq(DSL.field(DSL.name("con", "conrelid"))))
                .join(NAMESPACE).on(DSL.field(DSL.name("ns", "oid")).eq(DSL.field(DSL.name("cl", "relnamespace"))))
                .where(DSL.field(DSL.name("con", "contype"), SQLDataType.CHAR).cast(SQLDataType.VARCHAR).eq(DSL.inline("f")))
                .and(DSL.field(DSL.name("ns", "nspname"), SQLDataType.VARCHAR).eq(DSL.inline(schema)))
                .fetch())
            rules.put(Relations.catalogKey(schema, key.value1(), key.value2()), postgresRule(key.value3()));
        return rules;
    }

    // pg_constraint.confdeltype, as documented for PostgreSQL's system catalogs.
    private static OnDelete postgresRule(String code) {
        return switch (code) {
            case "c" -> OnDelete.CASCADE;
            case "r" -> OnDelete.RESTRICT;
            case "n" -> OnDelete.SET_NULL;
            case "d" -> OnDelete.SET_DEFAULT;
            default -> OnDelete.NO_ACTION; // "a"
        };
    }

    private static Map<String, OnDelete> mariaDbRules(DSLContext ctx, String schema) {
        Field<String> table = DSL.field(DSL.name("TABLE_NAME"), SQLDataType.VARCHAR);
        Field<String> constraint = DSL.field(DSL.name("CONSTRAINT_NAME"), SQLDataType.VARCHAR);
        Field<String> rule = DSL.field(DSL.name("DELETE_RULE"), SQLDataType.VARCHAR);
        Map<String, OnDelete> rules = new HashMap<>();
        for (Record3<String, String, String> key : catalogContext(ctx).select(table, constraint, rule).from(REFERENTIAL_CONSTRAINTS)
                .where(DSL.field(DSL.name("CONSTRAINT_SCHEMA"), SQLDataType.VARCHAR).eq(DSL.inline(schema)))
                .fetch())
            rules.put(Relations.catalogKey(schema, key.value1(), key.value2()), mariaDbRule(key.value3()));
        return rules;
    }

    /**
     * {@code REFERENTIAL_CONSTRAINTS.DELETE_RULE} as MariaDB 10.11 writes it. MariaDB accepts {@code ON DELETE SET
     * DEFAULT} and silently stores it as {@code RESTRICT} (docs/mariadb-facts.md), which is also what InnoDB then
     * does, so the catalog's RESTRICT is the rule a soft delete must follow; SET DEFAULT is mapped for a server that
     * keeps it. A value this library does not know is NO ACTION, which refuses rather than guesses, as on PostgreSQL.
     */
    static OnDelete mariaDbRule(String rule) {
        return switch (rule) {
            case "CASCADE" -> OnDelete.CASCADE;
            case "RESTRICT" -> OnDelete.RESTRICT;
            case "SET NULL" -> OnDelete.SET_NULL;
            case "SET DEFAULT" -> OnDelete.SET_DEFAULT;
            default -> OnDelete.NO_ACTION; // "NO ACTION"
        };
    }

    // A MariaDB schema is a database; messages say so, so that a PostgreSQL habit ("public") shows at once.
    private static String kind(DSLContext ctx) {
        return Engine.of(ctx.configuration()) == Engine.MARIADB ? "database" : "schema";
    }

    private static String server(DSLContext ctx) {
        return Engine.of(ctx.configuration()) == Engine.MARIADB ? "MariaDB server" : "database";
    }

    // What the connection has instead: a name that differs only in case, else the connection's current schema
    // (database), read with DSL.currentSchema() (current_schema() on PostgreSQL, database() on MariaDB).
    private static String hint(DSLContext ctx, String schema) {
        List<String> names = catalogContext(ctx).meta().getSchemas().stream().map(Schema::getName).toList();
        for (String name : names)
            if (name.equalsIgnoreCase(schema))
                return " (there is a " + kind(ctx) + " \"" + name + "\")";
        String current = catalogContext(ctx).select(DSL.currentSchema()).fetchOne().value1();
        return current == null || current.isEmpty() ? "" : " (its current " + kind(ctx) + " is \"" + current + "\")";
    }
}
