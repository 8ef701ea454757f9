package io.github.softdelete.it.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeletableTable;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.SoftDeletePolicy;
import io.github.softdelete.codegen.SoftDeleteJavaGenerator;
import io.github.softdelete.it.fixture.ReferenceData;
import io.github.softdelete.it.harness.MariaDbTest;
import io.github.softdelete.it.harness.TestDatabase;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.ForcedType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator on jOOQ's {@code MariaDBDatabase}, over the reference schema migrated for MariaDB (db/mariadb): the
 * policy it writes is the one {@code SoftDeletePolicy.fromDatabase} reads from the same catalog (tables, markers,
 * relations with their ON DELETE rules, views), and the classes it writes compile and work there.
 *
 * <p>MariaDB's {@code BOOLEAN} is {@code TINYINT(1)}, which jOOQ-meta generates as {@code Byte}; the configuration
 * forces the flag columns to {@code BOOLEAN}, as the generator's javadoc says to.
 */
@MariaDbTest
class CodegenOnMariaDbTest {

    private static final String PACKAGE = "io.github.softdelete.it.mariadb";

    private TestDatabase database;
    private DSLContext plain;

    @BeforeEach
    void setUp(TestDatabase database) {
        this.database = database;
        this.plain = database.dsl();
    }

    /** The reference configuration on MariaDB's database: its database for the schema, the flags forced to BOOLEAN. */
    static Configuration configuration(TestDatabase database, Path directory, String packageName, String... keysAndValues) {
        Configuration configuration = GeneratedSources.configuration(directory, packageName, keysAndValues);
        configuration.getGenerator().getDatabase()
                .withName("org.jooq.meta.mariadb.MariaDBDatabase")
                .withInputSchema(database.name())
                .withForcedTypes(new ForcedType().withName("BOOLEAN").withIncludeExpression("(?i:.*\\.(is_deleted|removed))"));
        return configuration;
    }

    @Test
    void generatedPolicy_withMarkers_isWhatTheBuilderReadsFromTheCatalog(@TempDir Path directory) throws Exception {
        SoftDeletePolicy generated = generateAndLoad(configuration(database, directory.resolve("sources"), PACKAGE), directory);
        SoftDeletePolicy read = SoftDeletePolicy.builder().markers(SchemaCodegen.MARKERS).database(plain, database.name()).build();

        assertSamePolicy(generated, read);
        assertThat(markers(generated)).hasSize(8).containsEntry("documents", "flag(is_deleted).deletedBy(deleted_by)")
                .containsEntry("attachments", "flagAndTimestamp(removed, removed_at)");
        assertThat(relations(generated)).hasSize(15)
                .contains("posts_author_id_fkey (posts -> users, ON DELETE CASCADE) [author_id] -> [id]",
                        "posts_category_id_fkey (posts -> categories, ON DELETE RESTRICT) [category_id] -> [id]",
                        "posts_editor_id_fkey (posts -> users, ON DELETE SET NULL) [editor_id] -> [id]",
                        "attachments_document_id_fkey (attachments -> documents, ON DELETE CASCADE) [document_id] -> [id]");
        assertThat(generated.relations()).allSatisfy(relation -> assertThat(relation.ruleKnown()).as(relation.name()).isTrue());
    }

    @Test
    void generatedPolicy_byTheConventions_isFromDatabases(@TempDir Path directory) throws Exception {
        Configuration configuration = configuration(database, directory.resolve("sources"), PACKAGE + ".conventions");
        configuration.getGenerator().getDatabase().getProperties()
                .removeIf(property -> property.getKey().equals(SoftDeleteJavaGenerator.MARKERS));

        assertSamePolicy(generateAndLoad(configuration, directory), SoftDeletePolicy.fromDatabase(plain, database.name()));
    }

