package io.github.softdelete.it.fuzz;

import io.github.softdelete.it.harness.PostgresServers;

/**
 * Runs the differential fuzzer outside JUnit, for long runs:
 * <pre>
 * java ... io.github.softdelete.it.fuzz.Fuzz [reads|statements|both]
 *     -Dfuzz.queries=100000 -Dfuzz.statements=20000 -Dfuzz.seed=42
 * </pre>
 * It prints the seed, the counts and the time, and every mismatch with its SQL before and after the
 * rewrite and the rows that differ, and exits with status 1 when there was a mismatch. Needs the same
 * PostgreSQL as the tests (see {@code PostgresServers}). Not meant to run twice at once in one JVM.
 */
public final class Fuzz {

    private Fuzz() {
    }

    /**
     * Runs the fuzzer.
     *
     * @param args {@code reads} (the default), {@code statements} or {@code both}
     */
    public static void main(String[] args) {
        String what = args.length > 0 ? args[0] : "reads";
        FuzzSettings settings = FuzzSettings.fromEnvironment(100_000, 10_000);
        boolean passed = true;
        try (FuzzDatabases databases = FuzzDatabases.create(PostgresServers.shared(), RandomDataset.generate(settings.datasetSeed()))) {
            System.out.println("fuzzing with seed " + settings.seed() + " on " + databases.dataset());
            if (!what.equals("statements")) {
                FuzzRun reads = FuzzRun.reads(databases, settings);
                System.out.println(reads.summary());
                passed = reads.passed();
            }
            if (!what.equals("reads")) {
                FuzzRun statements = FuzzRun.statements(databases, settings);
                System.out.println(statements.summary());
                passed &= statements.passed();
            }
        }
        System.exit(passed ? 0 : 1);
    }
}
