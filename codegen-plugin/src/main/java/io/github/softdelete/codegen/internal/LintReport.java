package io.github.softdelete.codegen.internal;

import java.util.ArrayList;
import java.util.List;

import org.jooq.codegen.GeneratorException;
import org.jooq.tools.JooqLogger;

/**
 * Runs the schema lint as {@link Settings#LINT} says, logs each finding as a warning in the codegen
 * log, and in {@code fail} mode fails the generation before it writes any file.
 */
public final class LintReport {

    private static final JooqLogger log = GeneratorLog.LOG;

    private LintReport() {
    }

    /**
     * @throws GeneratorException in {@code fail} mode, when the lint finds a trap or cannot run
     */
    public static void run(SchemaFacts facts) {
        Settings.Lint mode = facts.settings().lint();
        if (mode == Settings.Lint.OFF)
            return;
        if (facts.catalog().isEmpty() && mode == Settings.Lint.FAIL)
            throw new GeneratorException(Settings.LINT + " is fail, but the lint needs the database's catalog (PostgreSQL's or MariaDB's): "
                + facts.catalogNote() + " Set " + Settings.LINT + " to off for this database.");
        // Look-alike markers come from jOOQ's meta model, so they are reported without a catalog too.
        List<Finding> findings = new ArrayList<>(facts.lookAlikes());
        facts.catalog().ifPresent(catalog -> findings.addAll(SchemaLint.check(catalog, facts.lintMarkers())));
        findings.sort(null);
        if (facts.catalog().isEmpty() && findings.isEmpty())
            return;
        log.info("softdelete lint", findings.isEmpty() ? "no schema traps found" : traps(findings.size()) + " found");
        findings.forEach(finding -> log.warn("softdelete lint", finding));
        if (!findings.isEmpty() && mode == Settings.Lint.FAIL)
            throw new GeneratorException("the softdelete schema lint found " + traps(findings.size()) + ", and "
                + Settings.LINT + " is fail:\n  " + String.join("\n  ", findings.stream().map(Finding::toString).toList())
                + "\nFix the schema, or set " + Settings.LINT + " to warn to generate anyway.");
    }

    private static String traps(int count) {
        return count + (count == 1 ? " trap" : " traps");
    }
}
