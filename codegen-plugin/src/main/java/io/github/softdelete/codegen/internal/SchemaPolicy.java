package io.github.softdelete.codegen.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jooq.Schema;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import io.github.softdelete.Marker;
import io.github.softdelete.SoftDeletePolicy;

/**
 * The policy that core's public builder makes of the generated schemas: {@code SoftDeletePolicy.builder()
 * .markers(softdelete.markers).conventionalTimestamp(softdelete.markerColumn).schema(...)}, over {@link ModelSchemas}.
 * Each table's marker, the look-alike columns and the settings that cannot apply are therefore decided as a policy
 * built at run time decides them: by the same builder.
 *
 * <p>Core's messages name the builder's method, {@code markers(...)}; the generator's user wrote the database property
 * {@value Settings#MARKERS}, so messages say that instead ({@link Settings#inPropertyTerms}).
 *
 * <p>Immutable once built.
 */
final class SchemaPolicy {

    // Keeps build() from failing for "no soft-deletable table": a schema without one generates no policy class,
    // which is no error. Its name cannot be a table's, so it neither hides a table nor is found in a schema.
    private static final Table<?> PLACEHOLDER = DSL.table(DSL.name("softdelete-codegen placeholder"));
    private static final Marker PLACEHOLDER_MARKER =
        Marker.timestamp(DSL.field(DSL.name("deleted_at"), SQLDataType.TIMESTAMPWITHTIMEZONE));

    private final SoftDeletePolicy policy;
    private final Map<TableName, Table<?>> tables;
    private final List<SoftDeletePolicy.Warning> warnings;

    private SchemaPolicy(SoftDeletePolicy policy, Map<TableName, Table<?>> tables, List<SoftDeletePolicy.Warning> warnings) {
        this.policy = policy;
        this.tables = tables;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Builds the policy.
     *
     * @param schemas the generated schemas' tables, by schema, in generation order
     * @throws IllegalArgumentException naming every problem the builder found: an entry of {@value Settings#MARKERS}
     *                                  that is not in the syntax, cannot apply or matches no table, a marker column
     *                                  whose SQL type does not fit its kind
     */
    static SchemaPolicy build(Settings settings, Map<String, List<ModelSchemas.Table>> schemas) {
        // The generator reports look-alike columns as lint findings, as softdelete.lint says, so the builder's go there.
        List<SoftDeletePolicy.Warning> warnings = new ArrayList<>();
        SoftDeletePolicy.Builder builder = SoftDeletePolicy.builder().table(PLACEHOLDER, PLACEHOLDER_MARKER).warnings(warnings::add);
        try {
            if (!settings.markers().isBlank())
                builder.markers(settings.markers());
            if (settings.markerColumnRenamed() && !schemas.isEmpty())
                builder.conventionalTimestamp(settings.markerColumn());
            Map<TableName, Table<?>> tables = new LinkedHashMap<>();
            for (Schema schema : ModelSchemas.of(schemas)) {
                builder.schema(schema);
                for (Table<?> table : schema.getTables())
                    tables.put(new TableName(schema.getName(), table.getName()), table);
            }
            return new SchemaPolicy(builder.build(), tables, warnings);
        } catch (IllegalArgumentException e) {
            // Suppressed, not the cause: the message in the generator's terms stays the root of what jOOQ's
            // GenerationTool reports.
            IllegalArgumentException inTerms = new IllegalArgumentException(Settings.inPropertyTerms(e.getMessage()));
            inTerms.addSuppressed(e);
            throw inTerms;
        }
    }

    /** {@return the marker of {@code table}, or empty when it is not soft-deletable} */
    Optional<Marker> marker(TableName table) {
        Table<?> found = tables.get(table);
        return found == null ? Optional.empty() : policy.marker(found);
    }

    /** {@return the lint's findings for the columns that look like a marker but are not used as one: the builder's warnings} */
    List<Finding> lookAlikes() {
        List<Finding> findings = new ArrayList<>();
        for (SoftDeletePolicy.Warning warning : warnings)
            findings.add(new Finding(Finding.Kind.MARKER_LOOK_ALIKE,
                new TableName(warning.table().getSchema() == null ? "" : warning.table().getSchema().getName(), warning.table().getName()),
                warning.column().getName(), Settings.inPropertyTerms(warning.message())));
        return findings;
    }
}
