package io.github.softdelete;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The public API, signature by signature, against {@code core/src/test/resources/public-api.txt}: a change to the API
 * fails this test until the file is changed with it, so that every change is deliberate and shows in review. Run with
 * {@code -Dsoftdelete.updateApiSnapshot=true} to write the file anew, then read its diff.
 */
class PublicApiSnapshotTest {

    private static final Path SNAPSHOT = Path.of("src/test/resources/public-api.txt");

    @Test
    void publicApi_matchesTheSnapshot() throws IOException, URISyntaxException {
        List<String> api = publicApi();
        if (Boolean.getBoolean("softdelete.updateApiSnapshot"))
            Files.write(SNAPSHOT, api);
        assertThat(api)
            .as("the public API changed; if that is deliberate, run this test with -Dsoftdelete.updateApiSnapshot=true and"
                + " commit %s", SNAPSHOT)
            .containsExactlyElementsOf(Files.readAllLines(SNAPSHOT));
    }

    /** Every public type of the exported package (nested ones included), and each of its public and protected members. */
    private static List<String> publicApi() throws IOException, URISyntaxException {
        Path classes = Path.of(SoftDelete.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .resolve("io/github/softdelete");
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(classes)) {
            for (String name : files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".class")).sorted().toList()) {
                Class<?> type = loaded("io.github.softdelete." + name.substring(0, name.length() - ".class".length()));
                if (visible(type))
                    describe(type, lines);
            }
        }
        return lines;
    }

    private static void describe(Class<?> type, List<String> lines) {
        lines.add(Modifier.toString(type.getModifiers() & ~Modifier.STATIC & Modifier.classModifiers()) + " "
            + kind(type) + " " + type.getName() + supertypes(type));
        List<String> members = new ArrayList<>();
        for (Field field : type.getDeclaredFields())
            if (visible(field.getModifiers()) && !field.isSynthetic())
                members.add("  " + field.toGenericString());
        for (Constructor<?> constructor : type.getDeclaredConstructors())
            if (visible(constructor.getModifiers()) && !constructor.isSynthetic() && !type.isEnum())
                members.add("  " + constructor.toGenericString());
        for (Method method : type.getDeclaredMethods())
            if (visible(method.getModifiers()) && !method.isSynthetic() && !method.isBridge())
                members.add("  " + method.toGenericString());
        members.stream().sorted().forEach(lines::add);
    }

    private static String kind(Class<?> type) {
        return type.isAnnotation() ? "@interface" : type.isInterface() ? "interface" : type.isEnum() ? "enum"
            : type.isRecord() ? "record" : "class";
    }

    private static String supertypes(Class<?> type) {
        List<String> supertypes = new ArrayList<>();
        if (type.getGenericSuperclass() != null && type.getSuperclass() != Object.class && !type.isEnum() && !type.isRecord())
            supertypes.add(type.getGenericSuperclass().getTypeName());
        for (var implemented : type.getGenericInterfaces())
            supertypes.add(implemented.getTypeName());
        return supertypes.isEmpty() ? "" : " : " + String.join(", ", supertypes);
    }

    private static boolean visible(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getEnclosingClass())
            if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isLocalClass())
                return false;
        return true;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static Class<?> loaded(String name) {
        try {
            return Class.forName(name, false, SoftDelete.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
