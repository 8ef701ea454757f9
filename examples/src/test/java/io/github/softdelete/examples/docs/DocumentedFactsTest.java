package io.github.softdelete.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the README, docs/ and {@code SoftDelete}'s javadoc say about the module path, the opt-outs and
 * the jOOQ versions agrees with the build ({@link DocumentedFacts}); and each check fails on drift.
 */
class DocumentedFactsTest {

    // The repository's root: Maven passes it (examples/pom.xml); an IDE run falls back to the parent directory.
    private static final Path ROOT = Path.of(System.getProperty("softdelete.root", "..")).toAbsolutePath().normalize();

    @Test
    void docs_everyAddOpensNamesSoftdeletesModule() {
        assertThat(DocumentedFacts.addOpensProblems(ROOT)).isEmpty();
    }

    @Test
    void docs_everyOptOutListNamesEveryOptOut() {
        // Not vacuous: the reflection finds the context opt-outs and the per-table one.
        assertThat(DocumentedFacts.optOuts()).contains("includeDeleted", "allowPlainSql", "includeDeleted")
            .doesNotContain("withActor", "restore", "install");

        assertThat(DocumentedFacts.optOutProblems(ROOT, DocumentedFacts.optOuts())).isEmpty();
    }

    @Test
    void docs_jooqVersionsAreThoseOfTheBuildAndCi() {
        assertThat(DocumentedFacts.jooqVersionProblems(ROOT)).isEmpty();
    }

    @Test
    void addOpens_otherTarget_namesPageLineAndModule(@TempDir Path root) throws IOException {
        write(root, DocumentedFacts.MODULE_INFO, "module io.github.softdelete {\n}\n");
        write(root, "docs/using.md", "`--add-opens org.jooq/org.jooq.impl=io.github.softdelete`\n");
        write(root, "docs/guarantees.md", "text\n(`--add-opens org.jooq/org.jooq.impl=ALL-UNNAMED`)\n");

        assertThat(DocumentedFacts.addOpensProblems(root)).singleElement().asString()
            .startsWith("docs/guarantees.md:2: --add-opens org.jooq/org.jooq.impl=ALL-UNNAMED opens the package to ALL-UNNAMED")
            .endsWith("write =io.github.softdelete");
    }

    @Test
    void optOuts_listMissingOne_namesFileAndMethod(@TempDir Path root) throws IOException {
        write(root, "docs/using.md", "## Scoped opt-outs\n`includeDeleted`, `onlyDeleted`\n\n## Next\nhardDelete\n");
        write(root, "docs/README.md", "- [Using it](using.md): `includeDeleted`,\n  `onlyDeleted`, `hardDelete`\n- [Other](o.md)\n");
        write(root, DocumentedFacts.SOFT_DELETE, "/**\n * <p>The opt-outs ({@link #includeDeleted}, {@link #onlyDeleted},\n"
            + " * {@link #hardDelete}).\n *\n * <p>Thread-safe.\n */\n");

        assertThat(DocumentedFacts.optOutProblems(root, Set.of("includeDeleted", "onlyDeleted", "hardDelete")))
            .singleElement().asString().startsWith("docs/using.md: the section \"Scoped opt-outs\" does not name SoftDelete.hardDelete");
    }

    @Test
    void jooqVersions_tableWithoutTheCiVersion_isReported(@TempDir Path root) throws IOException {
        write(root, "pom.xml", "<jooq.version>3.19.39</jooq.version>\n");
        write(root, ".ci/run", "jooq_next=3.21.9\n");
        write(root, "README.md", "## Databases and jOOQ versions\n- jOOQ 3.19.39 and 3.21.9\n## Reference\n");
        write(root, "docs/using.md", "| jOOQ | Java |\n| 3.19.39 | 17 |\n| 3.21.9, the 3.19-built jars | 21 |\n");
        write(root, "docs/guarantees.md", "| jOOQ | 3.19 (built and tested against 3.19.39) | install |\n");

        assertThat(DocumentedFacts.jooqVersionProblems(root)).singleElement().asString()
            .isEqualTo("docs/guarantees.md: the jOOQ row of the support table names jOOQ [3.19.39], but the build uses 3.19.39"
                + " (pom.xml, jooq.version) and CI also 3.21.9 (.ci/run, jooq_next); name exactly [3.19.39, 3.21.9]");
    }

    private static void write(Path root, String file, String text) throws IOException {
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }
}
