package io.github.softdelete.it.harness;

/**
 * A PostgreSQL JDBC URL split around its database name, so the harness can point the same server
 * address and parameters at each database it creates.
 *
 * <p>Handles {@code jdbc:postgresql://host[:port][,host2...][/database][?parameters]} and
 * {@code jdbc:postgresql:database[?parameters]}. Immutable and thread-safe.
 */
record JdbcUrl(String prefix, String database, String parameters) {

    private static final String SCHEME = "jdbc:postgresql:";

    static JdbcUrl parse(String url) {
        if (url == null || !url.startsWith(SCHEME)) {
            throw new IllegalArgumentException("\"" + url + "\" is not a PostgreSQL JDBC URL: it must start with "
                    + SCHEME + ", as in jdbc:postgresql://localhost:5432/postgres");
        }
        int question = url.indexOf('?');
        String parameters = question < 0 ? "" : url.substring(question);
        String base = question < 0 ? url : url.substring(0, question);
        String rest = base.substring(SCHEME.length());
        if (!rest.startsWith("//")) {
            return new JdbcUrl(SCHEME, rest, parameters);
        }
        int slash = rest.indexOf('/', 2);
        if (slash < 0) {
            // No database in the URL: the driver would use the user name. We always name one.
            return new JdbcUrl(base + "/", "", parameters);
        }
        return new JdbcUrl(SCHEME + rest.substring(0, slash + 1), rest.substring(slash + 1), parameters);
    }

    /** The same server and parameters, with another database. */
    String withDatabase(String name) {
        return prefix + name + parameters;
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
