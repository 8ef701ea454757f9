/**
 * A test harness for PostgreSQL and MariaDB: one server of each per JVM, found on first use, and one
 * freshly migrated database per test class.
 *
 * <p>Test classes use {@link io.github.softdelete.it.harness.PostgresTest} or
 * {@link io.github.softdelete.it.harness.MariaDbTest}; a {@code @MariaDbTest} subclass of a PostgreSQL
 * test class runs its tests on MariaDB. A plain {@code main} method calls
 * {@link io.github.softdelete.it.harness.PostgresServers#shared()} (or
 * {@link io.github.softdelete.it.harness.MariaDbServers#shared()}) and {@code createMigratedDatabase()}.
 *
 * <p>PostgreSQL comes from the first of these that works: the {@code SOFTDELETE_JDBC_URL},
 * {@code SOFTDELETE_JDBC_USER} and {@code SOFTDELETE_JDBC_PASSWORD} environment variables; a
 * PostgreSQL 17 container when Docker runs; an embedded PostgreSQL 17 started from binaries on the
 * classpath.
 *
 * <p>MariaDB comes from the {@code SOFTDELETE_MARIADB_URL}, {@code SOFTDELETE_MARIADB_USER} and
 * {@code SOFTDELETE_MARIADB_PASSWORD} environment variables, else from the {@code mariadbd} installed
 * on this machine (Debian's {@code mariadb-server}), which the harness starts itself.
 */
package io.github.softdelete.it.harness;
