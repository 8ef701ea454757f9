package io.github.softdelete;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.SQLDialect;
import org.jooq.Schema;
import org.jooq.Table;
import org.jooq.impl.QOM;

import io.github.softdelete.internal.policy.DatabaseCatalog;
import io.github.softdelete.internal.policy.ManualRelation;
import io.github.softdelete.internal.policy.MarkerDiscovery;
import io.github.softdelete.internal.policy.MarkerValidation;
import io.github.softdelete.internal.policy.PolicyTable;
import io.github.softdelete.internal.policy.Relations;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.view.ViewAnalysis;
import io.github.softdelete.internal.view.ViewCatalog;
import io.github.softdelete.internal.policy.ViewDefinition;
import io.github.softdelete.internal.policy.Views;

/**
 * Which tables are soft-deletable, and by which marker column.
 *
 * <p>By default a row is deleted when its marker holds a timestamp, and live when the marker is NULL;
 * {@link Marker} describes the other kinds (boolean flags, flag plus timestamp, who deleted a row).
 * Build a policy from the live database with {@link #fromDatabase(DSLContext, String)}, from a
 * generated schema with {@link #forSchema(Schema)}, or list tables explicitly:
 * <pre>{@code
 * SoftDeletePolicy policy = SoftDeletePolicy.builder()
 *     .table(POSTS, POSTS.REMOVED_AT)
 *     .table(COMMENTS, Marker.flag(COMMENTS.IS_DELETED).deletedBy(COMMENTS.DELETED_BY))
 *     .rulesFromDatabase(ctx, "public")
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe: a policy never changes once built, so it can be shared by every
 * configuration and thread.
 */
public final class SoftDeletePolicy {

    /** The marker column that {@link #forSchema(Schema)} looks for. */
    public static final String DEFAULT_MARKER = "deleted_at";

    private static final String MARKERS_SETTING = "markers(...)";


    private final TableRegistry registry;
    private final PlainSql plainSql;

    private SoftDeletePolicy(TableRegistry registry, PlainSql plainSql) {
        this.registry = registry;
        this.plainSql = plainSql;
    }

    /**
     * A policy with every table of {@code schema} that has a soft-delete marker by the common conventions:
     * a timestamp {@code deleted_at}, a boolean {@code is_deleted} or {@code deleted}, a flag with a
     * {@code deleted_at} beside it, each with a {@code deleted_by} where the table has one. See
     * {@link Builder#schema(Schema)}.
     *
     * @param schema a schema with table metadata, usually a generated one such as {@code Public.PUBLIC}
     * @return the policy
     * @throws IllegalArgumentException when no table of the schema has a marker, or a {@code deleted_at}
     *                                  column has an unsupported type
     */
    public static SoftDeletePolicy forSchema(Schema schema) {
        return builder().schema(schema).build();
    }

    /** {@return a builder for an explicit policy} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@return the soft-deletable tables} First those registered with {@link Builder#table(Table, Marker) table(...)}, in
     * that order, then those found by {@link Builder#schema(Schema) schema(...)} and {@link Builder#database database(...)},
     * in the schemas' order.
     */
    public List<Table<?>> tables() {
        return registry.tables().stream().<Table<?>>map(PolicyTable::table).toList();
    }

    /**
     * The marker of a table (its kind, and every column the library owns), if the table is soft-deletable.
     * Aliases and name-equal references ({@code DSL.table(name("public", "posts"))}) resolve to the
     * registered table. {@code marker(table).map(Marker::stateColumn)} is the column that tells live rows from
     * deleted ones.
     *
     * @param table a table or a reference to one
     * @return the marker as registered, or empty when the table is not soft-deletable
     */
    public Optional<Marker> marker(Table<?> table) {
        Table<?> base = table instanceof QOM.TableAlias<?> alias ? alias.$aliased() : table;
        PolicyTable entry = registry.lookup(base);
        return entry == null ? Optional.empty() : Optional.of(entry.definition());
    }

