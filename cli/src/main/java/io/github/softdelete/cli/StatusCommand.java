package io.github.softdelete.cli;

import java.io.PrintWriter;
import java.time.OffsetDateTime;
import java.util.concurrent.Callable;

import org.jooq.Field;
import org.jooq.Record3;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import io.github.softdelete.SoftDeletePolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code softdelete status}: live and deleted rows per soft-deletable table, and the oldest deletion. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Shows, for each soft-deletable table, its live and deleted rows and its oldest deletion.")
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() {
        try (Database database = Database.open(connection)) {
            SoftDeletePolicy policy = PolicySource.load(connection, database.plain(), spec.commandLine().getErr());
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-30s %12s %12s  %s%n", "table", "live", "deleted", "oldest deletion");
            for (Table<?> table : policy.tables()) {
                Field<OffsetDateTime> marker = DSL.field(DSL.name(policy.marker(table).orElseThrow().getName()),
                    SQLDataType.TIMESTAMPWITHTIMEZONE);
                Record3<Integer, Integer, OffsetDateTime> counts = database.plain()
                    .select(DSL.count().filterWhere(marker.isNull()), DSL.count().filterWhere(marker.isNotNull()), DSL.min(marker))
                    .from(DSL.table(table.getQualifiedName())).fetchOne();
                out.printf("%-30s %12d %12d  %s%n", table.getName(), counts.value1(), counts.value2(),
                    counts.value3() == null ? "-" : counts.value3().toInstant().toString());
            }
            out.flush();
            return ExitCodes.SUCCESS;
        }
    }
}
