package io.github.softdelete.it.fuzz.schemas;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.SQLDialect;
import org.jooq.Schema;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.postgresql.util.PSQLException;

import io.github.softdelete.Marker;
import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.SoftDeletePolicy;
import io.github.softdelete.it.fuzz.schemas.RandomSchema.TableSpec;
import io.github.softdelete.it.fuzz.Engine;
import io.github.softdelete.it.harness.MariaDbServer;
import io.github.softdelete.it.harness.MariaDbServers;
import io.github.softdelete.it.harness.PostgresServer;
import io.github.softdelete.it.harness.PostgresServers;
import io.github.softdelete.it.harness.TestDatabase;

/**
 * Runs random schemas: for each, three copies in their own PostgreSQL schemas of one database, the
 * full data ({@code fzN}, under test through a policy built from its catalog), the live rows only
 * ({@code fzN_live}, the oracle for live reads and for statements, whose DELETEs the database's own
 * foreign keys apply) and the deleted rows only ({@code fzN_del}, the oracle for {@code onlyDeleted}).
 * Reads must return the same rows; statements must leave the same live rows ({@link LiveState}) and
 * report the same count, or be refused on both sides.
 *
 * <p>On MariaDB each copy is a database ({@code <run's database>_fzN}, ...), and the statement oracle deletes the rows
 * a DELETE's condition matches by key ({@link RandomQueries#deletedKeys}); a DELETE ... RETURNING the library refuses
 * there is counted as an accepted refusal.
 *
 * <p>Not thread-safe: one run at a time.
 */
public final class RandomSchemaFuzz {

    /** What a run found. */
    public static final class Report {
        public int schemas;
        public int reads;
        public int statements;
        public int refused;
        public int invalid;
        public int boundary;
        public int restrictWithinCascade;
        /** Delete-then-restore cases ({@link RestoreRoundTrip}). */
        public int restores;
        public int roundTrips;
        public int deleteRefused;
        public int restoreRefused;
        public int restoreMismatches;
        /** Restores that left taken rows deleted under another parent deleted before (documented). */
        public int restoreOtherParentDeleted;
        /** MariaDB only: statements the library refused as documented (DELETE ... RETURNING), by kind. */
        public final Map<String, Integer> accepted = new java.util.TreeMap<>();
        public final List<String> mismatches = new ArrayList<>();

        @Override
        public String toString() {
            return schemas + " schemas, " + reads + " reads, " + statements + " statements (" + refused + " refused alike, "
                + boundary + " documented soft/hard boundary differences, " + restrictWithinCascade
                + " RESTRICT keys PostgreSQL checked before its own cascade took the child, " + invalid + " invalid on both sides), "
                + restores + " delete-then-restore cases (" + roundTrips + " exact round trips, " + deleteRefused + " deletes refused, "
                + restoreRefused + " restores refused, " + restoreOtherParentDeleted
                + " documented partial restores (a taken row's other parent deleted before), " + restoreMismatches + " mismatches), "
                + (accepted.isEmpty() ? "" : "accepted refusals " + accepted + ", ") + mismatches.size() + " mismatches" + (mismatches.isEmpty() ? "" : ":\n" + String.join("\n", mismatches));
        }
    }

    private final Engine engine;
    private final Connection full;
    private final Connection live;
    private final DSLContext plain;
    private final DSLContext oracle;

    private RandomSchemaFuzz(Engine engine, Connection full, Connection live) {
        this.engine = engine;
        this.full = full;
        this.live = live;
        this.plain = DSL.using(full, engine.dialect());
        this.oracle = DSL.using(live, engine.dialect());
    }

    /**
     * Runs {@code schemas} random schemas from {@code seed}, each with {@code reads} reads and
     * {@code statements} statements.
     */
    public static Report run(PostgresServer server, long seed, int schemas, int reads, int statements) {
        return run(server, seed, schemas, reads, statements, 0);
    }

    /**
     * Like {@link #run(PostgresServer, long, int, int, int)}, with {@code restores} delete-then-restore
     * round trips per schema ({@link RestoreRoundTrip}).
     */
    public static Report run(PostgresServer server, long seed, int schemas, int reads, int statements, int restores) {
        try (TestDatabase database = server.createMigratedDatabase("random_schemas")) {
            return run(database, "", seed, schemas, reads, statements, restores);
        }
    }

    /**
     * Like {@link #run(PostgresServer, long, int, int, int, int)} on MariaDB, where each copy of a schema is a database
     * of its own, named after the run's database ({@code softdelete_random_schemas_..._fzN}, {@code ..._fzN_live},
     * {@code ..._fzN_del}), and dropped after it.
     */
    public static Report run(MariaDbServer server, long seed, int schemas, int reads, int statements, int restores) {
        try (TestDatabase database = server.createMigratedDatabase("random_schemas")) {
            return run(database, database.name() + "_", seed, schemas, reads, statements, restores);
        }
    }

