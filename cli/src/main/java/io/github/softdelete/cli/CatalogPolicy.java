package io.github.softdelete.cli;

import java.io.PrintWriter;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Set;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Schema;
import org.jooq.Table;

import io.github.softdelete.Marker;
import io.github.softdelete.SoftDeletePolicy;

/**
 * The policy of a live schema, built with the library's own catalog reading: the tables come from an
 * in-memory snapshot of jOOQ's metadata, so their foreign keys carry their real constraint names and
 * all their columns, and every key's {@code ON DELETE} rule comes from {@code pg_constraint}, or MariaDB's
 * {@code information_schema.REFERENTIAL_CONSTRAINTS} ({@link SoftDeletePolicy.Builder#rulesFromDatabase}), as
 * {@link SoftDeletePolicy#fromDatabase} does. On MariaDB the schema is a database.
 *
 * <p>By default the tables get their markers as {@code fromDatabase} gives them, by the conventions and
 * {@code --markers} (the syntax of {@link SoftDeletePolicy.Builder#markers}), and the columns that look like a marker
 * but are not used as one ({@link SoftDeletePolicy.Builder#warnings}) are reported on stderr, one line each. With {@code --marker-column} the marker is
 * the user's one column instead: a table is soft-deletable when it has it, whose type says the kind (a
 * timestamp, or a boolean flag, with {@code --timestamp-column} a flag plus a timestamp), and
 * {@code --deleted-by-column} adds a deleted-by column on the tables that have one.
 */
final class CatalogPolicy {

    private static final Set<Class<?>> TIMESTAMP_TYPES =
        Set.of(OffsetDateTime.class, LocalDateTime.class, Timestamp.class, Instant.class);

    private CatalogPolicy() {
    }

    static SoftDeletePolicy read(DSLContext plain, String schemaName, ConnectionOptions options, PrintWriter err) {
        // The library's reading of the catalog, a snapshot (the policy must not hold the connection, nor query the
        // catalog while it runs): jOOQ 3.21's meta() fails on MariaDB 10.11, which the library's reading avoids.
        Schema schema;
        try {
            schema = SoftDeletePolicy.schemaFromDatabase(plain, schemaName);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + "; pass the schema with --schema (on MariaDB the database)");
        }
        SoftDeletePolicy.Builder builder = options.oneMarkerColumn() ? oneMarkerColumn(schema, options, err)
            : conventions(schema, options);
        SoftDeletePolicy policy;
        try {
            policy = builder.rulesFromDatabase(plain, schemaName).viewsFromDatabase(plain)
                .warnings(warning -> err.println("softdelete: " + warning.message())).build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(options.markers == null ? e.getMessage() : "--markers: " + e.getMessage());
        }
        err.flush();
        return policy;
    }

    // The library's own conventions and markers(...) syntax, through its public builder, as fromDatabase uses them.
    private static SoftDeletePolicy.Builder conventions(Schema schema, ConnectionOptions options) {
        SoftDeletePolicy.Builder builder = SoftDeletePolicy.builder();
        if (options.markers != null)
            try {
                builder.markers(options.markers);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--markers: " + e.getMessage());
            }
        return builder.schema(schema);
    }

    private static SoftDeletePolicy.Builder oneMarkerColumn(Schema schema, ConnectionOptions options, PrintWriter err) {
        String schemaName = schema.getName();
        SoftDeletePolicy.Builder builder = SoftDeletePolicy.builder();
        int registered = 0;
        for (Table<?> table : schema.getTables()) {
            Marker marker = marker(table, options, err);
            if (marker != null) {
                builder.table(table, marker);
                registered++;
            }
        }
        if (registered == 0)
            throw new UsageException("schema \"" + schemaName + "\" has no table with a timestamp or boolean column named \""
                + options.marker() + "\"; pass the schema with --schema and the marker with --marker-column, or a --policy-class");
        return builder;
    }

    /** The table's marker, or null when the table has no marker column and so is not soft-deletable. */
    private static Marker marker(Table<?> table, ConnectionOptions options, PrintWriter err) {
        Field<?> state = table.field(options.marker());
        if (state == null)
            return null;
        Marker marker;
        if (TIMESTAMP_TYPES.contains(state.getType())) {
            if (options.timestampColumn != null)
                throw new UsageException("--timestamp-column goes with a boolean --marker-column, but " + where(table, state)
                    + " is a timestamp; drop --timestamp-column, or name the flag with --marker-column");
            marker = Marker.timestamp(state);
        } else if (state.getType() == Boolean.class) {
            marker = options.timestampColumn == null ? Marker.flag(state) : flagAndTimestamp(table, state, options.timestampColumn);
        } else {
            err.println("softdelete: leaving out " + where(table, state) + ": its type is " + state.getDataType().getTypeName()
                + ", neither a timestamp nor a boolean, so it is not a soft-delete marker");
            return null;
        }
        Field<?> deletedBy = options.deletedByColumn == null ? null : table.field(options.deletedByColumn);
        return deletedBy == null ? marker : marker.deletedBy(deletedBy);
    }

    private static Marker flagAndTimestamp(Table<?> table, Field<?> flag, String timestampColumn) {
        Field<?> timestamp = table.field(timestampColumn);
        if (timestamp == null)
            throw new UsageException("table " + table.getSchema().getName() + "." + table.getName() + " has the flag "
                + flag.getName() + " but no column " + timestampColumn + " (--timestamp-column); add the column, or"
                + " use a --policy-class that declares the table's marker");
        return Marker.flagAndTimestamp(flag, timestamp);
    }

    private static String where(Table<?> table, Field<?> column) {
        return table.getSchema().getName() + "." + table.getName() + "." + column.getName();
    }
}