    /**
     * A policy built from the live database catalog: every table of {@code schema} with a marker by the
     * common conventions is soft-deletable ({@code deleted_at}; a boolean {@code is_deleted} or
     * {@code deleted}, with {@code deleted_at} beside it if there is one; {@code deleted_by} where present: see
     * {@link Builder#schema(Schema)}), and every foreign key follows the {@code ON DELETE}
     * rule the database has ({@code pg_constraint}; on MariaDB {@code information_schema.REFERENTIAL_CONSTRAINTS}),
     * on every jOOQ version; the views that read those tables are registered too, so reads through them see live
     * rows only. The catalog is read once, now; the policy holds no connection. Which catalog is read follows the
     * context's dialect.
     * <pre>{@code
     * SoftDeletePolicy policy = SoftDeletePolicy.fromDatabase(ctx, "public");
     * }</pre>
     * On MariaDB a schema is a database: {@code fromDatabase(ctx, "shop")} reads the tables of the database
     * {@code shop}.
     * For markers with other names, declare them with the builder, per table where needed:
     * {@code builder().markers("products = timestamp(archived_at)").database(ctx, "public").build()}
     * ({@link Builder#markers(String)}). A column that looks like a marker but is not used as one is
     * logged as a warning.
     *
     * @param ctx    a context connected to the database, with the dialect of its engine (PostgreSQL or MariaDB)
     * @param schema the schema's name, e.g. {@code "public"}; on MariaDB the database's name
     * @return the policy
     * @throws IllegalArgumentException when the schema does not exist, has no tables, or none with a marker
     * @throws org.jooq.exception.DataAccessException when the catalog cannot be read
     */
    public static SoftDeletePolicy fromDatabase(DSLContext ctx, String schema) {
        return builder().database(ctx, schema).build();
    }

    /**
     * The tables of {@code schema} with their keys, as an in-memory snapshot, read as {@link #fromDatabase} reads them:
     * for tools that build a policy with conventions of their own ({@code builder().schema(...)}). On MariaDB the
     * tables of the database {@code schema}, read from {@code information_schema}, since jOOQ 3.21's
     * {@code DSLContext.meta()} fails on MariaDB 10.11.
     *
     * @param ctx    a context connected to the database, with the dialect of its engine (PostgreSQL or MariaDB)
     * @param schema the schema's name; on MariaDB the database's name
     * @return the schema, its tables included
     * @throws IllegalArgumentException when the schema does not exist or has no tables
     * @throws org.jooq.exception.DataAccessException when the catalog cannot be read
     */
    public static Schema schemaFromDatabase(DSLContext ctx, String schema) {
        return DatabaseCatalog.schema(Objects.requireNonNull(ctx, "ctx"), Objects.requireNonNull(schema, "schema"));
    }

    /** {@return the foreign keys that reference soft-deletable tables, each with the rule a soft delete follows} */
    public List<Relation> relations() {
        return registry.relations().stream().map(io.github.softdelete.internal.policy.Relation::described).toList();
    }

    /** {@return the registered views over soft-deletable tables, each with what reads of it do} */
    public List<View> views() {
        return registry.views().all().stream().map(View::of).toList();
    }

    /** {@return what the library does with SQL text it did not build} See {@link Builder#plainSql(PlainSql)}. */
    public PlainSql plainSql() {
        return plainSql;
    }

    TableRegistry registry() {
        return registry;
    }

    @Override
    public String toString() {
        return "SoftDeletePolicy" + registry.tables() + " (plain SQL: " + plainSql + ")";
    }

    /**
     * A foreign key that references a soft-deletable table, with the rule a soft delete follows.
     *
     * @param name          the constraint's name, e.g. {@code posts_author_id_fkey}
     * @param child         the referencing table (soft-deletable or not)
     * @param childColumns  its referencing columns
     * @param parent        the referenced, soft-deletable table
     * @param parentColumns the referenced columns, in the order of {@code childColumns}
     * @param rule          the {@code ON DELETE} rule a soft delete follows
     * @param ruleKnown     false when nothing told the policy the key's rule (jOOQ 3.19's metadata has none, and
     *                      neither {@link Builder#onDelete}, {@link Builder#rulesFromDatabase} nor the code generator
     *                      gave it), so {@code rule} is the {@link OnDelete#NO_ACTION} fallback
     */
    public record Relation(String name, Table<?> child, List<Field<?>> childColumns, Table<?> parent,
                           List<Field<?>> parentColumns, OnDelete rule, boolean ruleKnown) {

        /**
         * Copies the column lists, so the relation is immutable.
         *
         * @param name          the constraint's name
         * @param child         the referencing table
         * @param childColumns  its referencing columns
         * @param parent        the referenced table
         * @param parentColumns the referenced columns
         * @param rule          the rule
         * @param ruleKnown     whether the rule was known
         */
        public Relation {
            childColumns = List.copyOf(childColumns);
            parentColumns = List.copyOf(parentColumns);
        }

        /** {@return the relation as messages name it} For example {@code posts_author_id_fkey (posts -> users, ON DELETE CASCADE)}. */
        @Override
        public String toString() {
            return name + " (" + child.getName() + " -> " + parent.getName() + ", ON DELETE " + rule.name().replace('_', ' ')
                + (ruleKnown ? "" : ", rule unknown: treated as NO ACTION") + ")";
        }
    }

