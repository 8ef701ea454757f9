package io.github.softdelete.codegen;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.jooq.DSLContext;
import org.jooq.Table;

import io.github.softdelete.SoftDeletePolicy;
import io.github.softdelete.codegen.internal.Catalog;
import io.github.softdelete.codegen.internal.LintMarker;
import io.github.softdelete.codegen.internal.TableName;

/**
 * The code generator's schema lint, run against a live PostgreSQL or MariaDB database for a policy: unique constraints
 * that also count deleted rows, foreign keys no index serves, ON DELETE CASCADE across the soft-delete
 * boundary and views that read soft-deletable tables without filtering deleted rows, each finding with the
 * DDL that fixes it. It is the same code the generator runs, so the findings read as in a code generation
 * log; only the look-alike markers ({@link LintFinding.Kind#MARKER_LOOK_ALIKE}) are the generator's alone.
 * The DDL is the database's own: on MariaDB, which has no partial index, a unique key among live rows is a
 * generated column that is NULL on deleted rows under a {@code UNIQUE} key, and its tables are named unqualified
 * when they are in the connection's current database.
 *
 * <p>Soft-deletable means: a table the policy registers, with the marker it registers it with. The lint
 * reads the catalog of those tables' schemas.
 *
 * <p>Thread-safe: holds no state. Each call reads the catalog anew.
 */
public final class SchemaLint {

    private SchemaLint() {
    }

    /**
     * Reads the database's catalog for the policy's schemas and checks it: PostgreSQL's, or MariaDB's
     * ({@code information_schema}) when the context's dialect is MariaDB's.
     *
     * @param ctx           a context on the PostgreSQL or MariaDB database, without the soft-delete listener or with
     *                      it (the catalog queries touch no table of the policy)
     * @param policy        the soft-deletable tables and their markers
     * @param defaultSchema the schema of the policy's tables that have none, e.g. {@code public}, on MariaDB their
     *                      database; may be null when every table has one
     * @return the findings, sorted by rule, table and constraint so that the output reads the same on every
     *         run; empty when the schema is clean
     * @throws NullPointerException      when {@code ctx} or {@code policy} is null
     * @throws IllegalArgumentException  when a table of the policy has no schema and {@code defaultSchema} is null
     * @throws org.jooq.exception.DataAccessException when the catalog queries fail, e.g. on a database that is
     *                                   neither PostgreSQL nor MariaDB
     */
    public static List<LintFinding> check(DSLContext ctx, SoftDeletePolicy policy, String defaultSchema) {
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(policy, "policy");
        Map<TableName, LintMarker> markers = new TreeMap<>();
        for (Table<?> table : policy.tables())
            markers.put(new TableName(schema(table, defaultSchema), table.getName()),
                LintMarker.of(policy.marker(table).orElseThrow()));
        List<String> schemas = markers.keySet().stream().map(TableName::schema).distinct().toList();
        return io.github.softdelete.codegen.internal.SchemaLint.check(Catalog.read(ctx, schemas), markers).stream()
            .map(LintFinding::of).toList();
    }

    private static String schema(Table<?> table, String defaultSchema) {
        if (table.getSchema() != null)
            return table.getSchema().getName();
        if (defaultSchema == null)
            throw new IllegalArgumentException("table " + table.getName() + " of the policy has no schema, and"
                + " defaultSchema is null: pass the schema that holds it, e.g. \"public\"");
        return defaultSchema;
    }
}
