package io.github.softdelete.it.markers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jooq.DSLContext;

/**
 * A schema that mixes the marker conventions, one table of each, for the tests of every way a policy is
 * read from the catalog ({@code fromDatabase}, the code generator, the starter's {@code softdelete.schema},
 * the CLI's default):
 * <pre>
 * posts     deleted_at timestamptz                                  timestamp(deleted_at)
 * tickets   is_deleted boolean                                      flag(is_deleted)
 * notes     deleted boolean                                         flag(deleted)
 * orders    is_deleted boolean, deleted_at timestamptz, deleted_by  flagAndTimestamp(...).deletedBy(deleted_by)
 * invoices  deleted_on timestamptz: looks like a marker, is none    not soft-deletable
 * </pre>
 * Each table holds two live rows, ids 1 and 2.
 *
 * <p>Thread-safe: holds no state.
 */
public final class MixedMarkerSchema {

    /** The marker each soft-deletable table gets by the conventions. */
    public static final Map<String, String> CONVENTION_MARKERS = conventionMarkers();

    private MixedMarkerSchema() {
    }

    /** Drops {@code schema} if it exists, then creates it with the five tables and their rows. */
    public static void create(DSLContext plain, String schema) {
        plain.execute("drop schema if exists " + schema + " cascade");
        plain.execute("create schema " + schema);
        plain.execute("create table " + schema + ".posts (id bigint primary key, title text not null, deleted_at timestamptz)");
        plain.execute("create table " + schema + ".tickets (id bigint primary key, title text not null,"
            + " is_deleted boolean not null default false)");
        plain.execute("create table " + schema + ".notes (id bigint primary key, body text not null,"
            + " deleted boolean not null default false)");
        plain.execute("create table " + schema + ".orders (id bigint primary key, total numeric not null,"
            + " is_deleted boolean not null default false, deleted_at timestamptz, deleted_by text)");
        plain.execute("create table " + schema + ".invoices (id bigint primary key, total numeric not null, deleted_on timestamptz)");
        for (String table : new String[] {"posts", "tickets", "notes"})
            plain.execute("insert into " + schema + "." + table + " values (1, 'one'), (2, 'two')");
        plain.execute("insert into " + schema + ".orders (id, total) values (1, 10), (2, 20)");
        plain.execute("insert into " + schema + ".invoices (id, total) values (1, 10), (2, 20)");
    }

    /** The warning, or lint finding, that the look-alike column of {@code invoices} gives, naming {@code setting}. */
    public static String lookAlike(String schema, String setting) {
        return "table " + schema + ".invoices has the column deleted_on, which looks like a soft-delete marker, but the"
            + " table is not soft-deletable: a DELETE removes its rows. If deleted_on marks deleted rows, add"
            + " \"invoices = timestamp(deleted_on)\" to " + setting + "; to keep it as it is, add \"invoices = none\".";
    }

    private static Map<String, String> conventionMarkers() {
        Map<String, String> markers = new LinkedHashMap<>();
        markers.put("posts", "timestamp(deleted_at)");
        markers.put("tickets", "flag(is_deleted)");
        markers.put("notes", "flag(deleted)");
        markers.put("orders", "flagAndTimestamp(is_deleted, deleted_at).deletedBy(deleted_by)");
        return Collections.unmodifiableMap(markers);
    }
}