    /**
     * A column of a table found by {@link Builder#schema(Schema)} that looks like a soft-delete marker but is not used
     * as one: a boolean, timestamp or date column whose name speaks of deletion (such as {@code deleted_on}), or a
     * {@code deleted_by}.
     *
     * @param table   the table
     * @param column  the column
     * @param message one sentence for people: the table, the column, and how to use it as a marker if it is one
     */
    public record Warning(Table<?> table, Field<?> column, String message) {

        /** {@return the message} */
        @Override
        public String toString() {
            return message;
        }
    }

    /**
     * A registered view over soft-deletable tables, and what reads of it do.
     *
     * @param view    the view, as registered or read from the catalog
     * @param reads   what a read of the view does
     * @param problem why the definition could not be parsed or analysed, for {@link Reads#UNPARSED}; null otherwise
     */
    public record View(Table<?> view, Reads reads, String problem) {

        /** What a read of a view does. */
        public enum Reads {
            /** Its definition keeps live rows only already: the view is read as it is. */
            FILTERS_ITSELF,
            /** Its definition reads deleted rows: reads render it as its definition, filtered like any query. */
            INLINED,
            /**
             * jOOQ cannot parse its definition: reads are refused, or with {@link PlainSql#PASS_THROUGH_UNFILTERED}
             * read as they are.
             */
            UNPARSED
        }

        private static View of(ViewDefinition definition) {
            Reads reads = definition.definition() == null ? Reads.UNPARSED : definition.filters() ? Reads.FILTERS_ITSELF : Reads.INLINED;
            return new View(definition.view(), reads, reads == Reads.UNPARSED ? definition.problem() : null);
        }

        /** {@return the view as messages name it} For example {@code "live_posts" (filters)}, or {@code "v" (unparsed: <why>)}. */
        @Override
        public String toString() {
            String name = '"' + view.getName() + '"';
            return switch (reads) {
                case FILTERS_ITSELF -> name + " (filters)";
                case INLINED -> name + " (inlined)";
                case UNPARSED -> name + " (unparsed: " + problem + ")";
            };
        }
    }

    /**
     * Collects the policy's settings. Each setting is checked as it is given (a null, a marker whose columns do not
     * belong to its table, a setting given twice); what depends on several settings is checked by {@link #build()},
     * which reports every problem at once. The result does not depend on the order of the calls: a table registered
     * with {@code table(...)} keeps its marker whether {@code schema(...)} ran before or after, and
     * {@code markers(...)} applies to every schema given. The database is read by the methods that say so
     * ({@link #database}, {@link #rulesFromDatabase}, {@link #viewsFromDatabase}), when they are called, and never
     * by {@code build()}.
     *
     * <p>Not thread-safe; the policy it builds is.
     */
    public static final class Builder {

