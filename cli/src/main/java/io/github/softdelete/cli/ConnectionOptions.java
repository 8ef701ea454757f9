package io.github.softdelete.cli;

import io.github.softdelete.SoftDeletePolicy;
import picocli.CommandLine.Option;

/** How to reach the database, and which schema and policy to work on; shared by every command. */
final class ConnectionOptions {

    @Option(names = "--jdbc-url", required = true, paramLabel = "URL",
        description = "JDBC URL of the PostgreSQL or MariaDB database, e.g. jdbc:postgresql://localhost:5432/app or"
            + " jdbc:mariadb://localhost:3306/app")
    String jdbcUrl;

    @Option(names = "--user", paramLabel = "ROLE", description = "Role to log in as (default: the URL's, else the driver's)")
    String user;

    @Option(names = "--password", paramLabel = "PASSWORD",
        description = "The role's password (default: on PostgreSQL the environment variable PGPASSWORD, else the URL's)")
    String password;

    @Option(names = "--schema", paramLabel = "SCHEMA",
        description = "Schema whose soft-deletable tables to work on; on MariaDB a database (default: public on"
            + " PostgreSQL, the URL's database on MariaDB)")
    String schema;

    @Option(names = "--markers", paramLabel = "ENTRIES",
        description = "With the catalog policy: markers with other names than the conventions' (deleted_at; a boolean"
            + " is_deleted or deleted, with deleted_at beside it if there is one; deleted_by where present), in"
            + " softdelete-codegen's softdelete.markers syntax, per table where needed, e.g."
            + " 'ticket_tags = flag(hidden).deletedBy(hidden_by); timestamp(removed_at); audit_log = none'")
    String markers;

    @Option(names = "--marker-column", paramLabel = "COLUMN",
        description = "With the catalog policy, instead of the conventions: the one column that makes a table"
            + " soft-deletable, a timestamp (NULL when live, the time of deletion when deleted) or a boolean flag"
            + " (true when deleted)")
    String markerColumn;

    @Option(names = "--timestamp-column", paramLabel = "COLUMN",
        description = "With the catalog policy and a boolean --marker-column: the timestamp column that a delete"
            + " also fills (a flag-and-timestamp marker). A purge goes by it; a flag alone records no time of deletion")
    String timestampColumn;

    @Option(names = "--deleted-by-column", paramLabel = "COLUMN",
        description = "With the catalog policy: the column that records who deleted a row, on the tables that have it")
    String deletedByColumn;

    @Option(names = "--policy-class", paramLabel = "CLASS",
        description = "Use this generated policy class (softdelete-codegen's, with a static POLICY field) instead"
            + " of reading the policy from the database catalog; it must be on the class path, e.g."
            + " java -cp softdelete-cli-all.jar:app.jar io.github.softdelete.cli.SoftDeleteCli ...")
    String policyClass;

    /** {@return the marker column's name: --marker-column, else the library's default} */
    String marker() {
        return markerColumn == null ? SoftDeletePolicy.DEFAULT_MARKER : markerColumn;
    }

    /** Whether --marker-column, --timestamp-column or --deleted-by-column replace the conventions. */
    boolean oneMarkerColumn() {
        return markerColumn != null || timestampColumn != null || deletedByColumn != null;
    }

    /**
     * Refuses the catalog policy's marker options beside --policy-class, whose class declares every marker,
     * and --markers beside the one-column options, which replace the conventions that --markers adds to.
     */
    void requireNoMarkerOptionsWithPolicyClass() {
        if (policyClass != null && (markers != null || oneMarkerColumn()))
            throw new UsageException("--markers, --marker-column, --timestamp-column and --deleted-by-column describe the"
                + " catalog policy, but --policy-class " + policyClass + " declares its own markers; drop one or the other");
        if (markers != null && oneMarkerColumn())
            throw new UsageException("--markers adds to the conventions, and --marker-column, --timestamp-column and"
                + " --deleted-by-column replace them; use --markers alone, e.g. --markers 'flagAndTimestamp(removed, removed_at)'");
    }
}
