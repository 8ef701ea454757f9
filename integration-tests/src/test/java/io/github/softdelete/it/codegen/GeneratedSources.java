package io.github.softdelete.it.codegen;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Property;

/**
 * Runs the softdelete generator into a directory of its own, and compiles what it wrote the way the
 * build compiles the committed classes: {@code --release 17 -Xlint:all}, here with {@code -Werror}.
 */
final class GeneratedSources {

    private GeneratedSources() {
    }

    /**
     * The reference configuration ({@link SchemaCodegen#configuration}), writing {@code packageName}
     * into {@code directory}, with {@code keysAndValues} replacing its database properties.
     */
    static Configuration configuration(Path directory, String packageName, String... keysAndValues) {
        Configuration configuration = SchemaCodegen.configuration(directory, SchemaCodegen.GENERATOR);
        configuration.getGenerator().getTarget().setPackageName(packageName);
        List<Property> properties = configuration.getGenerator().getDatabase().getProperties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            String key = keysAndValues[i];
            properties.removeIf(property -> property.getKey().equals(key));
            properties.add(new Property().withKey(key).withValue(keysAndValues[i + 1]));
        }
        return configuration;
    }

    /** The .java files below {@code directory}, none if it does not exist. */
    static List<Path> javaFiles(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.filter(path -> path.toString().endsWith(".java")).sorted().toList();
        }
    }

    /**
     * Compiles every .java file below {@code sources} into {@code classes} against the test classpath.
     *
     * @return the compiler's output: empty when it compiled without a warning
     */
    static String compile(Path sources, Path classes) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        // Surefire hides the real classpath behind a manifest-only jar, and names it here.
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> options = new ArrayList<>(List.of("--release", "17", "-Xlint:all", "-Werror", "-proc:none",
                "-encoding", "UTF-8", "-classpath", classpath, "-d", classes.toString()));
        StringWriter output = new StringWriter();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            List<File> units = javaFiles(sources).stream().map(Path::toFile).toList();
            boolean compiled = compiler.getTask(output, files, null, options, null, files.getJavaFileObjectsFromFiles(units)).call();
            return compiled && output.toString().isBlank() ? "" : "compiled: " + compiled + "\n" + output;
        }
    }
}
