package io.github.softdelete.examples;

/**
 * The demo's command line: {@code [--jdbc-url URL [--user USER] [--password PASSWORD]] [--help]}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param jdbcUrl  the server to run on, or {@code null} for embedded PostgreSQL
 * @param user     the role for {@code jdbcUrl}, or {@code null} when the URL names it
 * @param password the role's password, or {@code null}
 * @param help     whether to print {@link #USAGE} and stop
 */
record Arguments(String jdbcUrl, String user, String password, boolean help) {

    static final String USAGE = """
            Usage: mvn -q -pl examples -am compile exec:java [-Dexec.args="OPTIONS"]

            Walks through soft deletes in a small social app, printing for each step
            the jOOQ code, the SQL that jOOQ sent and the result.

            Options:
              --jdbc-url URL       run on your own PostgreSQL 13+ server, for example
                                   jdbc:postgresql://localhost:5432/postgres, or MariaDB
                                   10.11+ server, for example jdbc:mariadb://localhost:3306/
                                   (the dialect follows the URL). The demo creates a
                                   scratch database there (the role or user needs
                                   CREATEDB, or CREATE and DROP on MariaDB), migrates
                                   it with Flyway, and drops it at the end; it never
                                   touches your existing databases. Without this option
                                   the demo starts an embedded PostgreSQL 17 and needs
                                   nothing installed.
              --user USER          the role to connect as (default: the URL's, if any)
              --password PASSWORD  the role's password
              --help               print this and exit

            Exit codes: 0 done, 1 the demo failed, 2 bad arguments or unusable
            --jdbc-url.
            """;

    private static final String SCHEME = "jdbc:postgresql:";
    private static final String MARIADB_SCHEME = "jdbc:mariadb:";

    /**
     * Reads the command line. Options take their value as the next argument or after {@code =}.
     *
     * @throws IllegalArgumentException naming the argument that is wrong and what to pass instead
     */
    static Arguments parse(String... args) {
        String jdbcUrl = null;
        String user = null;
        String password = null;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            String option = equals < 0 ? arg : arg.substring(0, equals);
            switch (option) {
                case "--help", "-h" -> help = true;
                case "--jdbc-url", "--user", "--password" -> {
                    String value;
                    if (equals >= 0) {
                        value = arg.substring(equals + 1);
                    } else if (i + 1 < args.length) {
                        value = args[++i];
                    } else {
                        throw new IllegalArgumentException(option + " needs a value, as in " + option + " VALUE");
                    }
                    switch (option) {
                        case "--jdbc-url" -> jdbcUrl = value;
                        case "--user" -> user = value;
                        default -> password = value;
                    }
                }
                default -> throw new IllegalArgumentException("unknown argument \"" + arg
                        + "\"; the options are --jdbc-url, --user, --password and --help");
            }
        }
        if (help) {
            return new Arguments(null, null, null, true);
        }
        if (jdbcUrl == null && (user != null || password != null)) {
            throw new IllegalArgumentException("--user and --password need --jdbc-url; leave all three out"
                    + " to use embedded PostgreSQL");
        }
        if (jdbcUrl != null && !jdbcUrl.startsWith(SCHEME) && !jdbcUrl.startsWith(MARIADB_SCHEME)) {
            throw new IllegalArgumentException("--jdbc-url \"" + withoutParameters(jdbcUrl) + "\" is neither a PostgreSQL"
                    + " nor a MariaDB JDBC URL; pass one like jdbc:postgresql://localhost:5432/postgres or"
                    + " jdbc:mariadb://localhost:3306/");
        }
        return new Arguments(jdbcUrl, user, password, false);
    }

    /** The URL up to its parameters, for messages: parameters may carry a password. */
    static String withoutParameters(String url) {
        int question = url.indexOf('?');
        return question < 0 ? url : url.substring(0, question);
    }
}
