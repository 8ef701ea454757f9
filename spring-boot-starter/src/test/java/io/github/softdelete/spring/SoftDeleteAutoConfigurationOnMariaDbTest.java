package io.github.softdelete.spring;

import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;

import javax.sql.DataSource;

import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jooq.autoconfigure.DefaultConfigurationCustomizer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.it.db.SoftDeletes;
import io.github.softdelete.it.harness.MariaDbTest;
import io.github.softdelete.it.harness.TestDatabase;

/**
 * The starter with a MariaDB DataSource ({@code spring.datasource.url=jdbc:mariadb:...}, the harness's server, the
 * driver version Spring Boot's BOM manages): Boot's jOOQ auto-configuration takes the dialect from the DataSource, so
 * the library is installed with {@code SQLDialect.MARIADB}, and reads are filtered and deletes soft, with cascades.
 * The classes generated for PostgreSQL's {@code public} schema run here through a {@code DefaultConfigurationCustomizer}
 * of the application's, which maps {@code public} to the database and binds their {@code OffsetDateTime}s as such
 * (as {@link TestDatabase#settings()} does), as an application whose classes come from another database does.
 * Fixture: alice (1) wrote post 10; alice (1) and bob (2) commented on it (100, 101).
 */
@MariaDbTest
class SoftDeleteAutoConfigurationOnMariaDbTest {

    private TestDatabase database;
    private DSLContext plain;
    private ApplicationContextRunner runner;

    @BeforeEach
    void setUp(TestDatabase database) {
        this.database = database;
        plain = database.dsl();
        plain.deleteFrom(COMMENTS).execute();
        plain.deleteFrom(POSTS).execute();
        plain.deleteFrom(USERS).execute();
        plain.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME)
            .values(1L, "alice@example.com", "Alice").values(2L, "bob@example.com", "Bob").execute();
        plain.insertInto(POSTS, POSTS.ID, POSTS.AUTHOR_ID, POSTS.TITLE).values(10L, 1L, "Hello").execute();
        plain.insertInto(COMMENTS, COMMENTS.ID, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.BODY)
            .values(100L, 10L, 1L, "first").values(101L, 10L, 2L, "second").execute();
        runner = SoftDeleteAutoConfigurationTest.runner(database)
            .withUserConfiguration(GeneratedSchemaConfiguration.class)
            .withPropertyValues("app.database=" + database.name());
    }

    /** The application's mapping of the generated classes' schema to its MariaDB database, as docs/spring-boot.md shows it. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class GeneratedSchemaConfiguration {
        // snippet:begin spring-mariadb-render-mapping
        @Bean
        DefaultConfigurationCustomizer generatedSchemaIsThisDatabase(@Value("${app.database}") String database) {
            return configuration -> configuration.settings()
                .withRenderMapping(new RenderMapping().withSchemata(new MappedSchema().withInput("public").withOutput(database)))
                .withBindOffsetDateTimeType(true);
        }
        // snippet:end spring-mariadb-render-mapping
    }

    @Test
    void dialect_isTakenFromTheMariaDbDataSource_andTheLibraryInstalledWithIt() {
        runner.withPropertyValues("softdelete.schema=" + database.name()).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(DSLContext.class).dialect()).isEqualTo(SQLDialect.MARIADB);
            assertThat(ListenerOrderCheck.hasLibraryListener(context.getBean(Configuration.class))).isTrue();
            try (Connection connection = context.getBean(DataSource.class).getConnection()) {
                assertThat(connection.getMetaData().getURL()).startsWith("jdbc:mariadb:");
                assertThat(connection.getMetaData().getDriverVersion()).as("Spring Boot's managed driver").isEqualTo("3.5.8");
            }
        });
    }

    @Test
    void schemaProperty_readsFiltered_andDeletesSoftlyWithTheCatalogsCascade() {
        runner.withPropertyValues("softdelete.schema=" + database.name()).run(context -> {
            DSLContext dsl = context.getBean(DSLContext.class);

            assertThat(dsl.deleteFrom(USERS).where(USERS.ID.eq(1L)).execute()).isEqualTo(1);

            assertThat(dsl.fetchCount(USERS)).isEqualTo(1);
            assertThat(dsl.fetchCount(POSTS)).isZero();
            assertThat(dsl.fetchCount(COMMENTS)).isZero();
            assertThat(SoftDelete.includeDeleted(dsl).fetchCount(COMMENTS)).isEqualTo(2);
            assertThat(plain.fetchCount(USERS, USERS.DELETED_AT.isNotNull())).isEqualTo(1);
            assertThat(plain.fetchCount(POSTS, POSTS.DELETED_AT.isNotNull())).isEqualTo(1);
            assertThat(plain.fetchCount(COMMENTS, COMMENTS.DELETED_AT.isNotNull())).as("bob's comment on alice's post too").isEqualTo(2);
        });
    }

    @Test
    void policyClassProperty_generatedPolicy_deletesRefusesAndRestoresOnMariaDb() {
        runner.withPropertyValues("softdelete.policy-class=" + SoftDeletes.class.getName()).run(context -> {
            DSLContext dsl = context.getBean(DSLContext.class);

            dsl.deleteFrom(POSTS).where(POSTS.ID.eq(10L)).execute();
            assertThat(dsl.fetchCount(POSTS)).isZero();
            assertThat(dsl.fetchCount(COMMENTS)).isZero();
            assertThat(plain.fetchCount(POSTS)).as("the row is still there").isEqualTo(1);
            assertThatThrownBy(() -> dsl.insertInto(COMMENTS, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.BODY)
                    .values(10L, 2L, "on a deleted post").execute())
                .isInstanceOf(SoftDeleteException.class)
                .hasMessageContaining("cannot write rows of \"comments\" that reference a deleted row of \"posts\"");

            assertThat(SoftDelete.restore(dsl, POSTS, POSTS.ID.eq(10L))).isEqualTo(1);
            assertThat(dsl.fetchCount(COMMENTS)).isEqualTo(2);
            assertThat(dsl.fetchCount(DSL.table(DSL.name("users")))).as("a table named without its schema").isEqualTo(2);
        });
    }
}
