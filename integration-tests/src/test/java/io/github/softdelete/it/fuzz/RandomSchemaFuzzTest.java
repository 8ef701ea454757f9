package io.github.softdelete.it.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.github.softdelete.it.fuzz.schemas.RandomSchemaFuzz;
import io.github.softdelete.it.harness.PostgresServers;

/**
 * The differential fuzzer on random schemas (5 to 12 tables, random marker kinds and names, unmarked
 * tables, random key graphs with every rule, self-references, composite keys): 20 schemas by default,
 * each with 40 reads, 25 statements and 10 delete-then-restore round trips (a soft delete of a few
 * live rows, then {@code SoftDelete.restore} of the same condition, must give back every row exactly;
 * see {@code RestoreRoundTrip}). {@code -Dfuzz.schemaSeed}, {@code -Dfuzz.schemas},
 * {@code -Dfuzz.schemaReads}, {@code -Dfuzz.schemaStatements} and {@code -Dfuzz.schemaRestores} change
 * the seed and the counts, for long local runs.
 */
class RandomSchemaFuzzTest {

    @Test
    void randomSchemas_readsAndStatements_matchTheOracles() {
        long seed = Long.getLong("fuzz.schemaSeed", 13L);
        int schemas = Integer.getInteger("fuzz.schemas", 20);

        int reads = Integer.getInteger("fuzz.schemaReads", 40);
        int statements = Integer.getInteger("fuzz.schemaStatements", 25);
        int restores = Integer.getInteger("fuzz.schemaRestores", 10);
        long start = System.nanoTime();

        RandomSchemaFuzz.Report report = run(seed, schemas, reads, statements, restores);
        System.out.println("random schemas, seed " + seed + ", " + (System.nanoTime() - start) / 1_000_000_000 + " s: " + report);

        assertThat(report.schemas).isEqualTo(schemas);
        assertThat(report.restores).isEqualTo(schemas * restores);
        assertThat(report.mismatches).as("mismatches, see the report above").isEmpty();
        assertThat(report.invalid).as("queries invalid on both sides").isLessThanOrEqualTo(report.reads / 20);
    }

    /** Runs the schemas on PostgreSQL; {@link RandomSchemaFuzzOnMariaDbTest} on MariaDB. */
    RandomSchemaFuzz.Report run(long seed, int schemas, int reads, int statements, int restores) {
        return RandomSchemaFuzz.run(PostgresServers.shared(), seed, schemas, reads, statements, restores);
    }
}
