package io.github.softdelete.internal.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jooq.Table;
import org.jooq.impl.QOM;
import org.jooq.impl.TableImpl;

import io.github.softdelete.internal.jooq.TableShape;

/**
 * The views of a policy that read soft-deletable tables, found by name: a view reference is a generated
 * class, an alias of one, or {@code DSL.table(name(...))}, and all of them carry the view's name.
 *
 * <p>Immutable and thread-safe.
 */
public final class Views {

    static final Views NONE = new Views(List.of());

    private final List<ViewDefinition> all;
    private final Map<String, List<ViewDefinition>> byName = new HashMap<>();
    private final Map<String, String> aliases;

    public Views(List<ViewDefinition> views) {
        this(views, Map.of());
    }

    /** The views, looked up under their schemas and under the code's names for them ({@link TableRegistry#catalogSchema}). */
    public Views(List<ViewDefinition> views, Map<String, String> aliases) {
        this.aliases = Map.copyOf(aliases);
        this.all = List.copyOf(views);
        for (ViewDefinition view : all)
            byName.computeIfAbsent(view.view().getName(), k -> new ArrayList<>()).add(view);
    }

    /** These views, looked up under more schema names too ({@link TableRegistry#withSchemaAliases}). */
    Views withAliases(Map<String, String> more) {
        Map<String, String> merged = new HashMap<>(aliases);
        more.forEach(merged::putIfAbsent);
        return new Views(all, merged);
    }

    /** Every registered view. */
    public List<ViewDefinition> all() {
        return all;
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }

    /** The view behind a table reference (aliases unwrapped), or null when it is not a registered view. */
    public ViewDefinition lookup(Table<?> reference) {
        if (all.isEmpty() || reference instanceof UnfilteredTable<?>)
            return null;
        // Runs for every table reference rendered: TableShape answers "is it an alias" without a slow instanceof.
        Table<?> table = TableShape.of(reference).alias() ? ((QOM.TableAlias<?>) reference).$aliased() : reference;
        if (!(table instanceof TableImpl<?>))
            return null; // a derived table, join or VALUES, even if its alias has a view's name
        // An alias of a generated view is an instance of its class under another name.
        if (TableRegistry.generatedClass(table.getClass()))
            for (ViewDefinition candidate : all)
                if (candidate.view().getClass() == table.getClass())
                    return candidate;
        List<ViewDefinition> candidates = byName.get(table.getName());
        if (candidates == null)
            return null;
        String named = table.getSchema() == null ? null : table.getSchema().getName();
        String schema = named == null ? null : aliases.getOrDefault(named, named);
        for (ViewDefinition candidate : candidates) {
            String registered = candidate.view().getSchema() == null ? null : candidate.view().getSchema().getName();
            if (schema == null || schema.isEmpty() || registered == null || registered.equals(schema))
                return candidate;
        }
        return null;
    }
}
