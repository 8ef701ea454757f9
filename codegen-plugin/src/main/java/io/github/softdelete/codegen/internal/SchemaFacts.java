package io.github.softdelete.codegen.internal;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.jooq.exception.DataAccessException;
import org.jooq.meta.ColumnDefinition;
import org.jooq.meta.Database;
import org.jooq.meta.SchemaDefinition;
import org.jooq.meta.TableDefinition;
import org.jooq.tools.JooqLogger;

import io.github.softdelete.SoftDeletePolicy;

/**
 * What the generator learns about the schemas before it writes anything: its settings, which tables
 * are soft-deletable, and the database's catalog (PostgreSQL's or MariaDB's), if there is one.
 *
 * <p>A table is soft-deletable when an entry of {@code softdelete.markers} applies to it, or else one of
 * the conventions ({@code is_deleted}, {@code deleted}, the marker column, {@code deleted_by}), as
 * {@code SoftDeletePolicy.fromDatabase} and {@code forSchema} decide: core's public builder decides it
 * ({@link SchemaPolicy}), on the columns' SQL types. Their Java types, which forced types may change, are
 * checked again when jOOQ resolves them.
 *
 * <p>Immutable once read.
 */
public final class SchemaFacts {

    private static final JooqLogger log = GeneratorLog.LOG;

    private final Settings settings;
    private final Map<TableName, TableMarker> markers;
    private final List<Finding> lookAlikes;
    private final Set<TableName> softDeletable;
    private final Optional<Catalog> catalog;
    private final String catalogNote;

    private SchemaFacts(Settings settings, Map<TableName, TableMarker> markers, List<Finding> lookAlikes,
                        Optional<Catalog> catalog, String catalogNote) {
        this.settings = settings;
        this.markers = Collections.unmodifiableMap(markers);
        this.lookAlikes = List.copyOf(lookAlikes);
        this.softDeletable = Collections.unmodifiableSet(new TreeSet<>(markers.keySet()));
        this.catalog = catalog;
        this.catalogNote = catalogNote;
    }

    /**
     * Reads the facts from jOOQ's meta model and, for PostgreSQL and MariaDB, the catalog. Without a catalog it
     * logs what is skipped.
     *
     * @throws IllegalArgumentException when a {@code softdelete.*} property is invalid
     */
    public static SchemaFacts read(Database database) {
        Settings settings = Settings.from(database.getProperties());
        List<String> schemas = database.getSchemata().stream().map(SchemaDefinition::getInputName).toList();
        Engine engine = Engine.of(database.getDialect());
        Optional<Catalog> catalog = Optional.empty();
        String note = null;
        try {
            if (engine == null)
                note = database.getDialect() + " is neither PostgreSQL nor MariaDB, so there is no catalog to read.";
            else if (database.getConnection() == null)
                note = "jOOQ reads this schema without a database connection (" + database.getClass().getSimpleName()
                    + "), so there is no " + engine.server() + " catalog to read.";
            else
                catalog = Optional.of(Catalog.read(database.create(), schemas));
        } catch (DataAccessException e) {
            note = "reading " + engine.server() + "'s catalog failed: " + e.getMessage();
        }
        if (note != null)
            log.warn("softdelete", note + " The schema lint cannot run, and the generated policy declares no ON DELETE"
                + " rule (on jOOQ 3.19 every foreign key then counts as NO ACTION); declare the rules with "
                + settings.policyClass() + ".builder().onDelete(key, rule).");
        Set<List<String>> booleans = catalog.map(c -> c.columns().stream().filter(CatalogColumn::booleanType)
            .map(column -> List.of(column.table().schema(), column.table().table(), column.name())).collect(Collectors.toSet()))
            .orElse(Set.of());
        Map<String, List<ModelSchemas.Table>> model = new LinkedHashMap<>();
        for (SchemaDefinition schema : database.getSchemata())
            model.put(schema.getInputName(), database.getTables(schema).stream().map(table -> model(table, booleans)).toList());
        SchemaPolicy policy = SchemaPolicy.build(settings, model);
        Map<TableName, TableMarker> markers = new TreeMap<>();
        for (SchemaDefinition schema : database.getSchemata())
            for (TableDefinition table : database.getTables(schema))
                policy.marker(TableName.of(table)).ifPresent(marker -> markers.put(TableName.of(table), TableMarker.of(table, marker)));
        requireUsed(settings, markers.values(), database);
        return new SchemaFacts(settings, markers, policy.lookAlikes(), catalog, note);
    }

