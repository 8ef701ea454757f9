package io.github.softdelete.it.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.softdelete.codegen.SoftDeleteJavaGenerator;
import io.github.softdelete.it.harness.PostgresTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jooq.DSLContext;
import org.jooq.codegen.GenerationTool;
import org.jooq.codegen.GeneratorException;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Property;
import org.jooq.util.jaxb.tools.MiniJAXB;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without the database's catalog (another database, or a file-based source), the generator still
 * writes the helpers and the policy, but declares no ON DELETE rule and skips the lint, saying so.
 * The reference schema, exported to jOOQ's XML format and read by jOOQ's XMLDatabase, stands in for
 * such a source: it has the same tables and keys, and no connection.
 */
@PostgresTest
class NoCatalogTest {

    private static final String PACKAGE = "io.github.softdelete.it.nocatalog";

    @Test
    void generate_withoutCatalog_writesPolicyWithoutRulesThatCompiles(DSLContext dsl, @TempDir Path directory) throws Exception {
        Path sources = directory.resolve("sources");
        Path classes = Files.createDirectories(directory.resolve("classes"));

        GenerationTool.generate(xmlConfiguration(dsl, directory, sources, "warn"));

        String policy = Files.readString(sources.resolve(PACKAGE.replace('.', '/')).resolve("SoftDeletes.java"));
        assertThat(policy)
                .contains(".table(Users.USERS, Users.USERS.DELETED_AT)")
                .contains("No rule is declared: jOOQ reads this schema without a database connection", "(XMLDatabase)")
                .doesNotContain(".onDelete(");
        assertThat(GeneratedSources.compile(sources, classes)).isEmpty();
    }

    @Test
    void generate_withoutCatalog_lintFail_failsSayingTheLintCannotRun(DSLContext dsl, @TempDir Path directory) throws Exception {
        Configuration configuration = xmlConfiguration(dsl, directory, directory.resolve("sources"), "fail");

        assertThatThrownBy(() -> GenerationTool.generate(configuration))
                .isInstanceOf(GeneratorException.class)
                .hasMessageContaining("softdelete.lint is fail, but the lint needs the database's catalog (PostgreSQL's or MariaDB's)")
                .hasMessageContaining("Set softdelete.lint to off for this database.");
    }

    private static Configuration xmlConfiguration(DSLContext dsl, Path directory, Path sources, String lint) throws Exception {
        Path xml = directory.resolve("reference-schema.xml");
        Files.writeString(xml, MiniJAXB.marshal(dsl.meta().filterSchemas(s -> s.getName().equals("public")).informationSchema()));
        Configuration configuration = GeneratedSources.configuration(sources, PACKAGE, SoftDeleteJavaGenerator.LINT, lint);
        configuration.getGenerator().getDatabase()
                .withName("org.jooq.meta.xml.XMLDatabase")
                .withProperties(
                        new Property().withKey("xmlFile").withValue(xml.toString()),
                        // PostgreSQL's types, without PostgreSQL's catalog.
                        new Property().withKey("dialect").withValue("POSTGRES"));
        return configuration;
    }
}