    private static Report run(TestDatabase database, String prefix, long seed, int schemas, int reads, int statements, int restores) {
        Engine engine = Engine.of(database);
        Report report = new Report();
        long start = System.nanoTime();
        int from = Integer.getInteger("fuzz.schemaFrom", 0);
        List<Integer> indexes = new ArrayList<>();
        for (int i = from; i < from + schemas; i++)
            indexes.add(i);
        String only = System.getProperty("fuzz.schemaList");
        if (only != null && !only.isBlank())
            indexes = java.util.Arrays.stream(only.split(",")).map(String::trim).map(Integer::valueOf).toList();
        for (int n = 0; n < indexes.size(); n++) {
            int i = indexes.get(n);
            // Fresh connections for each schema's policy: on MariaDB the library's key tables (softdelete_keys_<n>) live
            // on the connection, and one that served another policy holds another table's key columns there
            // (FuzzFindingsOnMariaDbTest).
            try (Connection full = database.dataSource().getConnection();
                 Connection live = database.dataSource().getConnection()) {
                for (Connection c : List.of(full, live))
                    engine.limitStatementTime(c);
                new RandomSchemaFuzz(engine, full, live).runSchema(report, prefix + "fz" + i, seed * 1_000_003L + i, reads, statements, restores);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot run random schemas: " + e.getMessage(), e);
            }
            if ((n + 1) % 10 == 0)
                System.out.println("random schemas: " + (n + 1) + " of " + indexes.size() + " after "
                    + (System.nanoTime() - start) / 1_000_000_000 + " s, " + report.mismatches.size() + " mismatches");
        }
        return report;
    }

    private void runSchema(Report report, String name, long seed, int reads, int statements, int restores) {
        Random random = new Random(seed);
        RandomSchema schema = RandomSchema.generate(random);
        RandomRows rows = new RandomRows(schema, random);
        String header = "schema seed " + seed + " (" + name + "):\n" + schema;
        for (String sql : schema.ddl(engine, name, false))
            plain.execute(sql);
        for (String sql : schema.ddl(engine, name + "_live", true))
            plain.execute(sql);
        for (String sql : schema.ddl(engine, name + "_del", false))
            plain.execute(sql);
        rows.insert(plain, name);
        rows.insert(plain, name + "_live");
        rows.insert(plain, name + "_del");
        removeWithoutCascading(schema, name + "_live", true);
        removeWithoutCascading(schema, name + "_del", false);
        DSLContext softDeleting = DSL.using(SoftDelete.install(new DefaultConfiguration().set(full).set(engine.dialect()), policy(schema, name)));
        RandomQueries queries = new RandomQueries(schema, engine);
        for (int i = 0; i < reads; i++)
            read(report, header, queries, softDeleting, name, seed * 31 + i);
        LiveState state = new LiveState(schema, engine);
        for (int i = 0; i < statements; i++)
            statement(report, header, queries, softDeleting, state, name, seed * 37 + i);
        if (restores > 0) {
            RestoreRoundTrip roundTrip = new RestoreRoundTrip(schema, full, plain, softDeleting, catalog(schema, name), name, header);
            for (int i = 0; i < restores; i++)
                roundTrip.run(report, seed * 41 + i);
        }
        if (engine == Engine.MARIADB)
            for (String database : List.of(name, name + "_live", name + "_del"))
                plain.execute("drop database " + database);
        else
            plain.execute("drop schema " + name + ", " + name + "_live, " + name + "_del cascade");
        report.schemas++;
    }

    // The policy under test: each marked table from the catalog snapshot with its marker, the rules from the catalog.
    // On MariaDB the tables come from the schema's own DDL, read by jOOQ's DDL interpreter (as MariaDbTables reads the
    // catalog for fromDatabase; jOOQ's reader of MariaDB's catalog asks 10.11 for a column it lacks), typed as the
    // generated classes of the reference schema are: a DATETIME(6) stamp as OffsetDateTime.
    private Schema catalog(RandomSchema schema, String name) {
        if (engine == Engine.POSTGRES)
            return plain.meta().filterSchemas(s -> s.getName().equals(name)).snapshot().getSchemas(name).get(0);
        List<Query> ddl = new ArrayList<>();
        for (String sql : schema.ddl(Engine.POSTGRES, name, false))
            ddl.addAll(List.of(DSL.using(SQLDialect.POSTGRES).parser().parse(sql).queries()));
        return DSL.using(SQLDialect.MARIADB).meta(ddl.toArray(Query[]::new)).getSchemas(name).get(0);
    }

