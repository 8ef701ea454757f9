package io.github.softdelete.it.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.softdelete.codegen.SoftDeleteJavaGenerator;
import io.github.softdelete.it.harness.PostgresTest;
import io.github.softdelete.it.harness.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator's settings, given as jOOQ database properties, on the reference schema. */
@PostgresTest
class GeneratorSettingsTest {

    private static final String PACKAGE = "io.github.softdelete.it.settings";

    @Test
    void generate_policyClass_namesTheGeneratedClass(TestDatabase database, @TempDir Path directory) throws Exception {
        Path sources = directory.resolve("sources");

        SchemaCodegen.generate(database, GeneratedSources.configuration(sources, PACKAGE,
                SoftDeleteJavaGenerator.POLICY_CLASS, "ForumPolicy"));

        Path policy = sources.resolve(PACKAGE.replace('.', '/')).resolve("ForumPolicy.java");
        assertThat(Files.readString(policy)).contains("public final class ForumPolicy {",
                "SoftDelete.install(configuration, ForumPolicy.POLICY)");
        assertThat(GeneratedSources.compile(sources, Files.createDirectories(directory.resolve("classes")))).isEmpty();
    }

    @Test
    void generate_misspelledProperty_failsNamingIt(TestDatabase database, @TempDir Path directory) {
        var configuration = GeneratedSources.configuration(directory, PACKAGE, "softdelete.marker", "deleted_at");

        assertThatThrownBy(() -> SchemaCodegen.generate(database, configuration))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown jOOQ database property softdelete.marker;");
    }

    @Test
    void generate_markerThatIsNoTimestamp_failsNamingTableAndType(TestDatabase database, @TempDir Path directory) {
        var configuration = GeneratedSources.configuration(directory, PACKAGE, SoftDeleteJavaGenerator.MARKER_COLUMN, "name");

        // jOOQ 3.19's GenerationTool wraps the generator's exception; 3.21's throws it as it is.
        Throwable thrown = catchThrowable(() -> SchemaCodegen.generate(database, configuration));
        assertThat(thrown).as("generation failure").isNotNull();
        Throwable root = thrown;
        while (root.getCause() != null)
            root = root.getCause();
        // The policy's builder checks the marker's type, as it would at run time.
        assertThat(root)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("marker \"categories\".name has the unsupported type java.lang.String");
    }
}
