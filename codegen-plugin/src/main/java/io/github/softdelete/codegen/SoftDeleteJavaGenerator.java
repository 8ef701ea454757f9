package io.github.softdelete.codegen;

import java.io.File;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.jooq.TableField;
import org.jooq.codegen.GeneratorException;
import org.jooq.codegen.GeneratorStrategy;
import org.jooq.codegen.GeneratorStrategy.Mode;
import org.jooq.codegen.JavaGenerator;
import org.jooq.codegen.JavaWriter;
import org.jooq.meta.Database;
import org.jooq.meta.ColumnDefinition;
import org.jooq.meta.SchemaDefinition;
import org.jooq.meta.TableDefinition;

import io.github.softdelete.SoftDeletableTable;
import io.github.softdelete.codegen.internal.Engine;
import io.github.softdelete.codegen.internal.LintReport;
import io.github.softdelete.codegen.internal.PolicyClass;
import io.github.softdelete.codegen.internal.SchemaFacts;
import io.github.softdelete.codegen.internal.TableMarker;
import io.github.softdelete.codegen.internal.Settings;
import io.github.softdelete.codegen.internal.SoftDeleteStrategy;
import io.github.softdelete.codegen.internal.TableName;

/**
 * jOOQ's {@link JavaGenerator}, plus soft deletes. Name it in {@code <generator><name>}; everything
 * else is configured as for jOOQ's own generator, from {@code jooq-codegen-maven}, the Gradle plugins
 * or {@code GenerationTool}. On top of jOOQ's output it:
 * <ul>
 *   <li>makes every table class with the marker column implement {@link SoftDeletableTable}, whose
 *       {@code live()}, {@code deleted()} and {@code includeDeleted()} become typed helpers;</li>
 *   <li>writes a policy class per schema ({@code SoftDeletes}, beside {@code Keys}), so that setup is
 *       {@code SoftDelete.install(configuration, SoftDeletes.POLICY)}. It declares each foreign key's
 *       ON DELETE rule, read from the database's catalog (PostgreSQL's, or MariaDB's {@code information_schema}),
 *       because jOOQ 3.19's metadata has none;</li>
 *   <li>runs a schema lint before writing anything, and logs what it finds as warnings, or fails.</li>
 * </ul>
 * It reads PostgreSQL ({@code org.jooq.meta.postgres.PostgresDatabase}) and MariaDB
 * ({@code org.jooq.meta.mariadb.MariaDBDatabase}, where a schema is a database). On MariaDB a flag column is
 * {@code BOOLEAN}, that is {@code TINYINT(1)}, which jOOQ-meta generates as {@code Byte}: give it the forced type
 * {@code BOOLEAN}, or the generation fails naming the column.
 *
 * <p>Settings are jOOQ database properties, {@code <database><properties>}, the one place in jOOQ's
 * configuration that takes free key/value pairs: {@value #MARKERS} (markers per table, in the syntax of
 * {@code SoftDeletePolicy.Builder.markers}), {@value #MARKER_COLUMN} (the conventions' timestamp, default
 * {@code deleted_at}), {@value #LINT} ({@code warn}, the default, {@code fail} or {@code off}) and {@value #POLICY_CLASS}
 * (default {@code SoftDeletes}). An unknown {@code softdelete.*} key fails the generation, and so does a
 * {@value #MARKERS} entry or a renamed {@value #MARKER_COLUMN} that no table uses.
 *
 * <p>Without {@value #MARKERS}, tables get their markers by the conventions that
 * {@code SoftDeletePolicy.fromDatabase} follows: {@code flagAndTimestamp(is_deleted, deleted_at)},
 * {@code flagAndTimestamp(deleted, deleted_at)}, {@code flag(is_deleted)}, {@code flag(deleted)} (for a boolean
 * column) and {@code timestamp(deleted_at)}, each with {@code deleted_by} where the table has it. A column that
 * looks like a marker but is not used as one is a lint finding ({@code marker-look-alike}).
 *
 * <p>Not thread-safe, like every jOOQ generator: one instance runs one generation on one thread.
 */
public class SoftDeleteJavaGenerator extends JavaGenerator {

    /** Database property naming the conventions' timestamp marker column; {@code deleted_at} if absent. */
    public static final String MARKER_COLUMN = Settings.MARKER_COLUMN;

    /** Database property for the lint: {@code warn} (the default), {@code fail} or {@code off}. */
    public static final String LINT = Settings.LINT;

    /**
     * Database property declaring markers of other kinds or names, per table or for every table with the
     * columns, e.g. {@code documents = flag(hidden).deletedBy(hidden_by); flagAndTimestamp(removed, removed_at); audit_log = none}.
     */
    public static final String MARKERS = Settings.MARKERS;

    /** Database property naming the generated policy class; {@code SoftDeletes} if absent. */
    public static final String POLICY_CLASS = Settings.POLICY_CLASS;

    /** Created by jOOQ's code generation, which instantiates the generator named in its configuration. */
    public SoftDeleteJavaGenerator() {
    }

    // SoftDeletePolicy accepts these marker types, and no others.
    private static final Set<String> MARKER_TYPES = Set.of("java.time.OffsetDateTime", "java.time.LocalDateTime",
        "java.time.Instant", "java.sql.Timestamp");

    private Database meta;
    private SchemaFacts facts;
    private final Map<TableName, String> markerTypes = new HashMap<>();
    private JavaWriter tableWriter;

    @Override
    public void setStrategy(GeneratorStrategy strategy) {
        super.setStrategy(new SoftDeleteStrategy(strategy, this::softDeletableInterface));
    }

