package io.github.softdelete.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record3;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import io.github.softdelete.Marker;
import io.github.softdelete.SoftDeletePolicy;
import picocli.CommandLine.Command;

/** {@code softdelete status}: live and deleted rows per soft-deletable table, and the oldest deletion. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Shows, for each soft-deletable table, its live and deleted rows and its oldest deletion"
        + " (none for a table whose marker is a flag alone, which records no time).")
final class StatusCommand extends PolicyCommand {

    @Override
    int run(DSLContext plain, SoftDeletePolicy policy) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-30s %12s %12s  %s%n", "table", "live", "deleted", "oldest deletion");
        for (Table<?> table : policy.tables()) {
            Marker marker = policy.marker(table).orElseThrow();
            Condition deleted = deleted(marker);
            Record3<Integer, Integer, ?> counts = plain
                .select(DSL.count().filterWhere(DSL.not(deleted)), DSL.count().filterWhere(deleted), oldest(plain, marker, deleted))
                .from(DSL.table(table.getQualifiedName())).fetchOne();
            Instant oldest = instant(counts.value3());
            out.printf("%-30s %12d %12d  %s%n", table.getName(), counts.value1(), counts.value2(),
                oldest == null ? "-" : oldest.toString());
        }
        out.flush();
        return ExitCodes.SUCCESS;
    }

    // As the library reads markers: a timestamp is deleted when set; a flag when true (NULL counts as live).
    private static Condition deleted(Marker marker) {
        if (marker.kind() == Marker.Kind.TIMESTAMP)
            return DSL.field(DSL.name(marker.stateColumn().getName())).isNotNull();
        return DSL.field(DSL.name(marker.stateColumn().getName()), SQLDataType.BOOLEAN).isNotDistinctFrom(DSL.inline(true));
    }

    // A flag alone records no time of deletion: its tables show none. A timestamp without time zone is read in the
    // session's time zone, the one the server's clock stamped it in: PostgreSQL casts it to timestamptz; MariaDB has
    // no such type, and UNIX_TIMESTAMP reads a DATETIME in the session's time zone, as seconds since the epoch.
    private static Field<?> oldest(DSLContext plain, Marker marker, Condition deleted) {
        if (marker.timestampColumn().isEmpty())
            return DSL.inline(null, SQLDataType.TIMESTAMPWITHTIMEZONE);
        Field<?> timestamp = DSL.field(DSL.name(marker.timestampColumn().get().getName()));
        if (plain.dialect().family() == SQLDialect.MARIADB)
            return DSL.field("unix_timestamp({0})", SQLDataType.DECIMAL(20, 6), DSL.min(timestamp).filterWhere(deleted));
        return DSL.min(timestamp.cast(SQLDataType.TIMESTAMPWITHTIMEZONE)).filterWhere(deleted);
    }

    private static Instant instant(Object oldest) {
        if (oldest instanceof OffsetDateTime timestamp)
            return timestamp.toInstant();
        if (oldest instanceof BigDecimal seconds)
            return Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        return null;
    }
}
