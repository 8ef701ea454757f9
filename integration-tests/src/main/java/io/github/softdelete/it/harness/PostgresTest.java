package io.github.softdelete.it.harness;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against its own freshly migrated PostgreSQL database.
 *
 * <pre>{@code
 * @PostgresTest
 * class DeleteTest {
 *     @Test
 *     void delete_liveRow_setsDeletedAt(DSLContext plain, TestDatabase database) {
 *         DSLContext softDeleting = DSL.using(database.newConfiguration().set(...listener...));
 *         ...
 *     }
 * }
 * }</pre>
 *
 * @see PostgresExtension
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(PostgresExtension.class)
public @interface PostgresTest {
}
