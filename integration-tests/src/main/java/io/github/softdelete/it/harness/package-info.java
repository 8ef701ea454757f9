/**
 * A PostgreSQL test harness: one server per JVM, one freshly migrated database per test class.
 *
 * <p>Test classes use {@link io.github.softdelete.it.harness.PostgresTest}; a plain {@code main}
 * method calls {@link io.github.softdelete.it.harness.PostgresServers#shared()} and
 * {@link io.github.softdelete.it.harness.PostgresServer#createMigratedDatabase()}.
 *
 * <p>The server comes from the first of these that works: the {@code SOFTDELETE_JDBC_URL},
 * {@code SOFTDELETE_JDBC_USER} and {@code SOFTDELETE_JDBC_PASSWORD} environment variables; a
 * PostgreSQL 17 container when Docker runs; an embedded PostgreSQL 17 started from binaries on the
 * classpath.
 */
package io.github.softdelete.it.harness;
