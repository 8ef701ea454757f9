package io.github.softdelete.spring;

import java.util.Arrays;
import java.util.List;

import org.jooq.Configuration;
import org.jooq.ExecuteListenerProvider;
import org.jooq.VisitListenerProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Fails the application's start when a jOOQ {@code Configuration} bean would leak deleted rows or run the
 * library's listeners before the application's: one without the soft-delete listener (an application's
 * own {@code Configuration} bean, which Boot and this starter leave alone), or one where a customizer that
 * ran after the starter's put listeners behind the library's.
 *
 * <p>A library listener is one whose class is in {@code io.github.softdelete}'s packages: data the library
 * controls, and independent of which listeners a version of the core installs.
 */
final class ListenerOrderCheck implements SmartInitializingSingleton {

    private static final String LIBRARY_PACKAGE = "io.github.softdelete";

    private final ObjectProvider<Configuration> configurations;

    ListenerOrderCheck(ObjectProvider<Configuration> configurations) {
        this.configurations = configurations;
    }

    @Override
    public void afterSingletonsInstantiated() {
        configurations.orderedStream().forEach(ListenerOrderCheck::check);
    }

    private static void check(Configuration configuration) {
        List<Object> visitListeners = Arrays.stream(configuration.visitListenerProviders())
            .map(VisitListenerProvider::provide).map(Object.class::cast).toList();
        List<Object> executeListeners = Arrays.stream(configuration.executeListenerProviders())
            .map(ExecuteListenerProvider::provide).map(Object.class::cast).toList();
        if (visitListeners.stream().noneMatch(ListenerOrderCheck::isLibrary))
            throw new SoftDeleteStartupException("The jOOQ Configuration bean " + describe(configuration) + " has no "
                + "soft-delete listener, so its queries would return deleted rows.", "An application that defines "
                + "its own org.jooq.Configuration bean gets no auto-configuration: call "
                + "SoftDelete.install(configuration, policy) last when building it, or set softdelete.enabled=false.");
        requireLibraryLast(visitListeners, "VisitListener");
        requireLibraryLast(executeListeners, "ExecuteListener");
    }

    /** Whether {@code configuration} has the soft-delete listener of some policy. */
    static boolean hasLibraryListener(Configuration configuration) {
        return Arrays.stream(configuration.visitListenerProviders()).map(VisitListenerProvider::provide)
            .anyMatch(ListenerOrderCheck::isLibrary);
    }

    private static void requireLibraryLast(List<Object> listeners, String kind) {
        boolean librarySeen = false;
        for (Object listener : listeners) {
            if (isLibrary(listener))
                librarySeen = true;
            else if (librarySeen)
                throw new SoftDeleteStartupException("The jOOQ " + kind + " " + listener.getClass().getName()
                    + " comes after softdelete's listeners, which must run after every other listener. It was added "
                    + "by a DefaultConfigurationCustomizer that ran after softdelete's.", "Give that customizer an "
                    + "@Order before Ordered.LOWEST_PRECEDENCE, or add the listener as an ExecuteListenerProvider bean.");
        }
    }

    private static boolean isLibrary(Object listener) {
        String name = listener.getClass().getName();
        return name.startsWith(LIBRARY_PACKAGE + ".") && !name.startsWith(LIBRARY_PACKAGE + ".spring.");
    }

    private static String describe(Configuration configuration) {
        return configuration.getClass().getSimpleName() + "@" + Integer.toHexString(System.identityHashCode(configuration));
    }
}
