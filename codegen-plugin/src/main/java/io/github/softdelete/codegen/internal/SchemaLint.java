package io.github.softdelete.codegen.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;

/**
 * The schema lint: runs each rule over the catalog and returns what they found, sorted by rule, table
 * and constraint, so that the log reads the same on every run.
 *
 * <p>Soft-deletable means: a table the generated policy registers. Tables outside the generated
 * schemas, or excluded from generation, count as not soft-deletable, as they do for the policy.
 *
 * <p>Thread-safe: holds no state.
 */
public final class SchemaLint {

    private SchemaLint() {
    }

    /**
     * Checks the catalog.
     *
     * @param catalog       the catalog of the generated schemas
     * @param softDeletable the tables the generated policy registers
     * @param marker        the marker column's name
     * @return the findings, sorted; empty when the schema is clean
     */
    public static List<Finding> check(Catalog catalog, Set<TableName> softDeletable, String marker) {
        Map<TableName, LintMarker> markers = new TreeMap<>();
        for (TableName table : softDeletable)
            markers.put(table, LintMarker.timestamp(marker));
        return check(catalog, markers);
    }

    /**
     * Checks the catalog, each soft-deletable table with its own marker.
     *
     * @param catalog the catalog of the generated schemas
     * @param markers the tables the generated policy registers, with their markers
     * @return the findings, sorted; empty when the schema is clean
     */
    public static List<Finding> check(Catalog catalog, Map<TableName, LintMarker> markers) {
        List<Finding> findings = new ArrayList<>();
        findings.addAll(UniqueCountsDeletedRows.check(catalog, markers));
        findings.addAll(UnindexedForeignKey.check(catalog, markers));
        findings.addAll(CascadeAcrossSoftDeleteBoundary.check(catalog, markers));
        findings.addAll(ViewOverSoftDeletableTable.check(catalog, markers));
        findings.sort(null);
        return List.copyOf(findings);
    }
}
