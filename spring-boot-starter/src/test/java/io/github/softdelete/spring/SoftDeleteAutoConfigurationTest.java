package io.github.softdelete.spring;

import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.VisitListener;
import org.jooq.VisitListenerProvider;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultVisitListenerProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jooq.autoconfigure.DefaultConfigurationCustomizer;
import org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.support.TransactionTemplate;

import io.github.softdelete.PlainSql;
import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.SoftDeletePolicy;
import io.github.softdelete.it.db.SoftDeletes;
import io.github.softdelete.it.harness.PostgresTest;
import io.github.softdelete.it.harness.TestDatabase;

/**
 * The starter on Spring Boot's own jOOQ auto-configuration, against the reference schema on PostgreSQL.
 * Fixture: alice (1) wrote post 10; alice (1) and bob (2) commented on it (100, 101).
 */
@PostgresTest
class SoftDeleteAutoConfigurationTest {

    private DSLContext plain;
    private ApplicationContextRunner runner;

    @BeforeEach
    void setUp(TestDatabase database) {
        plain = database.dsl();
        plain.truncate(USERS).cascade().execute();
        plain.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME)
            .values(1L, "alice@example.com", "Alice").values(2L, "bob@example.com", "Bob").execute();
        plain.insertInto(POSTS, POSTS.ID, POSTS.AUTHOR_ID, POSTS.TITLE).values(10L, 1L, "Hello").execute();
        plain.insertInto(COMMENTS, COMMENTS.ID, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.BODY)
            .values(100L, 10L, 1L, "first").values(101L, 10L, 2L, "second").execute();
        runner = runner(database);
    }

    /** An application with the starter and what it builds on (a DataSource, transactions, jOOQ), on {@code database}. */
    static ApplicationContextRunner runner(TestDatabase database) {
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
                JooqAutoConfiguration.class, SoftDeleteAutoConfiguration.class))
            .withPropertyValues(datasource(database));
    }

    @Test
    void policyBean_deleteCascadesAndRestoreBringsTreeBack() {
        runner.withBean(SoftDeletePolicy.class, () -> SoftDeletes.POLICY).run(context -> {
            DSLContext dsl = context.getBean(DSLContext.class);

            assertThat(dsl.deleteFrom(USERS).where(USERS.ID.eq(1L)).execute()).isEqualTo(1);
            assertThat(dsl.fetchCount(USERS)).isEqualTo(1);
            assertThat(dsl.fetchCount(COMMENTS)).isZero();
            assertThat(plain.fetchCount(POSTS, POSTS.DELETED_AT.isNotNull())).isEqualTo(1);
            assertThat(plain.fetchCount(COMMENTS, COMMENTS.DELETED_AT.isNotNull())).isEqualTo(2);

            assertThat(SoftDelete.restore(dsl, USERS, USERS.ID.eq(1L))).isEqualTo(1);
            assertThat(plain.fetchCount(USERS, USERS.DELETED_AT.isNull())).isEqualTo(2);
            assertThat(plain.fetchCount(POSTS, POSTS.DELETED_AT.isNull())).isEqualTo(1);
            assertThat(plain.fetchCount(COMMENTS, COMMENTS.DELETED_AT.isNull())).isEqualTo(2);
        });
    }

    @Test
    void refusals_throughBootsDslContext_theLibrarysException_inPlaceOfBootsTranslation() {
        // docs/sql-text.md, "Refusals and their exceptions": the library's listeners run after Boot's exception
        // translator, so DSL code catches the SoftDeleteException, whose short cause carries the server's SQLSTATE
        runner.withBean(SoftDeletePolicy.class, () -> SoftDeletes.POLICY).run(context -> {
            DSLContext dsl = context.getBean(DSLContext.class);
            dsl.deleteFrom(USERS).where(USERS.ID.eq(2L)).execute();

            assertThatThrownBy(() -> dsl.insertInto(POSTS, POSTS.AUTHOR_ID, POSTS.TITLE).values(2L, "by bob").execute())
                .isInstanceOf(SoftDeleteException.class)
                .hasMessageContaining("cannot write rows of \"posts\" that reference a deleted row of \"users\"")
                .hasCauseInstanceOf(java.sql.SQLException.class)
                .satisfies(e -> assertThat(((SoftDeleteException) e).sql()).as("the statement, for debugging").contains("insert into"));
            assertThatThrownBy(() -> dsl.update(POSTS).set(POSTS.DELETED_AT, DSL.currentOffsetDateTime()).execute())
                .isInstanceOf(SoftDeleteException.class)
                .hasMessageContaining("cannot write the soft-delete marker")
                .hasNoCause();
            assertThat(plain.fetchCount(POSTS)).isEqualTo(1);
        });
    }

    @Test
    void policyBeanFromConfiguration_isInstalledWithItsSettings() {
        runner.withUserConfiguration(PolicyConfiguration.class).run(context -> {
            DSLContext dsl = context.getBean(DSLContext.class);

            assertThat(dsl.fetchCount(COMMENTS)).isEqualTo(2);
            assertThatThrownBy(() -> dsl.fetch("select * from comments")).isInstanceOf(SoftDeleteException.class);
        });
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class PolicyConfiguration {
        // snippet:begin spring-policy-bean
        @Bean
        SoftDeletePolicy softDeletePolicy() {
            return SoftDeletes.builder().plainSql(PlainSql.REFUSE).build();
        }
        // snippet:end spring-policy-bean
    }

    @Test
    void policyClassProperty_installsGeneratedPolicyWithSettings() {
        runner.withPropertyValues("softdelete.policy-class=" + SoftDeletes.class.getName(),
            "softdelete.plain-sql=REFUSE").run(context -> {
                DSLContext dsl = context.getBean(DSLContext.class);

                dsl.deleteFrom(POSTS).where(POSTS.ID.eq(10L)).execute();

                assertThat(dsl.fetchCount(POSTS)).isZero();
                assertThat(plain.fetchCount(POSTS)).isEqualTo(1);
                assertThatThrownBy(() -> dsl.fetch("select * from posts")).isInstanceOf(SoftDeleteException.class);
            });
    }

    @Test
    void noPolicy_failsStartupNamingTheWaysOut() {
        runner.run(context -> assertThat(startupFailure(context.getStartupFailure()))
            .contains("has no soft-delete policy", "SoftDeletePolicy bean", "softdelete.policy-class",
                "softdelete.schema", "softdelete.enabled=false"));
    }

    @Test
    void policyBeanAndPolicyClass_failsStartupAskingForOne() {
        runner.withBean(SoftDeletePolicy.class, () -> SoftDeletes.POLICY)
            .withPropertyValues("softdelete.policy-class=" + SoftDeletes.class.getName())
            .run(context -> assertThat(startupFailure(context.getStartupFailure()))
                .contains("a SoftDeletePolicy bean and softdelete.policy-class=", "Keep exactly one"));
    }

    @Test
    void unknownPolicyClass_failsStartupNamingIt() {
        runner.withPropertyValues("softdelete.policy-class=com.example.db.NoSuchPolicy")
            .run(context -> assertThat(startupFailure(context.getStartupFailure()))
                .contains("softdelete.policy-class=com.example.db.NoSuchPolicy names no class"));
    }

    @Test
    void policyClassThatIsNoPolicy_failsStartupNamingIt() {
        runner.withPropertyValues("softdelete.policy-class=java.lang.String")
            .run(context -> assertThat(startupFailure(context.getStartupFailure()))
                .contains("softdelete.policy-class=java.lang.String is not a generated policy class"));
    }

    @Test
    void plainSqlPropertyAgainstPolicyBean_failsStartupInsteadOfIgnoringIt() {
        runner.withBean(SoftDeletePolicy.class, () -> SoftDeletes.POLICY)
            .withPropertyValues("softdelete.plain-sql=REFUSE")
            .run(context -> assertThat(startupFailure(context.getStartupFailure()))
                .contains("softdelete.plain-sql=REFUSE cannot change the SoftDeletePolicy bean"));
    }

    @Test
    void schemaProperty_catalogBuiltPolicyCascadesByTheDatabasesRules() {
        // jOOQ 3.19's metadata carries no ON DELETE rules: the cascade to posts and comments comes from pg_constraint.
        runner.withPropertyValues("softdelete.schema=public", "softdelete.plain-sql=REFUSE").run(context -> {
            DSLContext dsl = context.getBean(DSLContext.class);

            assertThat(dsl.deleteFrom(USERS).where(USERS.ID.eq(1L)).execute()).isEqualTo(1);

            assertThat(dsl.fetchCount(USERS)).isEqualTo(1);
            assertThat(dsl.fetchCount(COMMENTS)).isZero();
            assertThat(plain.fetchCount(POSTS, POSTS.DELETED_AT.isNotNull())).isEqualTo(1);
            assertThat(plain.fetchCount(COMMENTS, COMMENTS.DELETED_AT.isNotNull())).isEqualTo(2);
            assertThatThrownBy(() -> dsl.fetch("select * from posts")).isInstanceOf(SoftDeleteException.class);
        });
    }

    @Test
    void schemaProperty_unknownSchema_failsStartupNamingIt() {
        runner.withPropertyValues("softdelete.schema=no_such_schema")
            .run(context -> assertThat(startupFailure(context.getStartupFailure())).contains("no_such_schema"));
    }

    @Test
    void enabledFalse_backsOffEntirely() {
        runner.withPropertyValues("softdelete.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(SoftDeleteConfigurationCustomizer.class);

            context.getBean(DSLContext.class).deleteFrom(COMMENTS).where(COMMENTS.ID.eq(101L)).execute();

            assertThat(plain.fetchCount(COMMENTS)).isEqualTo(1);
        });
    }

    @Test
    void ownCustomizer_replacesTheStarters() {
        SoftDeleteConfigurationCustomizer own = new SoftDeleteConfigurationCustomizer(SoftDeletes.POLICY);
        runner.withBean(SoftDeleteConfigurationCustomizer.class, () -> own).run(context -> {
            assertThat(context.getBeansOfType(SoftDeleteConfigurationCustomizer.class)).hasSize(1);
            assertThat(context.getBean(SoftDeleteConfigurationCustomizer.class)).isSameAs(own);
            assertThat(context.getBean(DSLContext.class).fetchCount(COMMENTS)).isEqualTo(2);
        });
    }

    @Test
    void ownConfigurationWithSoftDelete_isLeftAlone() {
        runner.withBean(Configuration.class, () -> SoftDelete.install(
            new org.jooq.impl.DefaultConfiguration().set(plain.configuration().connectionProvider())
                .set(plain.dialect()), SoftDeletes.POLICY))
            .withBean(SoftDeletePolicy.class, () -> SoftDeletes.POLICY)
            .run(context -> {
                Configuration configuration = context.getBean(Configuration.class);
                assertThat(configuration.visitListenerProviders()).hasSize(1);
                DSLContext dsl = context.getBean(DSLContext.class);
                dsl.deleteFrom(COMMENTS).where(COMMENTS.ID.eq(101L)).execute();
                assertThat(dsl.fetchCount(COMMENTS)).isEqualTo(1);
                assertThat(plain.fetchCount(COMMENTS)).isEqualTo(2);
            });
    }

    @Test
    void ownConfigurationWithoutSoftDelete_failsStartupRatherThanLeak() {
        runner.withBean(Configuration.class, () -> new org.jooq.impl.DefaultConfiguration()
                .set(plain.configuration().connectionProvider()).set(plain.dialect()))
            .withBean(SoftDeletePolicy.class, () -> SoftDeletes.POLICY)
            .run(context -> assertThat(startupFailure(context.getStartupFailure()))
                .contains("has no soft-delete listener", "SoftDelete.install(configuration, policy)"));
    }

    @Test
    void applicationListeners_runBeforeTheLibrarys() {
        VisitListener appVisitListener = new VisitListener() {
        };
        ExecuteListener appExecuteListener = new ExecuteListener() {
        };
        runner.withBean(SoftDeletePolicy.class, () -> SoftDeletes.POLICY)
            .withBean("appExecuteListeners", ExecuteListenerProvider.class,
                () -> new DefaultExecuteListenerProvider(appExecuteListener))
            .withBean("appVisitListeners", DefaultConfigurationCustomizer.class,
                () -> c -> c.set(new DefaultVisitListenerProvider(appVisitListener)))
            .run(context -> {
                Configuration configuration = context.getBean(Configuration.class);
                List<Object> visit = Arrays.stream(configuration.visitListenerProviders())
                    .map(VisitListenerProvider::provide).map(Object.class::cast).toList();
                List<Object> execute = Arrays.stream(configuration.executeListenerProviders())
                    .map(ExecuteListenerProvider::provide).map(Object.class::cast).toList();

                assertThat(visit).hasSize(2).first().isSameAs(appVisitListener);
                assertThat(libraryListener(visit.get(1))).isTrue();
                assertThat(execute).contains(appExecuteListener);
                assertThat(execute.subList(execute.indexOf(appExecuteListener), execute.size()))
                    .last().matches(SoftDeleteAutoConfigurationTest::libraryListener);
            });
    }

    @Test
    void listenerOrderCheck_listenerBehindTheLibrarys_failsNamingIt() {
        Configuration configuration = SoftDelete.install(new org.jooq.impl.DefaultConfiguration().set(org.jooq.SQLDialect.POSTGRES), SoftDeletes.POLICY);
        VisitListenerProvider[] visit = Arrays.copyOf(configuration.visitListenerProviders(), 2);
        visit[1] = new DefaultVisitListenerProvider(new LateVisitListener());
        configuration.set(visit);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("jooqConfiguration", configuration);

        assertThatThrownBy(() -> new ListenerOrderCheck(beans.getBeanProvider(Configuration.class))
            .afterSingletonsInstantiated())
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("VisitListener " + LateVisitListener.class.getName() + " comes after softdelete's");
    }

    @Test
    void transactional_scopedFlagsWorkInsideAndRollbackUndoes() {
        runner.withBean(SoftDeletePolicy.class, () -> SoftDeletes.POLICY).withBean(AccountService.class)
            .run(context -> {
                AccountService accounts = context.getBean(AccountService.class);

                assertThatThrownBy(() -> accounts.closeAndFail(1L)).isInstanceOf(AccountService.Failure.class);

                assertThat(accounts.deletedSeenInside()).isEqualTo(1);
                assertThat(plain.fetchCount(USERS, USERS.DELETED_AT.isNull())).isEqualTo(2);
                assertThat(plain.fetchCount(COMMENTS, COMMENTS.DELETED_AT.isNull())).isEqualTo(2);
            });
    }

    @Test
    void transactionTemplate_scopedContextsShareTheTransaction() {
        runner.withBean(SoftDeletePolicy.class, () -> SoftDeletes.POLICY).run(context -> {
            DSLContext dsl = context.getBean(DSLContext.class);
            TransactionTemplate transactions = context.getBean(TransactionTemplate.class);

            int[] seen = transactions.execute(status -> {
                int deleted = dsl.deleteFrom(USERS).where(USERS.ID.eq(2L)).execute();
                int onlyDeleted = SoftDelete.onlyDeleted(dsl).fetchCount(COMMENTS);
                int hardDeleted = SoftDelete.hardDelete(dsl).deleteFrom(COMMENTS).where(COMMENTS.ID.eq(101L)).execute();
                int everything = SoftDelete.includeDeleted(dsl).fetchCount(USERS);
                status.setRollbackOnly();
                return new int[] { deleted, onlyDeleted, hardDeleted, everything };
            });

            assertThat(seen).containsExactly(1, 1, 1, 2);
            assertThat(plain.fetchCount(USERS, USERS.DELETED_AT.isNull())).isEqualTo(2);
            assertThat(plain.fetchCount(COMMENTS, COMMENTS.DELETED_AT.isNull())).isEqualTo(2);
        });
    }

    private static boolean libraryListener(Object listener) {
        return listener.getClass().getName().startsWith("io.github.softdelete.internal.");
    }

    /** Every message along the cause chain of a startup failure. */
    private static String startupFailure(Throwable failure) {
        assertThat(failure).as("startup failure").isNotNull();
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause())
            messages.append(cause.getMessage()).append('\n');
        return messages.toString();
    }

    /** A visit listener of the application's, set after softdelete's. */
    static final class LateVisitListener implements VisitListener {
    }

    /** The {@code spring.datasource.*} properties of {@code database}. */
    static String[] datasource(TestDatabase database) {
        List<String> properties = new ArrayList<>(List.of("spring.datasource.url=" + database.jdbcUrl(),
            "spring.datasource.hikari.maximum-pool-size=2"));
        if (database.user() != null)
            properties.add("spring.datasource.username=" + database.user());
        if (database.password() != null)
            properties.add("spring.datasource.password=" + database.password());
        return properties.toArray(String[]::new);
    }
}
