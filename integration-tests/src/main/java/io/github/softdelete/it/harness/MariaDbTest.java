package io.github.softdelete.it.harness;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against its own freshly migrated MariaDB database, which
 * {@link TestDatabase#dialect()} tells apart.
 *
 * <pre>{@code
 * @MariaDbTest
 * class DeleteOnMariaDbTest {
 *     @Test
 *     void delete_liveRow_setsDeletedAt(DSLContext plain, TestDatabase database) {
 *         DSLContext softDeleting = DSL.using(database.newConfiguration().set(...listener...));
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>On a subclass of a {@link PostgresTest} class it runs that class's tests on MariaDB: the
 * {@link PostgresExtension} it inherits steps aside, and every {@link TestDatabase}, {@code DataSource}
 * and {@code DSLContext} parameter is MariaDB's.
 *
 * <pre>{@code
 * @MariaDbTest
 * class ReadFilteringMatrixOnMariaDbTest extends ReadFilteringMatrixTest {
 * }
 * }</pre>
 *
 * @see MariaDbExtension
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(MariaDbExtension.class)
public @interface MariaDbTest {
}