    /**
     * Reads the settings and the catalog, runs the lint, then generates as jOOQ does.
     *
     * @throws IllegalArgumentException when a {@code softdelete.*} property is invalid
     * @throws GeneratorException       when {@value #LINT} is {@code fail} and the lint finds a trap
     */
    @Override
    public void generate(Database db) {
        meta = db;
        facts = SchemaFacts.read(db);
        LintReport.run(facts);
        super.generate(db);
    }

    /**
     * Resolves each marker's Java type before the tables are written (their classes name it), and
     * writes the schema's policy class after them.
     *
     * @throws IllegalStateException when a marker column is not a timestamp
     */
    @Override
    protected void generateTables(SchemaDefinition schema) {
        // A writer that is never closed, so never written: jOOQ resolves types (forced types,
        // converters) through a writer, and only generateTable() below has a real one.
        JavaWriter probe = newJavaWriter(new File(getFile(schema).getParentFile(), "SoftDeleteTypeProbe.java"));
        for (TableDefinition table : meta.getTables(schema))
            if (facts.isSoftDeletable(table))
                markerTypes.put(TableName.of(table), markerType(table, probe));
        super.generateTables(schema);
        // No table classes (<tables>false</tables>), or none soft-deletable: nothing for a policy to name.
        if (!generateTables() || meta.getTables(schema).stream().noneMatch(facts::isSoftDeletable))
            return;
        JavaWriter out = newJavaWriter(new File(getFile(schema).getParentFile(), facts.settings().policyClass() + ".java"));
        printPackage(out, schema);
        new PolicyClass(getStrategy(), out, facts, comment -> printClassJavadoc(out, comment))
            .write(schema, meta.getTables(schema), generateRelations() && generateGlobalKeyReferences());
        closeJavaWriter(out);
    }

    @Override
    protected void generateTable(TableDefinition table, JavaWriter out) {
        // jOOQ asks the strategy for the class's interfaces while this writer is open; see softDeletableInterface.
        tableWriter = out;
        try {
            super.generateTable(table, out);
        } finally {
            tableWriter = null;
        }
    }

    @Override
    protected void generateTableClassFooter(TableDefinition table, JavaWriter out) {
        super.generateTableClassFooter(table, out);
        if (!facts.isSoftDeletable(table))
            return;
        ColumnDefinition state = facts.marker(table);
        out.javadoc(markerTypes.get(TableName.of(table)).equals(Boolean.class.getName())
            ? "The soft-delete flag, <code>" + state.getInputName() + "</code>: false while a row is live."
            : "The soft-delete marker, <code>" + state.getInputName() + "</code>: NULL while a row is live.");
        out.override();
        out.println("public %s<%s, %s> softDeleteMarker() {", TableField.class,
            out.ref(getStrategy().getFullJavaClassName(table, Mode.RECORD)), out.ref(markerTypes.get(TableName.of(table))));
        out.println("return %s;", getStrategy().getJavaIdentifier(facts.marker(table)));
        out.println("}");
    }

    private String softDeletableInterface(TableDefinition table) {
        String type = markerTypes.get(TableName.of(table));
        if (type == null)
            return null;
        String record = getStrategy().getFullJavaClassName(table, Mode.RECORD);
        // JavaWriter imports one type argument by itself, not two: import them here, while the writer is open.
        return tableWriter == null ? SoftDeletableTable.class.getName() + "<" + record + ", " + type + ">"
            : tableWriter.ref(SoftDeletableTable.class) + "<" + tableWriter.ref(record) + ", " + tableWriter.ref(type) + ">";
    }

    private String markerType(TableDefinition table, JavaWriter probe) {
        String type = getJavaType(facts.marker(table).getType(resolver(probe)), probe);
        TableMarker marker = facts.tableMarker(table);
        if (marker.flag() != null) {
            if (!type.equals(Boolean.class.getName()))
                throw new IllegalStateException("table " + TableName.of(table) + " has the flag column " + marker.flag().getInputName()
                    + " of Java type " + type + ", but a soft-delete flag must be a boolean: change the column's type or"
                    + " its forced type, or fix the entry in the database property " + MARKERS + tinyIntHint(table, marker.flag(), type));
            if (marker.timestamp() != null)
                timestampType(table, marker.timestamp(), probe);
            return type;
        }
        return timestampType(table, marker.timestamp(), probe);
    }

    // MariaDB's BOOLEAN is TINYINT(1), which jOOQ-meta 3.19 generates as a Byte; SoftDeletePolicy.fromDatabase sees
    // a boolean (the driver reports one), and so does the generator's policy, which then needs the field to be one.
    private String tinyIntHint(TableDefinition table, ColumnDefinition flag, String type) {
        if (Engine.of(meta.getDialect()) != Engine.MARIADB || !type.equals(Byte.class.getName()))
            return "";
        return ". On MariaDB, BOOLEAN is TINYINT(1), which jOOQ's MariaDBDatabase generates as Byte: give the column the"
            + " forced type BOOLEAN, e.g. <forcedType><name>BOOLEAN</name><includeExpression>(?i:.*\\." + table.getInputName()
            + "\\." + flag.getInputName() + ")</includeExpression></forcedType> in <database><forcedTypes>";
    }

    private String timestampType(TableDefinition table, ColumnDefinition column, JavaWriter probe) {
        String type = getJavaType(column.getType(resolver(probe)), probe);
        if (!MARKER_TYPES.contains(type))
            throw new IllegalStateException("table " + TableName.of(table) + " has a " + column.getInputName()
                + " column of Java type " + type + ", but a soft-delete marker must be a timestamp (OffsetDateTime,"
                + " LocalDateTime, Instant or java.sql.Timestamp), NULL while the row is live: change the column's"
                + " type or its forced type, declare a boolean column as a flag in " + MARKERS + ", or name another column"
                + " with the database property " + MARKER_COLUMN);
        return type;
    }
}
