package io.github.softdelete.spring;

import java.util.List;

import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jooq.autoconfigure.DefaultConfigurationCustomizer;
import org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteListener;
import io.github.softdelete.SoftDeletePolicy;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Auto-configuration of soft deletes on Spring Boot's jOOQ {@code Configuration}.
 *
 * <p>It contributes a {@link SoftDeleteConfigurationCustomizer} (unless the application defines one) that
 * installs the policy given by a {@code SoftDeletePolicy} bean, {@code softdelete.policy-class} or
 * {@code softdelete.schema}, and a check that every jOOQ {@code Configuration} bean carries the library's
 * listeners after all others. {@code softdelete.enabled=false} turns all of it off.
 *
 * <p>Thread-safe: Spring uses it while the context starts.
 */
@AutoConfiguration(before = JooqAutoConfiguration.class)
@ConditionalOnClass({ DSLContext.class, SoftDelete.class, DefaultConfigurationCustomizer.class })
@ConditionalOnProperty(prefix = "softdelete", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(SoftDeleteProperties.class)
public class SoftDeleteAutoConfiguration {

    /** Used by Spring. */
    public SoftDeleteAutoConfiguration() {
    }

    /**
     * The customizer that installs the policy.
     *
     * @param policyBean     the application's {@code SoftDeletePolicy} bean, if any
     * @param properties     the {@code softdelete.*} properties
     * @param resourceLoader gives the class loader that loads {@code softdelete.policy-class}
     * @param listeners      the {@code SoftDeleteListener} beans, installed with the policy in their order: the
     *                       application's own, and those of {@code softdelete.events.*}
     * @return the customizer
     * @throws IllegalStateException when no policy, or more than one, is given
     */
    @Bean
    @ConditionalOnMissingBean(SoftDeleteConfigurationCustomizer.class)
    public SoftDeleteConfigurationCustomizer softDeleteConfigurationCustomizer(ObjectProvider<SoftDeletePolicy> policyBean,
                                                                               SoftDeleteProperties properties,
                                                                               ResourceLoader resourceLoader,
                                                                               ObjectProvider<SoftDeleteListener> listeners) {
        PolicySource source = PolicySource.of(policyBean.getIfAvailable(), properties, resourceLoader.getClassLoader());
        List<SoftDeleteListener> heard = listeners.orderedStream().toList();
        return source.needsDatabase() ? new SoftDeleteConfigurationCustomizer(source, heard)
            : new SoftDeleteConfigurationCustomizer(source.policy(null), heard);
    }

    /**
     * Publishes the operations' events as application events ({@code softdelete.events.publish=true}).
     *
     * @param publisher the application context
     * @return the listener that publishes them
     */
    @Bean
    @ConditionalOnProperty(prefix = "softdelete.events", name = "publish", havingValue = "true")
    SoftDeleteListener softDeleteApplicationEvents(ApplicationEventPublisher publisher) {
        return new ApplicationEventsListener(publisher);
    }

    /** Micrometer's counters, where Micrometer is on the class path ({@code softdelete.events.metrics=true}). */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    @ConditionalOnProperty(prefix = "softdelete.events", name = "metrics", havingValue = "true")
    static class Metrics {

        @Bean
        SoftDeleteListener softDeleteMetrics(ObjectProvider<MeterRegistry> registry) {
            return new SoftDeleteMetrics(registry);
        }
    }

    /**
     * The check that every jOOQ {@code Configuration} bean has the library's listeners, after all others.
     *
     * @param configurations the jOOQ configurations in the context
     * @return the check, run once every singleton exists
     */
    @Bean
    static ListenerOrderCheck softDeleteListenerOrderCheck(ObjectProvider<Configuration> configurations) {
        return new ListenerOrderCheck(configurations);
    }
}
