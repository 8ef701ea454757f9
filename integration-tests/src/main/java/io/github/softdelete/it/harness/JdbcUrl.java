package io.github.softdelete.it.harness;

/**
 * A PostgreSQL or MariaDB JDBC URL split around its database name, so the harness can point the same
 * server address and parameters at each database it creates.
 *
 * <p>Handles {@code jdbc:postgresql://host[:port][,host2...][/database][?parameters]},
 * {@code jdbc:postgresql:database[?parameters]} and
 * {@code jdbc:mariadb:[mode:]//host[:port][,host2...][/database][?parameters]}. Immutable and thread-safe.
 */
record JdbcUrl(String prefix, String database, String parameters) {

    private static final String POSTGRES = "jdbc:postgresql:";
    private static final String MARIADB = "jdbc:mariadb:";

    /** Parses a PostgreSQL JDBC URL. */
    static JdbcUrl parse(String url) {
        return parse(url, POSTGRES, "PostgreSQL", "jdbc:postgresql://localhost:5432/postgres");
    }

    /** Parses a MariaDB JDBC URL. */
    static JdbcUrl parseMariaDb(String url) {
        return parse(url, MARIADB, "MariaDB", "jdbc:mariadb://localhost:3306/");
    }

    private static JdbcUrl parse(String url, String scheme, String engine, String example) {
        if (url == null || !url.startsWith(scheme)) {
            throw new IllegalArgumentException("\"" + url + "\" is not a " + engine + " JDBC URL: it must start with "
                    + scheme + ", as in " + example);
        }
        int question = url.indexOf('?');
        String parameters = question < 0 ? "" : url.substring(question);
        String base = question < 0 ? url : url.substring(0, question);
        String rest = base.substring(scheme.length());
        // MariaDB may put a mode before the hosts: jdbc:mariadb:replication://a,b/app.
        int hosts = rest.indexOf("//");
        if (hosts < 0) {
            return new JdbcUrl(scheme, rest, parameters);
        }
        int slash = rest.indexOf('/', hosts + 2);
        if (slash < 0) {
            // No database in the URL: the driver would use a default. We always name one.
            return new JdbcUrl(base + "/", "", parameters);
        }
        return new JdbcUrl(scheme + rest.substring(0, slash + 1), rest.substring(slash + 1), parameters);
    }

    /** The same server and parameters, with another database. */
    String withDatabase(String name) {
        return prefix + name + parameters;
    }

    /** The same server, with another database and the parameters followed by {@code more} ("a=1&b=2"). */
    String withDatabase(String name, String more) {
        return prefix + name + (parameters.isEmpty() ? "?" : parameters + "&") + more;
    }

    /** The URL without its parameters, for messages: parameters may carry a password. */
    String withoutParameters() {
        return prefix + database;
    }

    @Override
    public String toString() {
        return withoutParameters();
    }
}
