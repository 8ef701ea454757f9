package io.github.softdelete.internal.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jooq.Configuration;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.TableImpl;

import io.github.softdelete.SoftDeleteEvent;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.SoftDeleteListener;

import io.github.softdelete.internal.jooq.TableShape;

/**
 * Finds the policy entry behind a table reference, however the reference was written.
 *
 * <p>Two indexes, because jOOQ gives two kinds of table objects:
 * <ul>
 *   <li>Generated tables are subclasses of {@code TableImpl}, one class per table. An alias
 *       {@code POSTS.as("p")} is a new instance of the <em>same</em> class whose name is {@code p}, and
 *       jOOQ offers no public way to reach the aliased table from it (TableImpl's {@code alias} is a
 *       package-private field in jOOQ 3.19's TableImpl.java). The class is therefore the only
 *       reliable key, and a {@link ClassValue} makes that lookup allocation-free on the hot path.</li>
 *   <li>{@code DSL.table(name("public", "posts"))} is a plain {@code TableImpl} without fields. It is
 *       matched by name: by schema and table name when qualified, by table name alone otherwise
 *       (PostgreSQL resolves an unqualified name through the {@code search_path}).</li>
 * </ul>
 *
 * <p>Besides the lookup, the policy's facts that every statement reads: the relations, each table's cascade plan,
 * the lock order, the views and the actor supplier. Nothing here depends on how a statement renders: the texts
 * the listener keeps belong to its installation ({@code RenderCache}).
 *
 * <p>Immutable and thread-safe.
 */
public final class TableRegistry {

    private final List<PolicyTable> tables;
    private final Map<String, List<PolicyTable>> byName;
    private final ClassValue<Optional<PolicyTable>> byGeneratedClass;

    private final List<Relation> relations;
    private final LockOrder lockOrder;
    private final Map<PolicyTable, CascadePlan> plans;
    private final Supplier<?> actor;
    private final boolean hasDeletedBy;

    private final Views views;

    // Schema names that the configuration's RenderMapping turns into a catalog schema of the policy (public -> the
    // MariaDB database, say): a table named in code under such a name is the catalog's table.
    private final Map<String, String> schemaAliases;

    // Who hears what the operations changed (SoftDeletePolicy.Builder.listener): empty when nobody does.
    private final List<SoftDeleteListener> listeners;

    public TableRegistry(List<PolicyTable> tables, List<Relation> relations) {
        this(tables, relations, null, registry -> Views.NONE);
    }

    public TableRegistry(List<PolicyTable> tables, List<Relation> relations, Supplier<?> actor, Function<TableRegistry, Views> views) {
        this(tables, relations, actor, views, Map.of());
    }

    /**
     * @param actor the policy-wide supplier of the deleted-by value, or null
     * @param views the views over the tables ({@link ViewDefinition}), analysed against this registry: called once,
     *              at the end of construction, when every table and relation is known (a view's analysis looks its
     *              tables up), so that the registry is built once, with its views
     */
    public TableRegistry(List<PolicyTable> tables, List<Relation> relations, Supplier<?> actor, Function<TableRegistry, Views> views,
                         Map<String, String> schemaAliases) {
        this.actor = actor;
        this.schemaAliases = Map.copyOf(schemaAliases);
        this.listeners = List.of();
        this.hasDeletedBy = tables.stream().anyMatch(t -> t.deletedBy() != null);
        this.tables = List.copyOf(tables);
        this.relations = List.copyOf(relations);
        this.lockOrder = new LockOrder(this.tables, this.relations);
        Map<PolicyTable, CascadePlan> cascadePlans = new HashMap<>();
        for (PolicyTable table : this.tables)
            cascadePlans.put(table, CascadePlan.of(table, this.tables, this.relations, lockOrder));
        this.plans = Map.copyOf(cascadePlans);
        Map<String, List<PolicyTable>> names = new HashMap<>();
        for (PolicyTable t : this.tables)
            names.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(t);
        names.replaceAll((k, v) -> List.copyOf(v));
        this.byName = Map.copyOf(names);
        this.byGeneratedClass = new ClassValue<>() {
            @Override
            protected Optional<PolicyTable> computeValue(Class<?> type) {
                return registeredForClass(type);
            }
        };
        this.views = views.apply(this);
    }

