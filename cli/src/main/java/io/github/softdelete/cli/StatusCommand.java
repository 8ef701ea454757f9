package io.github.softdelete.cli;

import java.io.PrintWriter;
import java.time.OffsetDateTime;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record3;
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
            Record3<Integer, Integer, OffsetDateTime> counts = plain
                .select(DSL.count().filterWhere(DSL.not(deleted)), DSL.count().filterWhere(deleted), oldest(marker, deleted))
                .from(DSL.table(table.getQualifiedName())).fetchOne();
            out.printf("%-30s %12d %12d  %s%n", table.getName(), counts.value1(), counts.value2(),
                counts.value3() == null ? "-" : counts.value3().toInstant().toString());
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

    // A flag alone records no time of deletion: its tables show none. A timestamp without time zone is
    // read in the session's time zone, the one statement_timestamp() was stored in.
    private static Field<OffsetDateTime> oldest(Marker marker, Condition deleted) {
        return marker.timestampColumn()
            .<Field<OffsetDateTime>>map(ts -> DSL.min(DSL.field(DSL.name(ts.getName())).cast(SQLDataType.TIMESTAMPWITHTIMEZONE)).filterWhere(deleted))
            .orElse(DSL.inline(null, SQLDataType.TIMESTAMPWITHTIMEZONE));
    }
}