    private SoftDeletePolicy policy(RandomSchema schema, String name) {
        Schema catalog = catalog(schema, name);
        SoftDeletePolicy.Builder builder = SoftDeletePolicy.builder();
        boolean deletedBy = false;
        for (TableSpec spec : schema.tables) {
            if (!spec.marked())
                continue;
            Table<?> table = catalog.getTable(spec.name());
            Marker marker = switch (spec.kind()) {
                case TIMESTAMP -> Marker.timestamp(table.field(spec.timestamp()));
                case FLAG, NULLABLE_FLAG -> Marker.flag(table.field(spec.flag()));
                default -> Marker.flagAndTimestamp(table.field(spec.flag()), table.field(spec.timestamp()));
            };
            if (spec.deletedBy() != null) {
                marker = marker.deletedBy(table.field(spec.deletedBy()));
                deletedBy = true;
            }
            builder.table(table, marker);
        }
        if (deletedBy)
            builder.actor(() -> "fuzz");
        return builder.rulesFromDatabase(plain, name).build();
    }

    private void read(Report report, String header, RandomQueries queries, DSLContext softDeleting, String name, long seed) {
        int mode = new Random(seed).nextInt(3);
        DSLContext underTest = mode == 0 ? softDeleting : mode == 1 ? SoftDelete.onlyDeleted(softDeleting) : SoftDelete.includeDeleted(softDeleting);
        String oracleSchema = mode == 0 ? name + "_live" : mode == 1 ? name + "_del" : name;
        ResultQuery<?> query = queries.read(underTest, seed, name);
        report.reads++;
        List<String> actual = null;
        List<String> expected = null;
        RuntimeException error = null;
        try {
            actual = sorted(underTest.fetch(query));
        } catch (RuntimeException e) {
            error = e;
        }
        try {
            expected = sorted(plain.fetch(queries.read(plain, seed, oracleSchema)));
        } catch (RuntimeException e) {
            if (error != null) {
                report.invalid++;
                return;
            }
            error = e;
        }
        if (error != null || !actual.equals(expected))
            report.mismatches.add(header + "read seed " + seed + " mode " + List.of("live", "onlyDeleted", "includeDeleted").get(mode)
                + "\n  " + render(underTest, query) + "\n  " + (error != null ? "error: " + error : "through the listener " + actual
                + "\n  oracle " + expected));
    }