    // A copy of base that also takes the schemas of aliases for the policy's (withSchemaAliases), and tells listeners.
    private TableRegistry(TableRegistry base, Map<String, String> aliases, List<SoftDeleteListener> listeners) {
        this.actor = base.actor;
        this.schemaAliases = Map.copyOf(aliases);
        this.listeners = List.copyOf(listeners);
        this.hasDeletedBy = base.hasDeletedBy;
        this.tables = base.tables;
        this.relations = base.relations;
        this.lockOrder = base.lockOrder;
        this.plans = base.plans;
        this.byName = base.byName;
        this.byGeneratedClass = base.byGeneratedClass;
        this.views = base.views.withAliases(this.schemaAliases);
    }

    /**
     * This registry, taking also each key of {@code aliases} (a schema as some statements name it) for the value (the
     * policy's schema): the schemas a configuration's RenderMapping renders the policy's schemas as, so that SQL text
     * and plain names that spell them that way are the policy's tables ({@code Installation}). This registry itself
     * when there is nothing to add.
     */
    public TableRegistry withSchemaAliases(Map<String, String> aliases) {
        Map<String, String> merged = new HashMap<>(schemaAliases);
        aliases.forEach(merged::putIfAbsent);
        return merged.equals(schemaAliases) ? this : new TableRegistry(this, merged, listeners);
    }

    /** This registry, telling {@code added} too what the operations change; this registry itself when none is added. */
    public TableRegistry withListeners(List<SoftDeleteListener> added) {
        if (added.isEmpty())
            return this;
        List<SoftDeleteListener> all = new ArrayList<>(listeners);
        all.addAll(added);
        return new TableRegistry(this, schemaAliases, all);
    }

    /** Whether a listener hears what the operations change: without one, nothing is counted for it. */
    public boolean hasListeners() {
        return !listeners.isEmpty();
    }

    /**
     * Tells every listener, in the order they were registered, what an operation changed. Called inside the
     * operation's transaction: an exception of a listener leaves here, and the caller rolls the operation back.
     */
    public void tell(SoftDeleteEvent event) {
        for (SoftDeleteListener listener : listeners)
            listener.changed(event);
    }

    /**
     * Tells every listener of a refusal ({@link SoftDeleteListener#refused}), which reaches the caller as it is: a
     * listener's exception is added to it as suppressed.
     */
    public void refused(SoftDeleteException refusal) {
        for (SoftDeleteListener listener : listeners) {
            try {
                listener.refused(refusal);
            } catch (RuntimeException e) {
                refusal.addSuppressed(e);
            }
        }
    }

    private enum Key { COLLECTED_EVENTS }

    /**
     * {@code derived}, on which the operations tell {@code collector} instead of the listeners ({@link #tell(Configuration,
     * SoftDeleteEvent)}): for an operation made of several (restoreWithParents), which the listeners hear once, whole.
     * {@code derived} must be a configuration of the operation's own: jOOQ's {@code derive()} copies the data map.
     */
    public static Configuration collecting(Configuration derived, Consumer<SoftDeleteEvent> collector) {
        derived.data(Key.COLLECTED_EVENTS, collector);
        return derived;
    }

    /** As {@link #tell(SoftDeleteEvent)}, or to the collector of {@code configuration} when it has one ({@link #collecting}). */
    @SuppressWarnings("unchecked")
    public void tell(Configuration configuration, SoftDeleteEvent event) {
        Object collector = configuration.data(Key.COLLECTED_EVENTS);
        if (collector != null)
            ((Consumer<SoftDeleteEvent>) collector).accept(event);
        else
            tell(event);
    }

    /**
     * The actor a soft delete records in deleted-by columns: the context's, else the policy's supplier's,
     * else null. The supplier is only asked when some table has a deleted-by column.
     */
    public Object actor(ContextFlags flags) {
        if (flags.actor() != null || !hasDeletedBy || actor == null)
            return flags.actor();
        return actor.get();
    }

    /** Whether the policy's supplier gives the actor of contexts that set none: some table has a deleted-by column. */
    public boolean suppliesActor() {
        return hasDeletedBy && actor != null;
    }

    /** Whether some table has a deleted-by column. */
    public boolean hasDeletedBy() {
        return hasDeletedBy;
    }

    /** Every soft-deletable table, in registration order. */
    public List<PolicyTable> tables() {
        return tables;
    }

    /** The views that read soft-deletable tables. */
    public Views views() {
        return views;
    }

    /** Whether some soft-deletable table has this unqualified name (for the plain-SQL guard). */
    public boolean namesTable(String name) {
        return byName.containsKey(name);
    }

    /** Every foreign key that references a soft-deletable table. */
    public List<Relation> relations() {
        return relations;
    }

    /** The order in which statements lock rows of the policy's tables. */
    public LockOrder lockOrder() {
        return lockOrder;
    }