        private final Map<Table<?>, Marker> tables = new LinkedHashMap<>();
        private final List<Schema> schemas = new ArrayList<>();
        private final Map<String, String> schemaAliases = new HashMap<>();
        private final Map<ForeignKey<?, ?>, OnDelete> declaredRules = new LinkedHashMap<>();
        private final Map<String, OnDelete> catalogRules = new HashMap<>();
        private final List<ManualRelation> manualRelations = new ArrayList<>();
        private final Map<Table<?>, String> views = new LinkedHashMap<>();
        private final List<ViewCatalog.Dependency> catalogViews = new ArrayList<>();
        private String markers;
        private String conventionalTimestamp;
        private Supplier<?> actor;
        private PlainSql plainSql;
        private Consumer<? super Warning> warnings;
        private final List<SoftDeleteListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /**
         * Registers a soft-deletable table with a timestamp marker: {@code table(table, Marker.timestamp(marker))}.
         *
         * @param table  the table, unaliased: a generated table, or {@code DSL.table(name(...))}
         * @param marker the marker column: a nullable timestamp column of {@code table}
         * @return this builder
         * @throws NullPointerException     when an argument is null
         * @throws IllegalArgumentException as {@link #table(Table, Marker)}
         */
        public Builder table(Table<?> table, Field<?> marker) {
            return table(table, Marker.timestamp(Objects.requireNonNull(marker, "marker")));
        }

        /**
         * Registers a soft-deletable table and its marker, of any kind:
         * <pre>{@code
         * builder.table(PRODUCTS, Marker.flag(PRODUCTS.IS_DELETED).deletedBy(PRODUCTS.DELETED_BY))
         * }</pre>
         * The table keeps this marker even when {@link #schema(Schema)} or {@link #database} would find another.
         *
         * @param table  the table, unaliased: a generated table, or {@code DSL.table(name(...))}
         * @param marker the marker: its columns are columns of {@code table}
         * @return this builder
         * @throws NullPointerException     when an argument is null
         * @throws IllegalArgumentException when the table is registered already, is an alias or a derived table, or a
         *                                  column of the marker is not a column of the table or has a type that does
         *                                  not fit its kind
         */
        public Builder table(Table<?> table, Marker marker) {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(marker, "marker");
            if (tables.containsKey(table))
                throw invalid(List.of("table " + quoted(table) + " is registered twice; register each table once"));
            List<String> problems = MarkerValidation.problems(table, marker);
            if (!problems.isEmpty())
                throw invalid(problems);
            tables.put(table, marker);
            return this;
        }

        /**
         * Registers every table of {@code schema} that has a soft-delete marker, except the tables registered with
         * {@code table(...)}, whenever that call comes. A table's marker is the first of: an entry of
         * {@link #markers(String)} that names the table; one that names no table, for the tables that have its
         * columns; then the conventions, {@code flagAndTimestamp(is_deleted, deleted_at)},
         * {@code flagAndTimestamp(deleted, deleted_at)}, {@code flag(is_deleted)}, {@code flag(deleted)} (a flag only
         * when the column is a boolean) and {@code timestamp(deleted_at)}, each with {@code .deletedBy(deleted_by)}
         * where the table has that column. The tables are found by {@link #build()}.
         *
         * <p>A column that looks like a marker but is not used as one (a boolean, timestamp or date column whose name
         * speaks of deletion, such as {@code deleted_on}, or a {@code deleted_by}) is logged as a warning by
         * {@link #build()}, through {@link System.Logger} {@code io.github.softdelete.SoftDeletePolicy}, unless
         * {@code markers(...)} names the table, or to the sink given to {@link #warnings(Consumer)}.
         *
         * @param schema a schema with table metadata
         * @return this builder
         * @throws NullPointerException when {@code schema} is null
         */
        public Builder schema(Schema schema) {
            Objects.requireNonNull(schema, "schema");
            if (!schemas.contains(schema))
                schemas.add(schema);
            return this;
        }

        /**
         * Says how {@link #schema(Schema)} and {@link #database(DSLContext, String)} find markers besides the
         * conventions, in the syntax of the {@link Marker} API that softdelete-codegen's and the starter's
         * {@code softdelete.markers} and the CLI's {@code --markers} share: entries separated by {@code ;},
         * each {@code [table =] timestamp(column)}, {@code flag(column)} or {@code flagAndTimestamp(flag, timestamp)},
         * optionally followed by {@code .deletedBy(column)}, or {@code table = none} for a table that is not
         * soft-deletable:
         * <pre>{@code
         * SoftDeletePolicy.builder()
         *     .markers("ticket_tags = flag(hidden).deletedBy(hidden_by); timestamp(removed_at); audit_log = none")
         *     .database(ctx, "public")
         *     .build();
         * }</pre>
         * An entry with a table name ({@code table} or {@code schema.table}) applies to that table; one
         * without, to every table with its flag and timestamp columns (and its deleted-by column where the
         * table has it). {@link #build()} fails for an entry that no table used, so that a misspelt name
         * does not leave a table's DELETE physical.
         *
         * @param description the entries
         * @return this builder
         * @throws NullPointerException     when {@code description} is null
         * @throws IllegalArgumentException when an entry is not in the syntax
         * @throws IllegalStateException    when markers were given already
         */
        public Builder markers(String description) {
            Objects.requireNonNull(description, "description");
            if (markers != null)
                throw new IllegalStateException("markers(...) was already called with \"" + markers + "\"; give every"
                    + " entry in one call, separated by ';'");
            new MarkerDiscovery(description, MARKERS_SETTING, DEFAULT_MARKER); // checks the syntax now
            markers = description;
            return this;
        }

