package io.github.softdelete.spring;

import java.util.List;
import java.util.Objects;

import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.springframework.boot.jooq.autoconfigure.DefaultConfigurationCustomizer;
import org.springframework.core.Ordered;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteListener;
import io.github.softdelete.SoftDeletePolicy;

/**
 * Installs soft deletes on the jOOQ configuration that Spring Boot auto-configures.
 *
 * <p>It runs last among Boot's {@code DefaultConfigurationCustomizer}s ({@link Ordered#LOWEST_PRECEDENCE},
 * and auto-configured beans come after the application's own), after Boot has set the application's
 * {@code ExecuteListenerProvider} beans; {@link SoftDelete#install} appends the library's listeners behind
 * every listener already there. Define a bean of this type yourself to replace the starter's.
 *
 * <p>Thread-safe: Spring calls it once per configuration; it keeps no state.
 */
public final class SoftDeleteConfigurationCustomizer implements DefaultConfigurationCustomizer, Ordered {

    private final PolicySource policySource;
    private final SoftDeletePolicy policy;
    private final List<SoftDeleteListener> listeners;

    /**
     * A customizer that installs {@code policy}.
     *
     * @param policy the policy to install
     * @throws NullPointerException when {@code policy} is null
     */
    public SoftDeleteConfigurationCustomizer(SoftDeletePolicy policy) {
        this(policy, List.of());
    }

    /**
     * A customizer that installs {@code policy} with {@code listeners}, besides the policy's own
     * ({@link SoftDelete#install(org.jooq.Configuration, SoftDeletePolicy, SoftDeleteListener...)}).
     *
     * @param policy    the policy to install
     * @param listeners what hears the operations' events
     * @throws NullPointerException when {@code policy} or a listener is null
     */
    public SoftDeleteConfigurationCustomizer(SoftDeletePolicy policy, List<SoftDeleteListener> listeners) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.policySource = null;
        this.listeners = List.copyOf(listeners);
    }

    SoftDeleteConfigurationCustomizer(PolicySource policySource, List<SoftDeleteListener> listeners) {
        this.policy = null;
        this.policySource = policySource;
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Installs the policy on {@code configuration}.
     *
     * @param configuration Boot's jOOQ configuration, before it is used
     * @throws IllegalStateException when the policy cannot be built (see {@link SoftDeleteProperties}), or
     *                               cannot be installed on {@code configuration}
     */
    @Override
    public void customize(DefaultConfiguration configuration) {
        // A catalog-built policy reads the catalog through the application's own connection provider,
        // on a derived copy that has no soft-delete listener yet.
        SoftDeletePolicy installed = policy != null ? policy : policySource.policy(DSL.using(configuration.derive()));
        try {
            SoftDelete.install(configuration, installed, listeners.toArray(SoftDeleteListener[]::new));
        } catch (IllegalArgumentException e) {
            // install's refusal of a dialect other than PostgreSQL's and MariaDB's (Boot takes the dialect from the DataSource)
            throw new SoftDeleteStartupException("softdelete cannot be installed on Spring Boot's jOOQ configuration: "
                + e.getMessage() + ".", "softdelete runs on PostgreSQL and MariaDB: point spring.datasource.url at one of"
                + " them, or set spring.jooq.sql-dialect=POSTGRES or MARIADB if the dialect was guessed wrong; or set"
                + " softdelete.enabled=false.", e);
        } catch (IllegalStateException e) {
            // install's refusal of a second, different policy, or of a jOOQ that lacks an internal it needs; a
            // refused install changes nothing, so the listeners tell which it was.
            String action = ListenerOrderCheck.hasLibraryListener(configuration)
                ? "Install one policy: remove the application's own SoftDelete.install call on Boot's configuration (in a"
                    + " DefaultConfigurationCustomizer that runs before softdelete's), or set softdelete.enabled=false to keep it."
                : "Use a jOOQ version that softdelete supports, or set softdelete.enabled=false to start without soft deletes.";
            throw new SoftDeleteStartupException("softdelete cannot be installed on Spring Boot's jOOQ configuration: "
                + e.getMessage() + ".", action, e);
        }
    }

    /**
     * @return {@link Ordered#LOWEST_PRECEDENCE}: after every other customizer
     */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