    /** What a soft delete of rows of {@code table} reaches through the foreign keys. */
    public CascadePlan plan(PolicyTable table) {
        return plans.get(table);
    }

    /**
     * Whether {@code other} applies the same rules: the same tables with the same markers, the same relations and
     * rules, and the same views (by name and definition). Two policies built alike from one schema do.
     */
    public boolean sameRulesAs(TableRegistry other) {
        return other == this || tables.equals(other.tables) && relations.equals(other.relations) && viewsDescribed().equals(other.viewsDescribed());
    }

    private List<String> viewsDescribed() {
        return views.all().stream().map(view -> view.view().getQualifiedName() + " AS " + view.sql()).toList();
    }

    /** The index of {@code table}, one of {@link #tables()}, in that list (by identity: see {@code CheckedRows.Shape}). */
    public int indexOf(PolicyTable table) {
        for (int i = 0; i < tables.size(); i++)
            if (tables.get(i) == table)
                return i;
        throw new IllegalArgumentException("not a table of this policy: " + table);
    }

    /** The index of {@code relation}, one of {@link #relations()}, in that list (by identity: see {@code CheckedRows.Shape}). */
    public int indexOf(Relation relation) {
        for (int i = 0; i < relations.size(); i++)
            if (relations.get(i) == relation)
                return i;
        throw new IllegalArgumentException("not a relation of this policy: " + relation);
    }

    /**
     * The entry for a table object that is not an alias wrapper: a generated table (aliased or not),
     * or a plain named table. Returns null when the table is not soft-deletable.
     */
    public PolicyTable lookup(Table<?> table) {
        if (!(table instanceof TableImpl<?>))
            return null;
        if (!generatedClass(table.getClass()))
            return lookupByName(table);
        Optional<PolicyTable> generated = byGeneratedClass.get(table.getClass());
        return generated.isPresent() ? generated.get() : lookupByName(unaliasedGenerated(table));
    }

    /**
     * Whether instances of {@code type} stand for one table only, as the classes that jOOQ's code
     * generator writes do (one per table; their aliases and path tables are instances of it too). jOOQ's
     * own table classes stand for any table: {@code TableImpl} for {@code DSL.table(name)}, and the
     * classes of the tables of {@code DSLContext.meta()} and of its snapshots, which every table read
     * from a catalog shares. A table of such a class is known by its name alone: taken by its class, a
     * catalog table that the policy does not hold would pass for the one it does, and a DELETE of it
     * would run that table's cascade.
     */
    public static boolean generatedClass(Class<?> type) {
        return TableShape.of(type).generated(); // asked for every table reference rendered: decided once per class
    }

    // A generated class that the policy does not know may still match a table registered by name.
    // Unaliased generated tables carry their schema; aliases do not (the alias constructor that jOOQ-codegen
    // 3.19's JavaGenerator writes calls super(alias, null, aliased, ...): a null schema), so reach the aliased table through one of its keys, which jOOQ generates
    // against the unaliased table.
    private static Table<?> unaliasedGenerated(Table<?> table) {
        if (table.getSchema() != null || table.getKeys().isEmpty())
            return table;
        return table.getKeys().get(0).getTable();
    }

    /**
     * The catalog schema that {@code schema}, as code names it, stands for: itself, or the schema the configuration's
     * RenderMapping maps it to when the policy's tables were read from that schema ({@code database(ctx, schema)}).
     */
    public String catalogSchema(String schema) {
        return schema == null ? null : schemaAliases.getOrDefault(schema, schema);
    }

    /** True when the reference came from the same generated class, so its fields mirror the entry's. */
    public static boolean sameShape(Table<?> table, PolicyTable entry) {
        return entry.markerIndex() >= 0 && entry.ownClass() && entry.table().getClass().isInstance(table);
    }

    private PolicyTable lookupByName(Table<?> table) {
        List<PolicyTable> candidates = byName.get(table.getName());
        if (candidates == null)
            return null;
        String schema = catalogSchema(table.getSchema() == null ? null : table.getSchema().getName());
        if (schema == null || schema.isEmpty())
            return candidates.get(0);
        for (PolicyTable candidate : candidates)
            if (candidate.schemaName() == null || schema.equals(candidate.schemaName()))
                return candidate;
        return null;
    }

    // Generated path tables (UsersPath extends Users) are subclasses of the registered class.
    private Optional<PolicyTable> registeredForClass(Class<?> type) {
        for (Class<?> c = type; c != null && c != TableImpl.class; c = c.getSuperclass())
            for (PolicyTable t : tables)
                if (t.ownClass() && t.table().getClass() == c)
                    return Optional.of(t);
        return Optional.empty();
    }
}