    // MariaDB's BOOLEAN is TINYINT(1), which jOOQ-meta 3.19 reads as a TINYINT, losing the (1); its catalog keeps it
    // (booleans: schema, table, column), and SoftDeletePolicy.fromDatabase sees a boolean there (the driver reports
    // one), so the generated policy does too.
    private static ModelSchemas.Table model(TableDefinition table, Set<List<String>> booleans) {
        TableName name = TableName.of(table);
        return new ModelSchemas.Table(table.getInputName(), table.getColumns().stream()
            .map(column -> new ModelSchemas.Column(column.getInputName(),
                booleans.contains(List.of(name.schema(), name.table(), column.getInputName())) ? "boolean" : column.getType().getType()))
            .toList());
    }

    // A renamed marker column that no table uses is a typo until shown otherwise: generating without it would leave
    // those tables' DELETE physical, and say nothing. (The policy's builder refuses softdelete.markers entries no
    // table uses in the same way.)
    private static void requireUsed(Settings settings, Collection<TableMarker> markers, Database database) {
        String schemas = "the generated schemas (" + String.join(", ", database.getSchemata().stream()
            .map(SchemaDefinition::getInputName).toList()) + ")";
        String column = settings.markerColumn();
        if (settings.markerColumnRenamed() && markers.stream().noneMatch(m -> uses(m, column)))
            throw new IllegalArgumentException(Settings.MARKER_COLUMN + " is " + column + ", but no table of " + schemas
                + " has a marker column named " + column + "; check the name, or remove the property to use "
                + SoftDeletePolicy.DEFAULT_MARKER);
    }

    private static boolean uses(TableMarker marker, String column) {
        return marker.timestamp() != null && marker.timestamp().getInputName().equals(column)
            || marker.flag() != null && marker.flag().getInputName().equals(column);
    }

    public Settings settings() {
        return settings;
    }

    /** The tables the generated policy registers, in every generated schema. */
    public Set<TableName> softDeletable() {
        return softDeletable;
    }

    public boolean isSoftDeletable(TableDefinition table) {
        return softDeletable.contains(TableName.of(table));
    }

    /** The catalog, empty for a database that is neither PostgreSQL nor MariaDB, or read without a connection. */
    public Optional<Catalog> catalog() {
        return catalog;
    }

    /** Why there is no catalog, or null when there is one. */
    public String catalogNote() {
        return catalogNote;
    }

    /** The table's state column (its flag, else its timestamp), or null if it has no marker. */
    public ColumnDefinition marker(TableDefinition table) {
        TableMarker marker = markers.get(TableName.of(table));
        return marker == null ? null : marker.state();
    }

    /** The table's whole marker, or null. */
    public TableMarker tableMarker(TableDefinition table) {
        return markers.get(TableName.of(table));
    }

    /** The lint's findings about columns that look like a marker but are not used as one; no catalog needed. */
    public List<Finding> lookAlikes() {
        return lookAlikes;
    }

    /** Every soft-deletable table's marker, as the lint needs it. */
    public Map<TableName, LintMarker> lintMarkers() {
        Map<TableName, LintMarker> lint = new TreeMap<>();
        markers.forEach((table, marker) -> lint.put(table, marker.lint()));
        return lint;
    }
}