        /**
         * Names the timestamp column of the conventions that {@link #schema(Schema)} and {@link #database} follow, in
         * place of {@code deleted_at}: with {@code conventionalTimestamp("removed_at")} they are
         * {@code flagAndTimestamp(is_deleted, removed_at)}, {@code flagAndTimestamp(deleted, removed_at)},
         * {@code flag(is_deleted)}, {@code flag(deleted)} and {@code timestamp(removed_at)}, and a {@code deleted_at}
         * column is then a column like any other. softdelete-codegen's {@code softdelete.markerColumn} sets it.
         *
         * @param column the column's name, as the database spells it
         * @return this builder
         * @throws NullPointerException     when {@code column} is null
         * @throws IllegalArgumentException when {@code column} is blank
         * @throws IllegalStateException    when the column was named already
         */
        public Builder conventionalTimestamp(String column) {
            Objects.requireNonNull(column, "column");
            if (column.isBlank())
                throw new IllegalArgumentException("conventionalTimestamp(column) was given a blank name; name the"
                    + " timestamp column, or leave it out to use " + DEFAULT_MARKER);
            if (conventionalTimestamp != null)
                throw new IllegalStateException("conventionalTimestamp(...) was already called with \"" + conventionalTimestamp
                    + "\"; name one column");
            conventionalTimestamp = column;
            return this;
        }

        /**
         * Reads the live database's catalog, now: the tables of {@code schema} (an in-memory snapshot, registered as
         * {@link #schema(Schema)} registers them), every foreign key's {@code ON DELETE} rule
         * ({@link #rulesFromDatabase}), and the views over tables ({@link #viewsFromDatabase}). Tables registered with
         * {@code table(...)} keep their marker. Where the context's {@code RenderMapping} maps another schema to this one
         * ({@code public} to a MariaDB database, say, so that classes generated elsewhere run here), tables and views named
         * under that schema in code are this schema's.
         *
         * @param ctx    a context connected to the database, with the dialect of its engine (PostgreSQL or MariaDB)
         * @param schema the schema's name; on MariaDB the database's name
         * @return this builder
         * @throws NullPointerException     when an argument is null
         * @throws IllegalArgumentException when the schema does not exist or has no tables
         * @throws org.jooq.exception.DataAccessException when the catalog cannot be read
         */
        public Builder database(DSLContext ctx, String schema) {
            Objects.requireNonNull(ctx, "ctx");
            Objects.requireNonNull(schema, "schema");
            schema(DatabaseCatalog.schema(ctx, schema));
            schemaAliases.putAll(DatabaseCatalog.schemasMappedTo(ctx, schema));
            viewsFromDatabase(ctx);
            return rulesFromDatabase(ctx, schema);
        }

        /**
         * Reads, now, the {@code ON DELETE} rule of every foreign key declared in {@code schema} from the database's
         * catalog ({@code pg_constraint}; on MariaDB {@code information_schema.REFERENTIAL_CONSTRAINTS}, where
         * {@code ON DELETE SET DEFAULT} reads as the {@code RESTRICT} the server stores it as). This is what makes
         * cascades follow the database on jOOQ 3.19, whose metadata carries no rules. A rule declared with {@link #onDelete} must agree with the database's.
         *
         * @param ctx    a context connected to the database, with the dialect of its engine (PostgreSQL or MariaDB)
         * @param schema the schema's name, e.g. {@code "public"}; on MariaDB the database's name
         * @return this builder
         * @throws NullPointerException when an argument is null
         * @throws org.jooq.exception.DataAccessException when the catalog cannot be read
         */
        public Builder rulesFromDatabase(DSLContext ctx, String schema) {
            Objects.requireNonNull(ctx, "ctx");
            Objects.requireNonNull(schema, "schema");
            catalogRules.putAll(DatabaseCatalog.deleteRules(ctx, schema));
            return this;
        }

