package io.github.softdelete.it.harness;

import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Gives each test class its own freshly migrated MariaDB database, dropped after the class, as
 * {@link PostgresExtension} does on PostgreSQL.
 *
 * <p>Test methods, constructors and lifecycle methods may declare parameters of type
 * {@link TestDatabase}, {@link DataSource} or {@link DSLContext} (plain jOOQ, no listeners). Tests
 * in one class share the database, as do {@code @Nested} classes with their enclosing class.
 * Applied through {@link MariaDbTest}, which also decides it over an inherited {@link PostgresTest}.
 *
 * <p>Thread-safe; holds no state of its own.
 */
public final class MariaDbExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MariaDbExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        // Create the database before any test runs, so a missing server fails the class once.
        database(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestDatabase.class || type == DataSource.class || type == DSLContext.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestDatabase database = database(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == DataSource.class) {
            return database.dataSource();
        }
        if (type == DSLContext.class) {
            return database.dsl();
        }
        return database;
    }

    /**
     * The MariaDB database of the test class that {@code context} belongs to, for other extensions.
     * Creates it if the class has none yet.
     *
     * @throws IllegalStateException when no MariaDB server can be found or started
     */
    public static TestDatabase database(ExtensionContext context) {
        // As in PostgresExtension: methods and @Nested classes find the class's database in the
        // enclosing contexts' stores, and JUnit closes it (drops the database) when that context ends.
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(TestDatabase.class,
                key -> MariaDbServers.shared().createMigratedDatabase(context.getRequiredTestClass().getSimpleName()),
                TestDatabase.class);
    }

    /**
     * Whether the test class of {@code context}, or the class of a {@code @Nested} class, is a
     * {@link MariaDbTest} (directly or through a superclass).
     */
    public static boolean isMariaDbTest(ExtensionContext context) {
        // Up the contexts, not the enclosing classes: a static nested class runs on its own, without
        // the extensions of the class around it; a @Nested one runs inside that class's context.
        for (Optional<ExtensionContext> current = Optional.of(context); current.isPresent(); current = current.get().getParent()) {
            if (current.get().getTestClass().filter(type -> AnnotationSupport.isAnnotated(type, MariaDbTest.class)).isPresent()) {
                return true;
            }
        }
        return false;
    }
}
