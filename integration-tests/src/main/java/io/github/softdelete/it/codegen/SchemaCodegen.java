package io.github.softdelete.it.codegen;

import io.github.softdelete.codegen.SoftDeleteJavaGenerator;
import io.github.softdelete.it.harness.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Properties;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.OnError;
import org.jooq.meta.jaxb.Property;
import org.jooq.meta.jaxb.Target;

/**
 * The one place that configures jOOQ's code generator for the reference schema. Both
 * {@link RegenerateSchemaClasses} and the test that checks the committed classes are current use
 * it, so they cannot drift apart.
 *
 * <p>The output must be the same on every run and every machine, or the check fails for nothing:
 * no {@code @Generated} annotation (it carries a date and the jOOQ version) and no reference to the
 * jOOQ version. The jOOQ version is recorded beside the classes instead, in
 * {@value #JOOQ_VERSION_RESOURCE}.
 *
 * <p>Thread-safe: holds no state.
 */
public final class SchemaCodegen {

    /** Package of the generated classes. */
    public static final String PACKAGE = "io.github.softdelete.it.db";

    /** The generator class: jOOQ's, with soft-deletable tables, a policy class and the schema lint. */
    public static final String GENERATOR = "io.github.softdelete.codegen.SoftDeleteJavaGenerator";

    /** Classpath resource naming the jOOQ version that generated the committed classes. */
    public static final String JOOQ_VERSION_RESOURCE = "io/github/softdelete/it/db/jooq-version.properties";

    /** The markers of the tables that do not have a {@code deleted_at} timestamp, as the README's example declares them. */
    public static final String MARKERS = "products = timestamp(archived_at); flag(is_deleted).deletedBy(deleted_by);"
            + " flagAndTimestamp(removed, removed_at)";

    private SchemaCodegen() {
    }

    /**
     * The generator configuration for the reference schema.
     *
     * @param sourceDirectory root of the Java sources to write into; only the {@link #PACKAGE}
     *        directory below it is touched, and files there that were not generated are removed
     * @param generator the generator class name, {@link #GENERATOR} unless trying another
     */
    public static Configuration configuration(Path sourceDirectory, String generator) {
        return new Configuration()
                .withOnError(OnError.FAIL)
                .withGenerator(new Generator()
                        .withName(generator)
                        .withDatabase(new Database()
                                .withName("org.jooq.meta.postgres.PostgresDatabase")
                                .withInputSchema("public")
                                .withIncludes(".*")
                                // Flyway's bookkeeping is no part of the reference schema.
                                .withExcludes("flyway_schema_history")
                                // The defaults, spelled out as the README's Maven example does. The
                                // reference schema has planted traps, so the lint warns rather than fails.
                                .withProperties(
                                        new Property().withKey(SoftDeleteJavaGenerator.MARKER_COLUMN).withValue("deleted_at"),
                                        new Property().withKey(SoftDeleteJavaGenerator.LINT).withValue("warn"),
                                        // The tables of V4 mark deleted rows otherwise: per table, and by columns.
                                        new Property().withKey(SoftDeleteJavaGenerator.MARKERS).withValue(MARKERS)))
                        .withGenerate(new Generate()
                                .withGeneratedAnnotation(false)
                                .withJooqVersionReference(false))
                        .withTarget(new Target()
                                .withPackageName(PACKAGE)
                                .withDirectory(sourceDirectory.toString())
                                .withEncoding("UTF-8")
                                .withClean(true)));
    }

    /**
     * Generates the classes from the schema of {@code database} into {@code sourceDirectory}.
     *
     * @throws Exception whatever jOOQ's generator throws
     */
    public static void generate(TestDatabase database, Path sourceDirectory) throws Exception {
        generate(database, configuration(sourceDirectory, GENERATOR));
    }

    /**
     * Runs jOOQ's generator with {@code configuration} on the schema of {@code database}, for tests
     * that vary the {@link #configuration reference configuration}.
     *
     * @throws Exception whatever jOOQ's generator throws
     */
    public static void generate(TestDatabase database, Configuration configuration) throws Exception {
        try (Connection connection = database.dataSource().getConnection()) {
            GenerationTool tool = new GenerationTool();
            tool.setConnection(connection);
            tool.run(configuration);
        }
    }

    /**
     * What the generator threw when it ran with {@code configuration}: the innermost cause, since jOOQ 3.19's
     * {@code GenerationTool} wraps the generator's exception and 3.21's throws it as it is.
     *
     * @throws AssertionError when the generation succeeded
     */
    public static Throwable failure(TestDatabase database, Configuration configuration) {
        Throwable thrown;
        try {
            generate(database, configuration);
            thrown = null;
        } catch (Exception e) {
            thrown = e;
        }
        if (thrown == null)
            throw new AssertionError("the generation succeeded, where it should have failed");
        while (thrown.getCause() != null)
            thrown = thrown.getCause();
        return thrown;
    }

    /** Records the running jOOQ version under {@code resourceDirectory}. */
    static void recordJooqVersion(Path resourceDirectory) throws IOException {
        Path file = resourceDirectory.resolve(JOOQ_VERSION_RESOURCE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# The jOOQ version that generated " + PACKAGE + "; written by "
                + RegenerateSchemaClasses.class.getSimpleName() + ".\njooq.version=" + runningJooqVersion() + "\n",
                StandardCharsets.UTF_8);
    }

    /** The jOOQ version that generated the committed classes. */
    public static String committedJooqVersion() {
        try (InputStream in = SchemaCodegen.class.getClassLoader().getResourceAsStream(JOOQ_VERSION_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(JOOQ_VERSION_RESOURCE + " is missing from the classpath; regenerate"
                        + " the schema classes with: " + RegenerateSchemaClasses.COMMAND);
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("jooq.version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The jOOQ version on the classpath now (-Djooq.version may differ from the committed one). */
    public static String runningJooqVersion() {
        try {
            // Constants.FULL_VERSION is a compile-time constant, so only reflection sees the jar's.
            return (String) org.jooq.Constants.class.getField("FULL_VERSION").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("org.jooq.Constants.FULL_VERSION is unreadable: " + e, e);
        }
    }
}
