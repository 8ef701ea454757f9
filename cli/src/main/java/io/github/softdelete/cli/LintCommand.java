package io.github.softdelete.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;

import io.github.softdelete.Marker;
import io.github.softdelete.SoftDeletePolicy;
import io.github.softdelete.codegen.internal.Catalog;
import io.github.softdelete.codegen.internal.Finding;
import io.github.softdelete.codegen.internal.LintMarker;
import io.github.softdelete.codegen.internal.SchemaLint;
import io.github.softdelete.codegen.internal.TableName;
import picocli.CommandLine.Command;

/**
 * {@code softdelete lint}: the code generator's schema lint, run against a live database. It is the
 * generator's own code (softdelete-codegen's {@code SchemaLint}), so the findings and their DDL are the
 * same as in a code generation log.
 */
@Command(name = "lint", mixinStandardHelpOptions = true,
    description = { "Runs softdelete-codegen's schema lint against the live schema: unique constraints that also"
        + " count deleted rows, foreign keys no index serves, ON DELETE CASCADE across the soft-delete boundary;"
        + " each finding with the DDL that fixes it.",
        "Exits with 1 when it finds a trap, so that a CI step fails." })
final class LintCommand extends PolicyCommand {

    @Override
    int run(DSLContext plain, SoftDeletePolicy policy) {
        Map<TableName, LintMarker> markers = new TreeMap<>();
        for (Table<?> table : policy.tables()) {
            String schema = table.getSchema() == null ? connection.schema : table.getSchema().getName();
            markers.put(new TableName(schema, table.getName()), lintMarker(policy.marker(table).orElseThrow()));
        }
        List<String> schemas = markers.keySet().stream().map(TableName::schema).distinct().toList();
        List<Finding> findings = SchemaLint.check(Catalog.read(plain, schemas), markers);
        PrintWriter out = spec.commandLine().getOut();
        out.println("softdelete lint: " + (findings.isEmpty() ? "no schema traps found"
            : findings.size() + (findings.size() == 1 ? " trap" : " traps") + " found"));
        findings.forEach(out::println);
        out.flush();
        return findings.isEmpty() ? ExitCodes.SUCCESS : ExitCodes.FAILURE;
    }

    // The lint recognises and advises the live-rows predicate the library injects: IS NULL for a
    // timestamp, NOT flag for a NOT NULL flag, flag IS NOT TRUE for a nullable one.
    private static LintMarker lintMarker(Marker marker) {
        Field<?> state = marker.stateColumn();
        if (marker.kind() == Marker.Kind.TIMESTAMP)
            return LintMarker.timestamp(state.getName());
        return new LintMarker(state.getName(), true, state.getDataType().nullable());
    }
}