        /**
         * Reads, now, which views PostgreSQL's catalog shows reading which tables (through {@code pg_depend} and
         * {@code pg_rewrite}), with their definitions ({@code pg_get_viewdef}); {@link #build()} registers those that
         * read a soft-deletable table of the policy. Views registered with {@link #view} keep their given definition.
         * On MariaDB the views and definitions come from {@code information_schema.VIEWS} (the system databases left
         * out), and the tables a view reads from its definition, parsed with {@code SQLDialect.MARIADB}; a definition
         * jOOQ cannot parse counts as reading every table it names, and reads of it are refused as on PostgreSQL.
         *
         * @param ctx a context on the database
         * @return this builder
         * @throws NullPointerException when {@code ctx} is null
         * @throws org.jooq.exception.DataAccessException when the catalog cannot be read
         */
        public Builder viewsFromDatabase(DSLContext ctx) {
            catalogViews.addAll(ViewCatalog.read(Objects.requireNonNull(ctx, "ctx")));
            return this;
        }

        /**
         * Declares the {@code ON DELETE} rule of a generated foreign key. jOOQ 3.19's metadata does not
         * carry these rules ({@code ForeignKey.getDeleteRule()} arrived in jOOQ 3.20), so with 3.19 a
         * foreign key without a declaration (or a rule read by {@link #rulesFromDatabase}) is treated as
         * {@link OnDelete#NO_ACTION}, and a refusal says that the rule was unknown. The softdelete code
         * generator declares every rule.
         *
         * @param key  a foreign key that references a soft-deletable table
         * @param rule what a soft delete of the referenced row does to the referencing rows
         * @return this builder
         * @throws NullPointerException     when an argument is null
         * @throws IllegalArgumentException when the key's rule was declared already
         */
        public Builder onDelete(ForeignKey<?, ?> key, OnDelete rule) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(rule, "rule");
            if (declaredRules.putIfAbsent(key, rule) != null)
                throw invalid(List.of("the ON DELETE rule of " + key.getName() + " is declared twice; declare it once"));
            return this;
        }

        /**
         * Declares a relation for tables without generated keys: {@code child.childColumn} references
         * {@code parent.parentColumn}, with the given {@code ON DELETE} rule.
         *
         * @param child        the referencing table
         * @param childColumn  its referencing column
         * @param parent       the referenced table; it must be registered as soft-deletable
         * @param parentColumn the referenced column, usually the primary key
         * @param rule         what a soft delete of the parent does to the children
         * @return this builder
         * @throws NullPointerException when an argument is null
         */
        public Builder relation(Table<?> child, Field<?> childColumn, Table<?> parent, Field<?> parentColumn, OnDelete rule) {
            manualRelations.add(new ManualRelation(Objects.requireNonNull(child, "child"),
                Objects.requireNonNull(childColumn, "childColumn"), Objects.requireNonNull(parent, "parent"),
                Objects.requireNonNull(parentColumn, "parentColumn"), Objects.requireNonNull(rule, "rule")));
            return this;
        }

        /**
         * The policy-wide actor for deleted-by columns, asked on each soft delete whose context has no
         * actor of its own ({@link SoftDelete#withActor}): for example the user of the current request.
         * The value it returns must be of the deleted-by columns' type; a null means no actor, and a
         * delete that reaches a deleted-by column is then refused.
         *
         * @param supplier called while a statement is rendered, on the rendering thread
         * @return this builder
         * @throws NullPointerException  when {@code supplier} is null
         * @throws IllegalStateException when an actor supplier was given already
         */
        public Builder actor(Supplier<?> supplier) {
            Objects.requireNonNull(supplier, "supplier");
            if (actor != null)
                throw new IllegalStateException("actor(...) was already called; give one actor supplier");
            this.actor = supplier;
            return this;
        }