    @Test
    void generatedHelpersAndRules_workOnMariaDb(@TempDir Path directory) throws Exception {
        SoftDeletePolicy policy = generateAndLoad(configuration(database, directory.resolve("sources"), PACKAGE + ".helpers"), directory);
        Table<?> users = table(policy, "users");
        Table<?> posts = table(policy, "posts");
        Table<?> categories = table(policy, "categories");
        ReferenceData.reset(plain);
        DSLContext ctx = DSL.using(SoftDelete.install(new DefaultConfiguration().set(database.dataSource()).set(SQLDialect.MARIADB), policy));

        SoftDeletableTable<?, ?> typedUsers = (SoftDeletableTable<?, ?>) users;
        assertThat(SoftDelete.includeDeleted(ctx).fetchCount(users, typedUsers.live())).isEqualTo(3);
        assertThat(SoftDelete.includeDeleted(ctx).fetchCount(users, typedUsers.deleted())).isEqualTo(1);
        assertThat(ctx.fetchCount(users, typedUsers.deleted())).as("ordinary reads see no deleted row").isZero();
        assertThat(ctx.fetchCount(users)).isEqualTo(3);

        ctx.deleteFrom(users).where(users.field("id", Long.class).eq(1L)).execute();
        assertThat(plain.fetchValue("select deleted_at from posts where id = 10"))
                .as("post 10 by alice, posts_author_id_fkey ON DELETE CASCADE, declared by the generated policy").isNotNull();

        assertThatThrownBy(() -> ctx.deleteFrom(categories).where(categories.field("id", Long.class).eq(1L)).execute())
                .isInstanceOf(SoftDeleteException.class)
                .hasMessageContaining("posts_category_id_fkey");
        assertThat(plain.fetchValue("select deleted_at from categories where id = 1")).isNull();
        assertThat(ctx.fetchCount(posts)).isEqualTo(plain.fetchCount(DSL.table("posts"), DSL.field("deleted_at").isNull()));
    }

    @Test
    void generate_flagWithoutForcedType_failsNamingTheForcedTypeToAdd(@TempDir Path directory) {
        Configuration configuration = configuration(database, directory, PACKAGE + ".noforced");
        configuration.getGenerator().getDatabase().getForcedTypes().clear();

        assertThat(SchemaCodegen.failure(database, configuration))
                .hasMessageContaining("has the flag column", "of Java type java.lang.Byte", "On MariaDB, BOOLEAN is TINYINT(1)",
                        "<forcedType><name>BOOLEAN</name>");
    }

    /** Generates with {@code configuration}, compiles what it wrote, and returns its policy class's POLICY. */
    private SoftDeletePolicy generateAndLoad(Configuration configuration, Path directory) throws Exception {
        Path sources = Path.of(configuration.getGenerator().getTarget().getDirectory());
        Path classes = Files.createDirectories(directory.resolve("classes"));
        SchemaCodegen.generate(database, configuration);
        assertThat(GeneratedSources.compile(sources, classes)).isEmpty();
        URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() }, getClass().getClassLoader());
        Class<?> policyClass = loader.loadClass(configuration.getGenerator().getTarget().getPackageName() + ".SoftDeletes");
        return (SoftDeletePolicy) policyClass.getField("POLICY").get(null);
    }

    private static Table<?> table(SoftDeletePolicy policy, String name) {
        return policy.tables().stream().filter(table -> table.getName().equals(name)).findFirst().orElseThrow();
    }

    private static void assertSamePolicy(SoftDeletePolicy generated, SoftDeletePolicy read) {
        assertThat(markers(generated)).isEqualTo(markers(read));
        assertThat(generated.tables()).allSatisfy(table -> assertThat(table.getSchema().getName()).isEqualTo(read.tables().get(0).getSchema().getName()));
        assertThat(relations(generated)).isEqualTo(relations(read));
        assertThat(generated.views().stream().map(Object::toString).sorted().toList())
                .isEqualTo(read.views().stream().map(Object::toString).sorted().toList())
                .containsExactly("\"live_posts\" (filters)", "\"post_authors\" (inlined)", "\"user_emails\" (inlined)",
                        "\"user_names\" (inlined)");
    }

    private static TreeMap<String, String> markers(SoftDeletePolicy policy) {
        TreeMap<String, String> markers = new TreeMap<>();
        for (Table<?> table : policy.tables()) {
            markers.put(table.getName(), policy.marker(table).orElseThrow().toString());
        }
        return markers;
    }

    private static TreeSet<String> relations(SoftDeletePolicy policy) {
        TreeSet<String> relations = new TreeSet<>();
        for (SoftDeletePolicy.Relation relation : policy.relations()) {
            relations.add(relation + " " + relation.childColumns().stream().map(f -> f.getName()).toList() + " -> "
                    + relation.parentColumns().stream().map(f -> f.getName()).toList());
        }
        return relations;
    }
}