    private void statement(Report report, String header, RandomQueries queries, DSLContext softDeleting, LiveState state,
                           String name, long seed) {
        report.statements++;
        try {
            full.setAutoCommit(false);
            live.setAutoCommit(false);
            try {
                compare(report, header, queries, softDeleting, state, name, seed);
            } finally {
                full.rollback();
                live.rollback();
                full.setAutoCommit(true);
                live.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot roll back: " + e.getMessage(), e);
        }
    }

    private void compare(Report report, String header, RandomQueries queries, DSLContext softDeleting, LiveState state,
                         String name, long seed) {
        Query statement = queries.statement(softDeleting, seed, name);
        java.sql.Savepoint before = savepoint();
        List<String> actual = null;
        List<String> expected = null;
        RuntimeException actualError = null;
        RuntimeException expectedError = null;
        try {
            actual = run(softDeleting, statement);
        } catch (RuntimeException e) {
            actualError = e;
        }
        try {
            Map.Entry<Table<?>, ResultQuery<?>> keys = engine == Engine.MARIADB && !(statement instanceof ResultQuery)
                ? queries.deletedKeys(oracle, seed, name + "_live") : null;
            expected = keys != null ? deleteByKeys(keys) : run(oracle, queries.statement(oracle, seed, name + "_live"));
        } catch (RuntimeException e) {
            expectedError = e;
        }
        if (engine == Engine.MARIADB && statement instanceof ResultQuery && actualError instanceof SoftDeleteException refusal
            && refusal.getMessage().contains("with DELETE ... RETURNING on MariaDB")) {
            report.accepted.merge("DELETE ... RETURNING (library)", 1, Integer::sum);
            return;
        }
        String violated = violatedConstraint(expectedError);
        if (actualError instanceof SoftDeleteException && violated != null) {
            report.refused++;
            return;
        }
        // A hard delete that the database cascades into a table without a marker can then hit a
        // RESTRICT or NO ACTION key of that table; a soft delete stops at the marker boundary (the lint
        // reports such keys). Documented, so counted apart, not as a mismatch.
        List<String> violations = actualError == null && violated != null
            ? state.restrictViolations(plain, name, violated, queries.target(seed)) : null;
        if (violations != null) {
            rollback(before);
            // no live child newly left under a parent that is not live (the delete may take some)
            if (state.restrictViolations(plain, name, violated, queries.target(seed)).containsAll(violations)) {
                report.restrictWithinCascade++;
                return;
            }
        }
        if (actualError == null && violated != null && state.beyondBoundary(violated, queries.target(seed))
            || actualError instanceof SoftDeleteException && expectedError == null && state.cascadesAcrossBoundary(queries.target(seed))) {
            report.boundary++;
            return;
        }
        if (actualError != null || expectedError != null) {
            report.mismatches.add(header + "statement seed " + seed + "\n  " + render(softDeleting, statement) + "\n  listener: "
                + (actualError != null ? actualError : actual) + "\n  oracle: " + (expectedError != null ? expectedError : expected));
            return;
        }
        Map<String, List<String>> after = state.read(plain, name, true);
        Map<String, List<String>> oracleAfter = state.read(oracle, name + "_live", false);
        if (!actual.equals(expected) || !after.equals(oracleAfter))
            report.mismatches.add(header + "statement seed " + seed + "\n  " + render(softDeleting, statement)
                + "\n  listener: " + actual + " " + after + "\n  oracle:   " + expected + " " + oracleAfter);
    }

    private java.sql.Savepoint savepoint() {
        try {
            return full.setSavepoint();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void rollback(java.sql.Savepoint savepoint) {
        try {
            full.rollback(savepoint);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * MariaDB's oracle of a DELETE: the rows its condition matches, selected first, deleted by key (the database's
     * foreign keys apply), counted by key; see {@link RandomQueries#deletedKeys}.
     */
    private List<String> deleteByKeys(Map.Entry<Table<?>, ResultQuery<?>> keys) {
        List<Condition> rows = new ArrayList<>();
        for (Record key : oracle.fetch(keys.getValue())) {
            Condition row = DSL.noCondition();
            for (Field<?> field : key.fields())
                row = row.and(DSL.field(DSL.name(field.getName())).eq(DSL.inline(key.get(field))));
            rows.add(row);
        }
        if (!rows.isEmpty())
            oracle.deleteFrom(keys.getKey()).where(DSL.or(rows)).execute();
        return List.of("count " + rows.size());
    }

    private String violatedConstraint(RuntimeException e) {
        if (engine == Engine.MARIADB)
            return engine.isForeignKeyViolation(e) ? Objects.requireNonNullElse(engine.violatedConstraint(e), "?") : null;
        if (!(e instanceof DataAccessException d) || !"23503".equals(d.sqlState()))
            return null;
        PSQLException cause = d.getCause(PSQLException.class);
        return cause == null || cause.getServerErrorMessage() == null ? "?" : cause.getServerErrorMessage().getConstraint();
    }

    private static List<String> run(DSLContext ctx, Query statement) {
        if (statement instanceof ResultQuery<?> returning)
            return sorted(ctx.fetch(returning));
        return List.of("count " + ctx.execute(statement));
    }

    private static List<String> sorted(org.jooq.Result<? extends Record> result) {
        List<String> rows = new ArrayList<>();
        for (Record r : result)
            rows.add(r.intoList().toString());
        rows.sort(null);
        return rows;
    }

    private static String render(DSLContext ctx, Query query) {
        try {
            return ctx.renderInlined(query);
        } catch (RuntimeException e) {
            return "(rendering failed: " + e + ")";
        }
    }

    private void removeWithoutCascading(RandomSchema schema, String name, boolean deletedRows) {
        engine.enforceForeignKeys(plain, false);
        for (TableSpec table : schema.tables)
            if (table.marked())
                plain.execute((engine == Engine.MARIADB ? "delete t from " : "delete from ") + name + "." + table.name() + " t where "
                    + (deletedRows ? "" : "not ") + "coalesce(" + table.deletedSql("t") + ", false)");
        engine.enforceForeignKeys(plain, true);
    }

    /**
     * Runs a long local campaign: {@code RandomSchemaFuzz <seed> <schemas> <reads per schema> <statements per schema>
     * [<restores per schema>]}, on MariaDB with {@code -Dfuzz.engine=mariadb}.
     */
    public static void main(String[] args) {
        long seed = Long.parseLong(args[0]);
        long start = System.nanoTime();
        Report report = "mariadb".equals(System.getProperty("fuzz.engine")) ? run(MariaDbServers.shared(), seed, Integer.parseInt(args[1]),
            Integer.parseInt(args[2]), Integer.parseInt(args[3]), args.length > 4 ? Integer.parseInt(args[4]) : 0) : run(PostgresServers.shared(), seed, Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
            args.length > 4 ? Integer.parseInt(args[4]) : 0);
        System.out.println("seed " + seed + ": " + report + "\nin " + (System.nanoTime() - start) / 1_000_000_000 + " s");
        System.exit(report.mismatches.isEmpty() ? 0 : 1);
    }
}
