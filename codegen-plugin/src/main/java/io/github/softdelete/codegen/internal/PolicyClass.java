package io.github.softdelete.codegen.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.jooq.codegen.GeneratorStrategy;
import org.jooq.codegen.JavaWriter;
import org.jooq.meta.ColumnDefinition;
import org.jooq.meta.ForeignKeyDefinition;
import org.jooq.meta.SchemaDefinition;
import org.jooq.meta.TableDefinition;
import org.jooq.tools.JooqLogger;

import io.github.softdelete.Marker;

/**
 * Decides what the generated policy class of one schema holds, and has {@link PolicySource} print it.
 *
 * <p>It registers the schema's soft-deletable tables in the order jOOQ generates them, which is the
 * order {@code SoftDeletePolicy.forSchema} finds them in the generated schema. It declares the rule
 * of each foreign key that a policy of this schema knows: one on a table of the schema that
 * references a soft-deletable table of the same schema. The policy's builder refuses a declaration
 * for any other key, since a policy covers one schema.
 */
public final class PolicyClass {

    private static final JooqLogger log = GeneratorLog.LOG;

    private final GeneratorStrategy strategy;
    private final JavaWriter out;
    private final SchemaFacts facts;
    private final Consumer<String> classJavadoc;

    /**
     * @param classJavadoc prints the class's javadoc: the generator's {@code printClassJavadoc}
     */
    public PolicyClass(GeneratorStrategy strategy, JavaWriter out, SchemaFacts facts, Consumer<String> classJavadoc) {
        this.strategy = strategy;
        this.out = out;
        this.facts = facts;
        this.classJavadoc = classJavadoc;
    }

    /**
     * Prints the class.
     *
     * @param tables        all of the schema's generated tables, in generation order
     * @param keysGenerated whether jOOQ generates the {@code Keys} constants that rules are declared on
     */
    public void write(SchemaDefinition schema, List<TableDefinition> tables, boolean keysGenerated) {
        List<PolicySource.Table> entries = new ArrayList<>();
        for (TableDefinition table : tables) {
            if (!facts.isSoftDeletable(table))
                continue;
            String ref = reference(strategy.getFullJavaIdentifier(table));
            entries.add(new PolicySource.Table(ref, markerExpression(ref, facts.tableMarker(table))));
        }
        String rulesNote = !keysGenerated
            ? "<generate> has relations or globalKeyReferences turned off, so there is no key constant to declare a"
                + " rule on. On jOOQ 3.19 every foreign key counts as NO ACTION."
            : facts.catalog().isEmpty() ? facts.catalogNote() + " On jOOQ 3.19 every foreign key counts as NO ACTION."
            : null;
        List<PolicySource.Rule> rules = rulesNote == null ? rules(schema, tables) : List.of();
        Settings settings = facts.settings();
        PolicySource.write(out, classJavadoc, settings.policyClass(), schema.getInputName(), settings.markerColumn(),
            entries, rules, views(schema, tables), rulesNote);
    }

    // The schema's views that read soft-deletable tables, registered with the definition the catalog gives,
    // so that reads through them are filtered without a catalog query at run time.
    private List<PolicySource.View> views(SchemaDefinition schema, List<TableDefinition> tables) {
        List<PolicySource.View> views = new ArrayList<>();
        if (facts.catalog().isEmpty())
            return views;
        Set<TableName> softDeletable = new TreeSet<>();
        for (TableDefinition table : tables)
            if (facts.isSoftDeletable(table))
                softDeletable.add(TableName.of(table));
        for (CatalogView view : facts.catalog().get().viewsReading(softDeletable))
            for (TableDefinition table : tables)
                if (TableName.of(table).equals(view.view()) && !facts.isSoftDeletable(table))
                    views.add(new PolicySource.View(reference(strategy.getFullJavaIdentifier(table)), view.definition()));
        return views;
    }

    private List<PolicySource.Rule> rules(SchemaDefinition schema, List<TableDefinition> tables) {
        List<PolicySource.Rule> rules = new ArrayList<>();
        for (TableDefinition child : tables) {
            for (ForeignKeyDefinition key : child.getForeignKeys()) {
                TableDefinition parent = key.getReferencedTable();
                if (!facts.isSoftDeletable(parent) || !parent.getSchema().getInputName().equals(schema.getInputName()))
                    continue;
                Optional<CatalogForeignKey> known = facts.catalog().orElseThrow()
                    .foreignKey(TableName.of(child), key.getInputName());
                if (known.isPresent())
                    rules.add(new PolicySource.Rule(reference(strategy.getFullJavaIdentifier(key)), known.get().rule()));
                else
                    // A synthetic foreign key (<syntheticObjects>) exists in jOOQ's model only.
                    log.warn("softdelete", "foreign key " + key.getInputName() + " on " + TableName.of(child) + " is"
                        + " not in the database's catalog, so its ON DELETE rule is unknown and not declared; on jOOQ"
                        + " 3.19 it counts as NO ACTION. Declare it with " + facts.settings().policyClass()
                        + ".builder().onDelete(key, rule)");
            }
        }
        return rules;
    }

    // timestamp(deleted_at) keeps the short form table(T, T.DELETED_AT); other kinds name the Marker.
    private String markerExpression(String table, TableMarker marker) {
        String expression = switch (marker.kind()) {
            case TIMESTAMP -> marker.deletedBy() == null ? column(table, marker.timestamp())
                : out.ref(Marker.class) + ".timestamp(" + column(table, marker.timestamp()) + ")";
            case FLAG -> out.ref(Marker.class) + ".flag(" + column(table, marker.flag()) + ")";
            default -> out.ref(Marker.class) + ".flagAndTimestamp(" + column(table, marker.flag()) + ", "
                + column(table, marker.timestamp()) + ")";
        };
        return marker.deletedBy() == null ? expression : expression + ".deletedBy(" + column(table, marker.deletedBy()) + ")";
    }

    private String column(String table, ColumnDefinition column) {
        return table + "." + strategy.getJavaIdentifier(column);
    }

    /** {@code pkg.Keys.FOO} becomes {@code Keys.FOO}, importing {@code pkg.Keys} unless a name clashes. */
    private String reference(String fullIdentifier) {
        int dot = fullIdentifier.lastIndexOf('.');
        return out.ref(fullIdentifier.substring(0, dot)) + fullIdentifier.substring(dot);
    }
}
