package io.github.softdelete.it.harness;

import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test class its own freshly migrated database, dropped after the class.
 *
 * <p>Test methods, constructors and lifecycle methods may declare parameters of type
 * {@link TestDatabase}, {@link DataSource} or {@link DSLContext} (plain jOOQ, no listeners). Tests
 * in one class share the database, as do {@code @Nested} classes with their enclosing class.
 * Usually applied through {@link PostgresTest}.
 *
 * <p>It steps aside for a {@link MariaDbTest} class, such as a subclass of a PostgreSQL test class
 * that runs its tests on MariaDB: it creates no database there and resolves no parameter, leaving
 * both to {@link MariaDbExtension}.
 *
 * <p>Thread-safe; holds no state of its own.
 */
public final class PostgresExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        // Create the database before any test runs, so a missing server fails the class once.
        if (!MariaDbExtension.isMariaDbTest(context)) {
            database(context);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        if (MariaDbExtension.isMariaDbTest(context)) {
            return false;
        }
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
     * The database of the test class that {@code context} belongs to, for other extensions (such
     * as invariant checks after each test). Creates it if the class has none yet.
     *
     * @throws IllegalStateException when no PostgreSQL server can be found or started, or when the
     *         class is a {@link MariaDbTest}, whose database {@link MariaDbExtension#database} gives
     */
    public static TestDatabase database(ExtensionContext context) {
        if (MariaDbExtension.isMariaDbTest(context)) {
            throw new IllegalStateException(context.getRequiredTestClass().getName() + " is a @MariaDbTest: it has"
                    + " no PostgreSQL database. Ask MariaDbExtension.database(context) for its database, or check"
                    + " MariaDbExtension.isMariaDbTest(context) first.");
        }
        // The store looks in enclosing contexts first, so methods and @Nested classes find the
        // class's database; JUnit closes it (drops the database) when that context ends.
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(TestDatabase.class,
                key -> PostgresServers.shared().createMigratedDatabase(context.getRequiredTestClass().getSimpleName()),
                TestDatabase.class);
    }
}