        /**
         * Registers a view that reads soft-deletable tables, with its definition. Reads of the view then
         * see live rows only: unless the definition already filters them ({@code WHERE deleted_at IS NULL}
         * for each soft-deletable table), the view is rendered as its definition, a derived table under
         * the view's name, and filtered like any query. A DELETE through a simple view over one
         * soft-deletable table that exposes its primary key soft-deletes the base rows, with cascades;
         * any other DELETE or UPDATE through the view is refused. See {@code docs/guarantees.md}.
         *
         * @param view       the view: a generated view class, or {@code DSL.table(name("schema", "view"))}
         * @param definition its SELECT, as {@code pg_get_viewdef} prints it or as it was created
         * @return this builder
         * @throws NullPointerException     when an argument is null
         * @throws IllegalArgumentException when the view is registered already
         */
        public Builder view(Table<?> view, String definition) {
            Objects.requireNonNull(view, "view");
            Objects.requireNonNull(definition, "definition");
            if (views.putIfAbsent(view, definition) != null)
                throw invalid(List.of("view " + quoted(view) + " is registered twice; register each view once"));
            return this;
        }

        /**
         * Where {@link #build()} sends the columns that look like a marker but are not used as one ({@link Warning}),
         * instead of logging them: for tools that report them their own way (the command-line tool prints them on
         * stderr, the code generator makes them lint findings).
         *
         * @param sink called once per look-alike column, during {@code build()}
         * @return this builder
         * @throws NullPointerException  when {@code sink} is null
         * @throws IllegalStateException when a sink was given already
         */
        public Builder warnings(Consumer<? super Warning> sink) {
            Objects.requireNonNull(sink, "sink");
            if (warnings != null)
                throw new IllegalStateException("warnings(...) was already called; give one sink");
            this.warnings = sink;
            return this;
        }

