package io.github.softdelete.spring;

import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.VisitListenerProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultVisitListenerProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.BeanInstantiationException;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jooq.autoconfigure.DefaultConfigurationCustomizer;
import org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeletePolicy;
import io.github.softdelete.it.db.SoftDeletes;
import io.github.softdelete.it.harness.PostgresTest;
import io.github.softdelete.it.harness.TestDatabase;

/**
 * Each way the starter fails an application's start, as Spring Boot reports it: the failure analysis
 * (description and action) of the context's startup failure, several causes deep.
 */
@PostgresTest
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureAnalysisTest {

    private static final String NO_POLICY = "softdelete-spring-boot-starter has no soft-delete policy to install on jOOQ.";
    private static final String NO_POLICY_ACTION = "Define a SoftDeletePolicy bean, or set softdelete.policy-class to the"
        + " policy class softdelete-codegen generated (com.example.db.SoftDeletes), or softdelete.schema to read the"
        + " policy from the database catalog; or set softdelete.enabled=false to run without soft deletes.";
    private static final String REGENERATE = "Regenerate the class with softdelete-codegen from the current schema, or"
        + " define a SoftDeletePolicy bean.";

    private TestDatabase database;
    private DSLContext plain;
    private ApplicationContextRunner runner;

    @BeforeEach
    void setUp(TestDatabase database) {
        this.database = database;
        this.plain = database.dsl();
        runner = SoftDeleteAutoConfigurationTest.runner(database);
    }

    @Test
    void noPolicy_saysWhichSourcesThereAre() {
        runner.run(context -> assertAnalysis(context.getStartupFailure(), NO_POLICY, NO_POLICY_ACTION));
    }

    @Test
    void twoPolicies_asksForOne() {
        runner.withBean(SoftDeletePolicy.class, () -> SoftDeletes.POLICY)
            .withPropertyValues("softdelete.schema=public")
            .run(context -> assertAnalysis(context.getStartupFailure(), "softdelete-spring-boot-starter was given a"
                + " SoftDeletePolicy bean and softdelete.schema=public as the soft-delete policy, and can install only one.",
                "Keep exactly one of them."));
    }

    @Test
    void plainSqlPropertyAgainstPolicyBean_pointsAtTheBeansBuilder() {
        runner.withBean(SoftDeletePolicy.class, () -> SoftDeletes.POLICY)
            .withPropertyValues("softdelete.plain-sql=REFUSE")
            .run(context -> assertAnalysis(context.getStartupFailure(), "softdelete.plain-sql=REFUSE cannot change"
                + " the SoftDeletePolicy bean, which is built with plainSql(PlainSql.PARSE).",
                "Set it on the bean's builder, and remove the property."));
    }

    @Test
    void missingPolicyClass_namesIt() {
        runner.withPropertyValues("softdelete.policy-class=com.example.db.NoSuchPolicy")
            .run(context -> assertAnalysis(context.getStartupFailure(),
                "softdelete.policy-class=com.example.db.NoSuchPolicy names no class on the class path.",
                "Name the policy class softdelete-codegen generated beside jOOQ's Keys (com.example.db.SoftDeletes)."));
    }

    @Test
    void policyClassThatIsNoPolicy_namesWhatItLacks() {
        runner.withPropertyValues("softdelete.policy-class=java.lang.String")
            .run(context -> assertAnalysis(context.getStartupFailure(), "softdelete.policy-class=java.lang.String is not"
                + " a generated policy class: it needs a public static SoftDeletePolicy.Builder builder() or a public"
                + " static final SoftDeletePolicy POLICY.",
                "Name the class softdelete-codegen generated, or define a SoftDeletePolicy bean."));
    }

    @Test
    void policyClassWhoseInitializerFails_isNotCalledMissing() {
        String name = FailingPolicyClass.class.getName();
        runner.withPropertyValues("softdelete.policy-class=" + name).run(context -> {
            Throwable failure = context.getStartupFailure();
            IllegalArgumentException invalid = cause(failure, IllegalArgumentException.class);
            assertAnalysis(failure, "softdelete.policy-class=" + name + " could not be loaded: its static initializer"
                + " failed with " + invalid + ".", REGENERATE);
        });
    }

    @Test
    void policyClassBuildingAnInvalidPolicy_saysWhatIsInvalid() {
        String name = InvalidPolicyClass.class.getName();
        runner.withPropertyValues("softdelete.policy-class=" + name).run(context -> {
            Throwable failure = context.getStartupFailure();
            assertAnalysis(failure, "softdelete.policy-class=" + name + " builds no valid soft-delete policy: "
                + cause(failure, IllegalArgumentException.class).getMessage() + ".", REGENERATE);
        });
    }

    @Test
    void unknownSchema_namesItAndTheWayOut() {
        runner.withPropertyValues("softdelete.schema=no_such_schema").run(context -> {
            Throwable failure = context.getStartupFailure();
            assertAnalysis(failure, "softdelete.schema=no_such_schema gives no soft-delete policy: "
                + cause(failure, IllegalArgumentException.class).getMessage() + ".", SCHEMA_ACTION);
            assertThat(failure.getMessage()).contains("no_such_schema");
        });
    }

    @Test
    void schemaWithoutMarkerColumns_namesItAndTheWayOut() {
        plain.execute("create schema if not exists no_markers");
        plain.execute("create table if not exists no_markers.notes (id bigint primary key)");
        try {
            runner.withPropertyValues("softdelete.schema=no_markers").run(context -> {
                Throwable failure = context.getStartupFailure();
                assertAnalysis(failure, "softdelete.schema=no_markers gives no soft-delete policy: "
                    + cause(failure, IllegalArgumentException.class).getMessage() + ".", SCHEMA_ACTION);
            });
        } finally {
            plain.execute("drop schema no_markers cascade");
        }
    }

    private static final String SCHEMA_ACTION = "Set softdelete.schema to the schema whose soft-deletable tables have a"
        + " marker (deleted_at, a boolean is_deleted or deleted), and declare markers with other names in"
        + " softdelete.markers, e.g. softdelete.markers=ticket_tags = flag(hidden); check each entry of"
        + " softdelete.markers against the schema's tables and columns.";

    @Test
    void dialectOtherThanPostgresOrMariaDb_pointsAtTheDatasourceAndTheDialect() {
        runner.withBean(SoftDeletePolicy.class, () -> SoftDeletes.POLICY)
            .withPropertyValues("spring.jooq.sql-dialect=H2").run(context -> {
                Throwable failure = context.getStartupFailure();
                assertAnalysis(failure, "softdelete cannot be installed on Spring Boot's jOOQ configuration: "
                    + cause(failure, IllegalArgumentException.class).getMessage() + ".", "softdelete runs on PostgreSQL and"
                    + " MariaDB: point spring.datasource.url at one of them, or set spring.jooq.sql-dialect=POSTGRES or"
                    + " MARIADB if the dialect was guessed wrong; or set softdelete.enabled=false.");
            });
    }

    @Test
    void anotherPolicyInstalledByTheApplication_asksForOne() {
        SoftDeletePolicy usersOnly = SoftDeletePolicy.builder().table(USERS, USERS.DELETED_AT).build();
        runner.withBean(SoftDeletePolicy.class, () -> SoftDeletes.POLICY)
            .withBean("ownInstall", DefaultConfigurationCustomizer.class, () -> c -> SoftDelete.install(c, usersOnly))
            .run(context -> {
                Throwable failure = context.getStartupFailure();
                assertAnalysis(failure, "softdelete cannot be installed on Spring Boot's jOOQ configuration: "
                    + cause(failure, SoftDeleteStartupException.class).getCause().getMessage() + ".", "Install one"
                    + " policy: remove the application's own SoftDelete.install call on Boot's configuration (in a"
                    + " DefaultConfigurationCustomizer that runs before softdelete's), or set softdelete.enabled=false to"
                    + " keep it.");
            });
    }

    @Test
    void ownConfigurationWithoutSoftDelete_saysHowToInstall() {
        runner.withBean(Configuration.class, () -> new DefaultConfiguration()
                .set(plain.configuration().connectionProvider()).set(plain.dialect()))
            .withBean(SoftDeletePolicy.class, () -> SoftDeletes.POLICY)
            .run(context -> {
                FailureAnalysis analysis = analysis(context.getStartupFailure());
                assertThat(analysis.getDescription()).matches("The jOOQ Configuration bean DefaultConfiguration@\\p{XDigit}+"
                    + " has no soft-delete listener, so its queries would return deleted rows\\.");
                assertThat(analysis.getAction()).isEqualTo("An application that defines its own org.jooq.Configuration"
                    + " bean gets no auto-configuration: call SoftDelete.install(configuration, policy) last when building"
                    + " it, or set softdelete.enabled=false.");
            });
    }

    @Test
    void listenerBehindTheLibrarys_namesItAndTheOrderToGive() {
        Configuration configuration = SoftDelete.install(new DefaultConfiguration().set(SQLDialect.POSTGRES), SoftDeletes.POLICY);
        VisitListenerProvider[] visit = Arrays.copyOf(configuration.visitListenerProviders(), 2);
        visit[1] = new DefaultVisitListenerProvider(new SoftDeleteAutoConfigurationTest.LateVisitListener());
        configuration.set(visit);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("jooqConfiguration", configuration);
        ListenerOrderCheck check = new ListenerOrderCheck(beans.getBeanProvider(Configuration.class));

        assertThatThrownBy(check::afterSingletonsInstantiated).satisfies(failure -> assertAnalysis(failure,
            "The jOOQ VisitListener " + SoftDeleteAutoConfigurationTest.LateVisitListener.class.getName() + " comes after softdelete's listeners, which"
                + " must run after every other listener. It was added by a DefaultConfigurationCustomizer that ran after"
                + " softdelete's.",
            "Give that customizer an @Order before Ordered.LOWEST_PRECEDENCE, or add the listener as an"
                + " ExecuteListenerProvider bean."));
    }

    @Test
    void invalidPolicyBean_namesTheBeanMethodAndWhatIsInvalid() {
        runner.withUserConfiguration(InvalidPolicyBean.class).run(context -> {
            Throwable failure = context.getStartupFailure();
            String method = InvalidPolicyBean.class.getName() + ".softDeletePolicy()";
            assertThat(new StartupFailureAnalyzer().analyze(failure)).isNull();
            FailureAnalysis analysis = new PolicyBeanFailureAnalyzer().analyze(failure);
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).isEqualTo("The SoftDeletePolicy bean of " + method + " could not be"
                + " built: " + cause(failure, IllegalArgumentException.class).getMessage() + ".");
            assertThat(analysis.getAction()).isEqualTo("Correct the registrations the description names in " + method
                + "; SoftDeletePolicy.Builder.build() lists every table and column that is not valid.");
        });
    }

    @Test
    void invalidPolicyBean_createdInsideTheStartersCustomizer_isFoundBeneathIt() {
        runner.withUserConfiguration(LazyInvalidPolicyBean.class).run(context -> {
            Throwable failure = context.getStartupFailure();
            // The customizer's own factory method failed first, creating the lazy policy bean.
            assertThat(cause(failure, BeanInstantiationException.class).getConstructingMethod().getName())
                .isEqualTo("softDeleteConfigurationCustomizer");
            FailureAnalysis analysis = new PolicyBeanFailureAnalyzer().analyze(failure);
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).startsWith("The SoftDeletePolicy bean of "
                + LazyInvalidPolicyBean.class.getName() + ".softDeletePolicy() could not be built: invalid soft-delete policy");
        });
    }

    @Test
    void failuresThatAreNotTheStarters_areLeftToBoot() {
        runner.withBean(SoftDeletePolicy.class, () -> SoftDeletes.POLICY).withUserConfiguration(FailingOtherBean.class)
            .run(context -> {
                Throwable failure = context.getStartupFailure();
                assertThat(failure).isNotNull();
                assertThat(new StartupFailureAnalyzer().analyze(failure)).isNull();
                assertThat(new PolicyBeanFailureAnalyzer().analyze(failure)).isNull();
            });
    }

    @Test
    void springApplication_printsTheAnalysis(CapturedOutput output) {
        SpringApplication application = new SpringApplication(MinimalApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setBannerMode(Banner.Mode.OFF);
        application.setRegisterShutdownHook(false);

        assertThatThrownBy(() -> application.run(arguments(database))).isNotNull();

        assertThat(output.toString()).contains("APPLICATION FAILED TO START", "Description:\n\n" + NO_POLICY + "\n",
            "Action:\n\n" + NO_POLICY_ACTION + "\n");
    }

    /** What Boot reports for {@code failure}, through the starter's analyzers. */
    private static FailureAnalysis analysis(Throwable failure) {
        assertThat(failure).as("startup failure").isNotNull();
        FailureAnalysis analysis = new StartupFailureAnalyzer().analyze(failure);
        assertThat(analysis).as("analysis of %s", failure).isNotNull();
        assertThat(analysis.getCause()).isInstanceOf(SoftDeleteStartupException.class);
        return analysis;
    }

    private static void assertAnalysis(Throwable failure, String description, String action) {
        FailureAnalysis analysis = analysis(failure);
        assertThat(analysis.getDescription()).isEqualTo(description);
        assertThat(analysis.getAction()).isEqualTo(action);
        // Without Boot's report (a log, a test runner) the message carries both.
        assertThat(analysis.getCause().getMessage()).isEqualTo(description + " " + action);
    }

    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause())
            if (type.isInstance(cause))
                return type.cast(cause);
        throw new AssertionError("no " + type.getSimpleName() + " among the causes of " + failure);
    }

    /** A policy class whose static initializer fails: it builds a policy of no table. */
    public static final class FailingPolicyClass {
        public static final SoftDeletePolicy POLICY = SoftDeletePolicy.builder().build();

        private FailingPolicyClass() {
        }
    }

    /** A policy class whose builder registers a text column as a timestamp marker. */
    public static final class InvalidPolicyClass {
        private InvalidPolicyClass() {
        }

        public static SoftDeletePolicy.Builder builder() {
            return SoftDeletePolicy.builder().table(USERS, USERS.NAME);
        }
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class InvalidPolicyBean {
        @Bean
        SoftDeletePolicy softDeletePolicy() {
            return SoftDeletePolicy.builder().table(USERS, USERS.NAME).build();
        }
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class LazyInvalidPolicyBean {
        @Bean
        @Lazy
        SoftDeletePolicy softDeletePolicy() {
            return SoftDeletePolicy.builder().table(USERS, USERS.NAME).build();
        }
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class FailingOtherBean {
        @Bean
        String notAPolicy() {
            throw new IllegalArgumentException("the application's own failure");
        }
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
        TransactionAutoConfiguration.class, JooqAutoConfiguration.class, SoftDeleteAutoConfiguration.class })
    static class MinimalApplication {
    }

    private static String[] arguments(TestDatabase database) {
        return Arrays.stream(SoftDeleteAutoConfigurationTest.datasource(database)).map(property -> "--" + property).toArray(String[]::new);
    }
}
