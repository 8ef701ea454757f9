package io.github.softdelete;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.Schema;
import org.jooq.Table;
import org.jooq.impl.QOM;

import io.github.softdelete.internal.DatabaseCatalog;
import io.github.softdelete.internal.ManualRelation;
import io.github.softdelete.internal.MarkerDiscovery;
import io.github.softdelete.internal.MarkerValidation;
import io.github.softdelete.internal.PolicyTable;
import io.github.softdelete.internal.Relations;
import io.github.softdelete.internal.TableRegistry;
import io.github.softdelete.internal.ViewAnalysis;
import io.github.softdelete.internal.ViewCatalog;
import io.github.softdelete.internal.ViewDefinition;
import io.github.softdelete.internal.Views;

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

    /** {@return the soft-deletable tables, in the order they were registered} */
    public List<Table<?>> tables() {
        return registry.tables().stream().<Table<?>>map(PolicyTable::table).toList();
    }

    /**
     * The marker column of a table, if the table is soft-deletable. Aliases and name-equal references
     * ({@code DSL.table(name("public", "posts"))}) resolve to the registered table.
     *
     * @param table a table or a reference to one
     * @return the marker column as registered, or empty when the table is not soft-deletable
     */
    public Optional<Field<?>> marker(Table<?> table) {
        return markerOf(table).map(Marker::state);
    }

    /**
     * The whole marker of a table (its kind, and every column the library owns), if the table is
     * soft-deletable.
     *
     * @param table a table or a reference to one
     * @return the marker as registered, or empty when the table is not soft-deletable
     */
    public Optional<Marker> markerOf(Table<?> table) {
        Table<?> base = table instanceof QOM.TableAlias<?> alias ? alias.$aliased() : table;
        PolicyTable entry = registry.lookup(base);
        return entry == null ? Optional.empty() : Optional.of(entry.definition());
    }

    /**
     * A policy built from the live database catalog: every table of {@code schema} with a marker by the
     * common conventions is soft-deletable ({@code deleted_at}; a boolean {@code is_deleted} or
     * {@code deleted}, with {@code deleted_at} beside it if there is one; {@code deleted_by} where present: see
     * {@link Builder#schema(Schema)}), and every foreign key follows the {@code ON DELETE}
     * rule the database has ({@code pg_constraint}), on every jOOQ version; the views that read those
     * tables are registered too, so reads through them see live rows only. The catalog is read once,
     * now; the policy holds no connection.
     * <pre>{@code
     * SoftDeletePolicy policy = SoftDeletePolicy.fromDatabase(ctx, "public");
     * }</pre>
     * For markers with other names, declare them with the builder, per table where needed:
     * {@code builder().markers("products = timestamp(archived_at)").database(ctx, "public").build()}
     * ({@link Builder#markers(String)}). A column that looks like a marker but is not used as one is
     * logged as a warning.
     *
     * @param ctx    a context connected to the PostgreSQL database
     * @param schema the schema's name, e.g. {@code "public"}
     * @return the policy
     * @throws IllegalArgumentException when the schema has no tables, or none with a marker
     * @throws org.jooq.exception.DataAccessException when the catalog cannot be read
     */
    public static SoftDeletePolicy fromDatabase(DSLContext ctx, String schema) {
        return builder().database(ctx, schema).build();
    }

    /**
     * {@return the foreign keys that reference soft-deletable tables, each with the rule a soft delete follows}
     * The text of each entry names the constraint, the tables and the rule, e.g.
     * {@code posts_author_id_fkey (posts -> users, ON DELETE CASCADE)}.
     */
    public List<String> relations() {
        return registry.relations().stream().map(Object::toString).toList();
    }

    /**
     * {@return the registered views over soft-deletable tables, each with what reads of it do} For example
     * {@code "user_emails" (inlined)}, {@code "live_posts" (filters)}, or {@code "v" (unparsed: <why>)}.
     */
    public List<String> views() {
        return registry.views().all().stream().map(Object::toString).toList();
    }

    /** {@return what the library does with SQL text it did not build} See {@link Builder#plainSql(PlainSql)}. */
    public PlainSql plainSql() {
        return plainSql;
    }

    /**
     * {@return whether plain SQL that names a soft-deletable table and is not parsed is refused}
     *
     * @deprecated the one setting is {@link #plainSql()}: true unless it is {@link PlainSql#PASS_THROUGH_UNFILTERED}
     */
    @Deprecated(forRemoval = true)
    public boolean strictPlainSql() {
        return plainSql != PlainSql.PASS_THROUGH_UNFILTERED;
    }

    /**
     * {@return whether jOOQ's plain SQL is parsed and rewritten}
     *
     * @deprecated the one setting is {@link #plainSql()}: true unless it is {@link PlainSql#REFUSE}
     */
    @Deprecated(forRemoval = true)
    public boolean parsePlainSql() {
        return plainSql != PlainSql.REFUSE;
    }

    TableRegistry registry() {
        return registry;
    }

    @Override
    public String toString() {
        return "SoftDeletePolicy" + registry.tables() + " (plain SQL: " + plainSql + ")";
    }

    /**
     * Collects tables, then validates them all in {@link #build()}.
     *
     * <p>Not thread-safe; the policy it builds is.
     */
    public static final class Builder {

        private final Map<Table<?>, Marker> tables = new LinkedHashMap<>();
        private final Map<ForeignKey<?, ?>, OnDelete> declaredRules = new LinkedHashMap<>();
        private final Map<String, OnDelete> catalogRules = new HashMap<>();
        private final List<ManualRelation> manualRelations = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();
        private final Map<Table<?>, String> views = new LinkedHashMap<>();
        private DSLContext viewCatalog;
        private MarkerDiscovery discovery;
        private boolean markersGiven;
        private Supplier<?> actor;
        private PlainSql plainSql;
        private Boolean strictPlainSql;
        private Boolean parsePlainSql;

        private Builder() {
        }

        /**
         * Registers a soft-deletable table with a timestamp marker: {@code table(table, Marker.timestamp(marker))}.
         *
         * @param table  the table, unaliased: a generated table, or {@code DSL.table(name(...))}
         * @param marker the marker column: a nullable timestamp column of {@code table}
         * @return this builder
         * @throws NullPointerException when an argument is null
         */
        public Builder table(Table<?> table, Field<?> marker) {
            return table(table, Marker.timestamp(Objects.requireNonNull(marker, "marker")));
        }

        /**
         * Registers a soft-deletable table and its marker, of any kind:
         * <pre>{@code
         * builder.table(PRODUCTS, Marker.flag(PRODUCTS.IS_DELETED).deletedBy(PRODUCTS.DELETED_BY))
         * }</pre>
         * The columns' types are checked in {@link #build()}.
         *
         * @param table  the table, unaliased: a generated table, or {@code DSL.table(name(...))}
         * @param marker the marker: its columns are columns of {@code table}
         * @return this builder
         * @throws NullPointerException when an argument is null
         */
        public Builder table(Table<?> table, Marker marker) {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(marker, "marker");
            if (tables.putIfAbsent(table, marker) != null)
                problems.add("table " + quoted(table) + " is registered twice; register each table once");
            return this;
        }

        /**
         * Registers every table of {@code schema} that has a soft-delete marker, unless the table is
         * registered already (by {@code table(...)}, with another marker). A table's marker is the first of:
         * an entry of {@link #markers(String)} that names the table; one that names no table, for the tables
         * that have its columns; then the conventions, {@code flagAndTimestamp(is_deleted, deleted_at)},
         * {@code flagAndTimestamp(deleted, deleted_at)}, {@code flag(is_deleted)}, {@code flag(deleted)} (a
         * flag only when the column is a boolean) and {@code timestamp(deleted_at)}, each with
         * {@code .deletedBy(deleted_by)} where the table has that column.
         *
         * <p>A column that looks like a marker but is not used as one (a boolean, timestamp or date column
         * whose name speaks of deletion, such as {@code deleted_on}, or a {@code deleted_by}) is logged as a
         * warning by {@link #build()}, through {@link System.Logger} {@code io.github.softdelete.SoftDeletePolicy},
         * unless {@code markers(...)} names the table.
         *
         * @param schema a schema with table metadata
         * @return this builder
         * @throws NullPointerException when {@code schema} is null
         */
        public Builder schema(Schema schema) {
            Objects.requireNonNull(schema, "schema");
            if (discovery == null)
                discovery = new MarkerDiscovery(null, MARKERS_SETTING, DEFAULT_MARKER);
            boolean found = discovery.scan(schema, this::registeredByName, this::table);
            if (!found && tables.isEmpty())
                problems.add("schema \"" + schema.getName() + "\" has no table with a soft-delete marker (" + DEFAULT_MARKER
                    + ", or a boolean is_deleted or deleted); add such a column to the soft-deletable tables, name other"
                    + " markers with markers(\"table = flag(column)\"), or register tables with"
                    + " SoftDeletePolicy.builder().table(table, marker)");
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
         * @throws IllegalStateException    when markers were given already, or {@code schema(...)} or
         *                                  {@code database(...)} ran before
         */
        public Builder markers(String description) {
            Objects.requireNonNull(description, "description");
            if (discovery != null)
                throw new IllegalStateException(markersGiven
                    ? "markers(...) was already called; give every entry in one call, separated by ';'"
                    : "markers(...) must come before schema(...) and database(...), which apply it; move the call up");
            discovery = new MarkerDiscovery(description, MARKERS_SETTING, DEFAULT_MARKER);
            markersGiven = true;
            return this;
        }

        /**
         * Reads the live database's catalog: registers the tables of {@code schema} that have a marker
         * (as {@link #schema(Schema)} finds them, with {@link #markers(String)}, from an in-memory snapshot of
         * the catalog), and takes every foreign key's {@code ON DELETE} rule from the database
         * ({@link #rulesFromDatabase}), and the views that read those tables ({@link #viewsFromCatalog}).
         * Tables registered before with {@code table(...)} keep their marker.
         *
         * @param ctx    a context connected to the PostgreSQL database
         * @param schema the schema's name
         * @return this builder
         * @throws NullPointerException when an argument is null
         * @throws IllegalArgumentException when the schema has no tables
         */
        public Builder database(DSLContext ctx, String schema) {
            Objects.requireNonNull(ctx, "ctx");
            Objects.requireNonNull(schema, "schema");
            schema(DatabaseCatalog.schema(ctx, schema));
            viewsFromCatalog(ctx);
            return rulesFromDatabase(ctx, schema);
        }

        /**
         * Takes the {@code ON DELETE} rule of every foreign key declared in {@code schema} from the
         * database's catalog ({@code pg_constraint}), read now. This is what makes cascades follow the
         * database on jOOQ 3.19, whose metadata carries no rules. A rule declared with
         * {@link #onDelete} must agree with the database's.
         *
         * @param ctx    a context connected to the PostgreSQL database
         * @param schema the schema's name, e.g. {@code "public"}
         * @return this builder
         * @throws NullPointerException when an argument is null
         */
        public Builder rulesFromDatabase(DSLContext ctx, String schema) {
            Objects.requireNonNull(ctx, "ctx");
            Objects.requireNonNull(schema, "schema");
            catalogRules.putAll(DatabaseCatalog.deleteRules(ctx, schema));
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
         * @throws NullPointerException when an argument is null
         */
        public Builder onDelete(ForeignKey<?, ?> key, OnDelete rule) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(rule, "rule");
            if (declaredRules.putIfAbsent(key, rule) != null)
                problems.add("the ON DELETE rule of " + key.getName() + " is declared twice; declare it once");
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
         * @throws NullPointerException when {@code supplier} is null
         */
        public Builder actor(Supplier<?> supplier) {
            this.actor = Objects.requireNonNull(supplier, "supplier");
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
         * @throws NullPointerException when an argument is null
         */
        public Builder view(Table<?> view, String definition) {
            Objects.requireNonNull(view, "view");
            Objects.requireNonNull(definition, "definition");
            if (views.putIfAbsent(view, definition) != null)
                problems.add("view " + quoted(view) + " is registered twice; register each view once");
            return this;
        }

        /**
         * Registers, when {@link #build()} runs, every view that PostgreSQL's catalog shows reading a
         * soft-deletable table of this policy (found through {@code pg_depend} and {@code pg_rewrite}),
         * with its definition ({@code pg_get_viewdef}). Views registered with {@link #view} keep their
         * given definition.
         *
         * @param ctx a context on the database; the query runs once, in {@code build()}
         * @return this builder
         * @throws NullPointerException when {@code ctx} is null
         */
        public Builder viewsFromCatalog(DSLContext ctx) {
            this.viewCatalog = Objects.requireNonNull(ctx, "ctx");
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
         * @throws NullPointerException when {@code plainSql} is null
         */
        public Builder plainSql(PlainSql plainSql) {
            this.plainSql = Objects.requireNonNull(plainSql, "plainSql");
            return this;
        }

        /**
         * The setting before {@link #plainSql(PlainSql)}: with {@link #parsePlainSql(boolean)} it selects
         * {@link PlainSql#PARSE} (both true), {@link PlainSql#PASS_THROUGH_UNFILTERED} (parse without strict),
         * {@link PlainSql#REFUSE} (strict without parse); both false select {@code PASS_THROUGH_UNFILTERED}, which now
         * parses what jOOQ can parse (it used to parse nothing). Ignored once {@link #plainSql(PlainSql)} is called.
         *
         * @param strict whether plain SQL that cannot be filtered is refused
         * @return this builder
         * @deprecated use {@link #plainSql(PlainSql)}
         */
        @Deprecated(forRemoval = true)
        public Builder strictPlainSql(boolean strict) {
            this.strictPlainSql = strict;
            return this;
        }

        /**
         * The setting before {@link #plainSql(PlainSql)}; see {@link #strictPlainSql(boolean)}.
         *
         * @param parse whether plain SQL is parsed and rewritten
         * @return this builder
         * @deprecated use {@link #plainSql(PlainSql)}
         */
        @Deprecated(forRemoval = true)
        public Builder parsePlainSql(boolean parse) {
            this.parsePlainSql = parse;
            return this;
        }

        // The one setting, from plainSql(...) or from the two flags that came before it.
        private PlainSql plainSqlSetting() {
            if (plainSql != null)
                return plainSql;
            boolean strict = Boolean.TRUE.equals(strictPlainSql);
            if (Boolean.TRUE.equals(parsePlainSql))
                return strict ? PlainSql.PARSE : PlainSql.PASS_THROUGH_UNFILTERED;
            if (strict)
                return PlainSql.REFUSE;
            return strictPlainSql == null && parsePlainSql == null ? PlainSql.PARSE : PlainSql.PASS_THROUGH_UNFILTERED;
        }

        /**
         * Validates every registration and builds the policy.
         *
         * @return the immutable policy
         * @throws IllegalArgumentException naming each table and column that is not valid: a marker column
         *                                  that is not a column of its table, a column whose type does not
         *                                  fit its kind, an aliased or derived table, an actor supplier
         *                                  without a deleted-by column, or no table at all
         */
        public SoftDeletePolicy build() {
            List<String> all = new ArrayList<>(problems);
            if (discovery != null) {
                all.addAll(discovery.problems());
                discovery.warn();
            }
            List<PolicyTable> entries = new ArrayList<>();
            tables.forEach((table, marker) -> {
                List<String> found = MarkerValidation.problems(table, marker);
                if (!found.isEmpty())
                    all.addAll(found);
                else
                    entries.add(new PolicyTable(table, marker, MarkerValidation.indexOf(table, marker.state()), ownClass(table)));
            });
            if (tables.isEmpty() && all.isEmpty())
                all.add("no soft-deletable table was registered; call table(table, marker) or schema(schema)");
            if (actor != null && tables.values().stream().noneMatch(m -> m.deletedBy().isPresent()))
                all.add("an actor supplier was given, but no table has a deleted-by column to record it; declare one with"
                    + " table(table, Marker.timestamp(column).deletedBy(column)), or drop the actor supplier");
            Relations relations = new Relations(entries, declaredRules, manualRelations, catalogRules);
            all.addAll(relations.problems());
            if (!all.isEmpty())
                throw new IllegalArgumentException("invalid soft-delete policy: " + String.join("; ", all));
            TableRegistry tablesOnly = new TableRegistry(entries, relations.all());
            List<ViewDefinition> viewDefinitions = views(tablesOnly, all);
            if (!all.isEmpty())
                throw new IllegalArgumentException("invalid soft-delete policy: " + String.join("; ", all));
            return new SoftDeletePolicy(new TableRegistry(entries, relations.all(), new Views(viewDefinitions), actor), plainSqlSetting());
        }

        private List<ViewDefinition> views(TableRegistry registry, List<String> problems) {
            Map<Table<?>, String> given = new LinkedHashMap<>(views);
            if (viewCatalog != null)
                ViewCatalog.read(viewCatalog, registry.tables()).forEach((view, sql) -> {
                    for (Table<?> registered : views.keySet())
                        if (registered.getName().equals(view.getName()))
                            return;
                    given.putIfAbsent(view, sql);
                });
            List<ViewDefinition> definitions = new ArrayList<>();
            given.forEach((view, sql) -> {
                ViewDefinition definition = ViewAnalysis.analyse(view, sql, registry);
                if (definition.definition() != null && definition.reads().isEmpty())
                    problems.add("view " + quoted(view) + " reads no soft-deletable table of this policy; register only"
                        + " views over soft-deletable tables");
                else
                    definitions.add(definition);
            });
            return definitions;
        }

        // A generated class belongs to one table; catalog tables and DSL.table(name) share jOOQ's classes.
        private boolean ownClass(Table<?> table) {
            if (!TableRegistry.generatedClass(table.getClass()))
                return false;
            for (Table<?> other : tables.keySet())
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

        private static String quoted(Table<?> table) {
            return '"' + table.getName() + '"';
        }
    }
}
