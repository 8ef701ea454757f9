package io.github.softdelete.cli;

import java.io.PrintWriter;
import java.util.List;

import org.jooq.DSLContext;

import io.github.softdelete.SoftDeletePolicy;
import io.github.softdelete.codegen.LintFinding;
import io.github.softdelete.codegen.SchemaLint;
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
        List<LintFinding> findings = SchemaLint.check(plain, policy, schema);
        PrintWriter out = spec.commandLine().getOut();
        out.println("softdelete lint: " + (findings.isEmpty() ? "no schema traps found"
            : findings.size() + (findings.size() == 1 ? " trap" : " traps") + " found"));
        findings.forEach(out::println);
        out.flush();
        return findings.isEmpty() ? ExitCodes.SUCCESS : ExitCodes.FAILURE;
    }
}
