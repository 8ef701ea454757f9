package io.github.softdelete.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java block in the README and docs/ is code from a source file that the build compiles and runs
 * ({@link Snippets}); and the check itself fails on each kind of drift.
 */
class DocumentationSnippetsTest {

    // The repository's root: Maven passes it (examples/pom.xml); an IDE run falls back to the parent directory.
    private static final Path ROOT = Path.of(System.getProperty("softdelete.root", "..")).toAbsolutePath().normalize();

    @Test
    void readmeAndDocs_everyJavaBlockMatchesItsSource() {
        List<Path> pages = Snippets.pages(ROOT);
        assertThat(pages).as("pages").contains(ROOT.resolve("README.md"));

        assertThat(Snippets.problems(ROOT, pages, Snippets.sources(ROOT))).isEmpty();
    }

    @Test
    void check_blockWithoutMarker_namesThePageAndLine(@TempDir Path root) throws IOException {
        write(root, "docs/page.md", "text\n```java\nint x = 1;\n```\n");

        assertThat(check(root)).singleElement().asString()
            .startsWith("docs/page.md:2: a ```java block without <!-- snippet: NAME -->");
    }

    @Test
    void check_snippetInNoSource_namesTheSnippet(@TempDir Path root) throws IOException {
        write(root, "README.md", "<!-- snippet: lost -->\n```java\nint x = 1;\n```\n");

        assertThat(check(root)).singleElement().asString().startsWith("README.md:2: snippet 'lost' is in no source file");
    }

    @Test
    void check_drift_namesPageSnippetAndFile(@TempDir Path root) throws IOException {
        write(root, "README.md", "- item\n  <!-- snippet: x -->\n  ```java\n  int x = 1;\n  ```\n");
        write(root, "m/src/test/java/A.java", "class A {\n    // snippet:begin x\n    int x = 2;\n    // snippet:end x\n}\n");

        assertThat(check(root)).singleElement().asString().isEqualTo("README.md:3: snippet 'x' differs from "
            + "m/src/test/java/A.java: line 1 of the snippet reads `int x = 1;` on the page and `int x = 2;` in the "
            + "source. Change the page or the source so that they match.");
    }

    @Test
    void check_sameCodeOtherIndentation_passes(@TempDir Path root) throws IOException {
        write(root, "docs/a.md", "<!-- snippet: x -->\n```java\nif (a) {\n    b();\n}\n```\n");
        write(root, "m/src/main/java/A.java", "class A {\n        // snippet:begin x\n        if (a) {\n"
            + "            b();\n        }\n        // snippet:end x\n}\n");

        assertThat(check(root)).isEmpty();
    }

    @Test
    void check_sameNameTwice_isReported(@TempDir Path root) throws IOException {
        write(root, "README.md", "no code\n");
        write(root, "m/src/test/java/A.java", "// snippet:begin x\n// snippet:end x\n");
        write(root, "m/src/test/java/B.java", "// snippet:begin x\n// snippet:end x\n");

        assertThat(check(root)).singleElement().asString().contains("snippet 'x' is also in m/src/test/java/A.java");
    }

    private static List<String> check(Path root) {
        return Snippets.problems(root, Snippets.pages(root), Snippets.sources(root));
    }

    private static void write(Path root, String file, String text) throws IOException {
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }
}