        /**
         * Adds a listener that hears what each operation of the library changed, per table ({@link SoftDeleteEvent}),
         * inside the operation's transaction; an exception it throws rolls the operation back. Listeners are called
         * in the order they were added. Without any, nothing is counted or read for them.
         *
         * @param listener the listener; thread-safe, since the policy serves every thread
         * @return this builder
         * @throws NullPointerException when {@code listener} is null
         */
        public Builder listener(SoftDeleteListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * What the library does with SQL text it did not build: jOOQ's plain SQL, statements sent through
         * {@link SoftDelete#dataSource}, and view definitions jOOQ cannot parse. {@link PlainSql#PARSE} by default:
         * parsed and rewritten, and refused where it names a soft-deletable table and cannot be parsed.
         * {@link SoftDelete#allowPlainSql} lets one context's plain SQL through as written.
         *
         * @param plainSql the setting
         * @return this builder
         * @throws NullPointerException  when {@code plainSql} is null
         * @throws IllegalStateException when the setting was given already
         */
        public Builder plainSql(PlainSql plainSql) {
            Objects.requireNonNull(plainSql, "plainSql");
            if (this.plainSql != null)
                throw new IllegalStateException("plainSql(...) was already set to " + this.plainSql + "; set it once");
            this.plainSql = plainSql;
            return this;
        }

        /**
         * Finds the tables of the schemas, checks the settings together, and builds the policy. Reads no database.
         *
         * @return the immutable policy
         * @throws IllegalArgumentException naming every problem at once: a table found in a schema whose marker
         *                                  columns do not fit, a {@link #markers(String)} entry no table used, a
         *                                  {@link #conventionalTimestamp} without a schema, no
         *                                  soft-deletable table at all, an actor supplier without a deleted-by
         *                                  column, a relation or rule that does not fit the tables, a view over no
         *                                  soft-deletable table
         */
        public SoftDeletePolicy build() {
            List<String> problems = new ArrayList<>();
            Map<Table<?>, Marker> all = new LinkedHashMap<>(tables);
            String timestamp = conventionalTimestamp == null ? DEFAULT_MARKER : conventionalTimestamp;
            MarkerDiscovery discovery = new MarkerDiscovery(markers, MARKERS_SETTING, timestamp);
            for (Schema schema : schemas)
                discovery.scan(schema, this::registeredByName, (table, marker) -> {
                    List<String> found = MarkerValidation.problems(table, marker);
                    if (found.isEmpty())
                        all.putIfAbsent(table, marker);
                    problems.addAll(found);
                });
            if (markers != null || !schemas.isEmpty())
                problems.addAll(discovery.problems());
            discovery.warn(warnings);
            if (conventionalTimestamp != null && schemas.isEmpty())
                problems.add("conventionalTimestamp(\"" + conventionalTimestamp + "\") names the conventions' timestamp for"
                    + " schema(...) and database(...), but neither was called; call one of them, or drop conventionalTimestamp(...)");
            if (all.isEmpty())
                problems.add(schemas.isEmpty() ? "no soft-deletable table was registered; call table(table, marker) or schema(schema)"
                    : "schema " + String.join(", ", schemas.stream().map(s -> '"' + s.getName() + '"').toList()) + " has no"
                        + " table with a soft-delete marker (" + timestamp + ", or a boolean is_deleted or deleted); add"
                        + " such a column to the soft-deletable tables, name other markers with markers(\"table = flag(column)\"),"
                        + " or register tables with SoftDeletePolicy.builder().table(table, marker)");
            if (actor != null && all.values().stream().noneMatch(m -> m.deletedByColumn().isPresent()))
                problems.add("an actor supplier was given, but no table has a deleted-by column to record it; declare one with"
                    + " table(table, Marker.timestamp(column).deletedBy(column)), or drop the actor supplier");
            List<PolicyTable> entries = new ArrayList<>();
            all.forEach((table, marker) -> entries.add(
                new PolicyTable(table, marker, MarkerValidation.indexOf(table, marker.stateColumn()), ownClass(table, all))));
            Relations relations = new Relations(entries, declaredRules, manualRelations, catalogRules);
            problems.addAll(relations.problems());
            // Views are analysed against the registry's lookup, so the registry asks for them once it can resolve tables.
            TableRegistry registry = new TableRegistry(entries, relations.all(), actor,
                tables -> new Views(views(tables, problems), schemaAliases), schemaAliases);
            if (!problems.isEmpty())
                throw invalid(problems);
            return new SoftDeletePolicy(registry.withListeners(listeners), plainSql == null ? PlainSql.PARSE : plainSql);
        }

        private List<ViewDefinition> views(TableRegistry registry, List<String> problems) {
            // A view given to view(...) has no dialect of its own: its definition is read as PostgreSQL's, as before
            // MariaDB; a view from the catalog is read in its engine's dialect.
            Map<Table<?>, String> given = new LinkedHashMap<>(views);
            Map<Table<?>, SQLDialect> dialects = new HashMap<>();
            ViewCatalog.over(catalogViews, registry.tables()).forEach((view, dependency) -> {
                for (Table<?> registered : views.keySet())
                    if (registered.getName().equals(view.getName()))
                        return;
                if (given.putIfAbsent(view, dependency.definition()) == null)
                    dialects.put(view, dependency.dialect());
            });
            List<ViewDefinition> definitions = new ArrayList<>();
            given.forEach((view, sql) -> {
                ViewDefinition definition = ViewAnalysis.analyse(view, sql, dialects.getOrDefault(view, SQLDialect.POSTGRES), registry);
                if (definition.definition() != null && definition.reads().isEmpty())
                    problems.add("view " + quoted(view) + " reads no soft-deletable table of this policy; register only"
                        + " views over soft-deletable tables");
                else
                    definitions.add(definition);
            });
            return definitions;
        }

        // A generated class belongs to one table; catalog tables and DSL.table(name) share jOOQ's classes.
        private static boolean ownClass(Table<?> table, Map<Table<?>, Marker> all) {
            if (!TableRegistry.generatedClass(table.getClass()))
                return false;
            for (Table<?> other : all.keySet())
                if (other != table && other.getClass() == table.getClass())
                    return false;
            return true;
        }

        private boolean registeredByName(Table<?> table) {
            for (Table<?> registered : tables.keySet())
                if (registered.getName().equals(table.getName())
                    && (registered.getSchema() == null || table.getSchema() == null
                        || registered.getSchema().getName().equals(table.getSchema().getName())))
                    return true;
            return false;
        }

        private static IllegalArgumentException invalid(List<String> problems) {
            return new IllegalArgumentException("invalid soft-delete policy: " + String.join("; ", problems));
        }

        private static String quoted(Table<?> table) {
            return '"' + table.getName() + '"';
        }
    }
}
