package io.github.softdelete.cli;

import picocli.CommandLine.Option;

/** How to reach the database, and which schema and policy to work on; shared by every command. */
final class ConnectionOptions {

    @Option(names = "--jdbc-url", required = true, paramLabel = "URL",
        description = "JDBC URL of the PostgreSQL database, e.g. jdbc:postgresql://localhost:5432/app")
    String jdbcUrl;

    @Option(names = "--user", paramLabel = "ROLE", description = "Role to log in as (default: the URL's, else the driver's)")
    String user;

    @Option(names = "--password", paramLabel = "PASSWORD", defaultValue = "${env:PGPASSWORD}",
        description = "The role's password (default: the environment variable PGPASSWORD, else the URL's)")
    String password;

    @Option(names = "--schema", paramLabel = "SCHEMA", defaultValue = "public",
        description = "Schema whose soft-deletable tables to work on (default: ${DEFAULT-VALUE})")
    String schema;

    @Option(names = "--marker-column", paramLabel = "COLUMN", defaultValue = "deleted_at",
        description = "With the catalog policy: the marker column that makes a table soft-deletable,"
            + " a timestamp column that is NULL for live rows (default: ${DEFAULT-VALUE})")
    String markerColumn;

    @Option(names = "--policy-class", paramLabel = "CLASS",
        description = "Use this generated policy class (softdelete-codegen's, with a static POLICY field) instead"
            + " of reading the policy from the database catalog; it must be on the class path, e.g."
            + " java -cp softdelete-cli-all.jar:app.jar io.github.softdelete.cli.SoftDeleteCli ...")
    String policyClass;
}
