package io.github.softdelete.it.codegen;

import io.github.softdelete.it.harness.PostgresServers;
import io.github.softdelete.it.harness.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Regenerates the committed jOOQ classes of the reference schema: migrates a fresh database on the
 * harness's server and runs {@link SchemaCodegen} against it. Run it with {@link #COMMAND} from the
 * repository root after changing a migration, then commit the result.
 */
public final class RegenerateSchemaClasses {

    /** The command, from the repository root. Failure messages quote it. */
    public static final String COMMAND = "mvn -B -ntp -P regenerate-schema-classes -pl integration-tests -am clean process-classes";

    private RegenerateSchemaClasses() {
    }

    /**
     * Regenerates into {@code <module>/src/main/java}.
     *
     * @param args the integration-tests module's directory; the working directory if absent
     * @throws Exception when no server can be found or the generator fails
     */
    public static void main(String[] args) throws Exception {
        Path module = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path sources = module.resolve("src/main/java");
        if (!Files.isDirectory(sources)) {
            throw new IllegalArgumentException(sources + " does not exist: pass the integration-tests module's"
                    + " directory as the first argument, or run " + COMMAND);
        }
        try (TestDatabase database = PostgresServers.shared().createMigratedDatabase("codegen")) {
            SchemaCodegen.generate(database, sources);
        }
        SchemaCodegen.recordJooqVersion(module.resolve("src/main/resources"));
        System.out.println("Regenerated " + SchemaCodegen.PACKAGE + " in " + sources + " with jOOQ "
                + SchemaCodegen.runningJooqVersion() + ". Review and commit the changes.");
    }
}
