package io.github.softdelete.it;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.softdelete.it.codegen.RegenerateSchemaClasses;
import io.github.softdelete.it.codegen.SchemaCodegen;
import io.github.softdelete.it.harness.PostgresTest;
import io.github.softdelete.it.harness.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Fails when a migration changed but the committed jOOQ classes were not regenerated. */
@PostgresTest
class SchemaClassesAreCurrentTest {

    private static final Path MODULE = Path.of(System.getProperty("softdelete.it.basedir", "."));
    private static final Path BUILD = Path.of(System.getProperty("softdelete.it.builddir", "target"));
    private static final String PACKAGE_PATH = SchemaCodegen.PACKAGE.replace('.', '/');

    @Test
    void committedSchemaClasses_matchFreshlyGeneratedOnes(TestDatabase database) throws Exception {
        String committedWith = SchemaCodegen.committedJooqVersion();
        assumeTrue(committedWith.equals(SchemaCodegen.runningJooqVersion()), () -> "the committed classes come from jOOQ "
                + committedWith + " and jOOQ " + SchemaCodegen.runningJooqVersion() + " would write them differently");
        Path fresh = BUILD.resolve("schema-classes-check");
        deleteRecursively(fresh);

        SchemaCodegen.generate(database, fresh);

        Path committedPackage = MODULE.resolve("src/main/java").resolve(PACKAGE_PATH);
        List<String> differences = compare(committedPackage, fresh.resolve(PACKAGE_PATH));
        if (!differences.isEmpty()) {
            fail("The committed jOOQ classes in %s do not match the migrations:%n  %s%nRegenerate them from the"
                    + " repository root with%n  %s%nand commit the result.",
                    committedPackage, String.join("\n  ", differences), RegenerateSchemaClasses.COMMAND);
        }
    }

    private static List<String> compare(Path committed, Path fresh) throws IOException {
        Map<String, Path> committedFiles = javaFiles(committed);
        Map<String, Path> freshFiles = javaFiles(fresh);
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, Path> file : freshFiles.entrySet()) {
            Path old = committedFiles.get(file.getKey());
            if (old == null) {
                differences.add("missing: " + file.getKey());
            } else if (!Arrays.equals(Files.readAllBytes(old), Files.readAllBytes(file.getValue()))) {
                differences.add("changed: " + file.getKey());
            }
        }
        committedFiles.keySet().stream()
                .filter(name -> !freshFiles.containsKey(name))
                .forEach(name -> differences.add("no longer generated: " + name));
        return differences;
    }

    private static Map<String, Path> javaFiles(Path root) throws IOException {
        Map<String, Path> files = new TreeMap<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                paths.filter(path -> path.toString().endsWith(".java"))
                        .forEach(path -> files.put(root.relativize(path).toString().replace('\\', '/'), path));
            }
        }
        return files;
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
