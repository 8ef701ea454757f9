package io.github.softdelete.codegen.internal;

import java.util.List;
import java.util.stream.Collectors;

import org.jooq.SQLDialect;

/**
 * The database whose catalog the lint reads, and so the dialect its advice is written in: PostgreSQL's partial
 * indexes and double quotes, or MariaDB's generated columns and backquotes. Thread-safe: an enum.
 */
public enum Engine {

    /** PostgreSQL: {@code pg_catalog}, partial indexes, {@code "identifiers"}. */
    POSTGRES("PostgreSQL", SQLDialect.POSTGRES),

    /** MariaDB: {@code information_schema}, no partial index, {@code `identifiers`}; a schema is a database. */
    MARIADB("MariaDB", SQLDialect.MARIADB);

    private final String server;
    private final SQLDialect dialect;

    Engine(String server, SQLDialect dialect) {
        this.server = server;
        this.dialect = dialect;
    }

    /** {@return the engine of {@code dialect}'s family, or null for a database that the lint cannot read} */
    public static Engine of(SQLDialect dialect) {
        return switch (dialect.family()) {
            case POSTGRES -> POSTGRES;
            case MARIADB -> MARIADB;
            default -> null;
        };
    }

    /** {@return the server's name for messages, e.g. {@code MariaDB}} */
    public String server() {
        return server;
    }

    /** {@return the dialect that parses and renders the engine's SQL} */
    public SQLDialect dialect() {
        return dialect;
    }

    /** The identifier as this engine's DDL needs it: bare when it can be, else quoted. */
    String quote(String identifier) {
        return this == POSTGRES ? Identifiers.quote(identifier) : Identifiers.backquote(identifier);
    }

    String quoteAll(List<String> identifiers) {
        return identifiers.stream().map(this::quote).collect(Collectors.joining(", "));
    }
}
