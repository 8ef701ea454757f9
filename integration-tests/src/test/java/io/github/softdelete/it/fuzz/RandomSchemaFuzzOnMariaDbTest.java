package io.github.softdelete.it.fuzz;

import io.github.softdelete.it.fuzz.schemas.RandomSchemaFuzz;
import io.github.softdelete.it.harness.MariaDbServers;

/**
 * {@link RandomSchemaFuzzTest} on MariaDB: the same random schemas, each copy a database of its own, with MariaDB's
 * DDL (InnoDB, utf8mb4_bin, BOOLEAN flags, DATETIME(6) stamps, the live-row unique key over a generated column). 20
 * schemas by default, as on PostgreSQL; the same properties change the counts.
 */
class RandomSchemaFuzzOnMariaDbTest extends RandomSchemaFuzzTest {

    @Override
    RandomSchemaFuzz.Report run(long seed, int schemas, int reads, int statements, int restores) {
        return RandomSchemaFuzz.run(MariaDbServers.shared(), seed, schemas, reads, statements, restores);
    }
}
