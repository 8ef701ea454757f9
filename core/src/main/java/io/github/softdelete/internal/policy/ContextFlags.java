package io.github.softdelete.internal.policy;

import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;


/**
 * The per-context opt-outs, stored in the jOOQ {@link Configuration}'s data map under one key.
 *
 * <p>Why the configuration: {@code Configuration.derive()} copies the data map, so a flag set on a
 * derived context never leaks back to its parent, and {@code transaction(...)} derives the
 * configuration it runs on, so the flag follows into transactions. One immutable value under one
 * key keeps the listener to a single map lookup per statement.
 *
 * @param readMode       which rows reads see
 * @param hardDelete     whether DELETE statements delete physically
 * @param markerWrites   whether INSERT and UPDATE may write the marker column (the escape hatch)
 * @param deletedParents whether INSERT and UPDATE may make live rows reference deleted parents (imports)
 * @param plainSql       whether the user vouches for the plain SQL of the context, so that a strict policy lets it through
 * @param actor          who deletes, for deleted-by columns, or null
 */
public record ContextFlags(ReadMode readMode, boolean hardDelete, boolean markerWrites, boolean deletedParents,
                           boolean plainSql, Object actor) {

    /** The flags of a context that nobody changed. */
    public static final ContextFlags DEFAULT = new ContextFlags(ReadMode.LIVE, false, false, false, false, null);

    private enum Key { SOFT_DELETE_FLAGS }

    /** The flags in force for a configuration. */
    public static ContextFlags of(Configuration configuration) {
        Object flags = configuration.data(Key.SOFT_DELETE_FLAGS);
        return flags instanceof ContextFlags f ? f : DEFAULT;
    }

    /** A new context on a derived configuration, carrying these flags; {@code ctx} is left unchanged. */
    public DSLContext applyTo(DSLContext ctx) {
        DSLContext derived = DSL.using(ctx.configuration().derive());
        derived.configuration().data(Key.SOFT_DELETE_FLAGS, this);
        return derived;
    }

    /**
     * These flags as far as they decide the text of a statement the library renders: all of them but the actor
     * ({@code RenderKey} holds this value whole, so that a flag added here is part of every render key). The actor
     * is left out because a statement whose text holds it is never kept (see {@code CascadeDelete}); in any other
     * statement it changes nothing, and a key with it would keep one text per user. No allocation without an actor.
     */
    public ContextFlags renderRelevant() {
        return actor == null ? this : withActor(null);
    }

    public ContextFlags withReadMode(ReadMode mode) {
        return new ContextFlags(mode, hardDelete, markerWrites, deletedParents, plainSql, actor);
    }

    public ContextFlags withHardDelete() {
        return new ContextFlags(readMode, true, markerWrites, deletedParents, plainSql, actor);
    }

    public ContextFlags withMarkerWrites() {
        return new ContextFlags(readMode, hardDelete, true, deletedParents, plainSql, actor);
    }

    public ContextFlags withDeletedParents() {
        return new ContextFlags(readMode, hardDelete, markerWrites, true, plainSql, actor);
    }

    public ContextFlags withPlainSql() {
        return new ContextFlags(readMode, hardDelete, markerWrites, deletedParents, true, actor);
    }

    public ContextFlags withActor(Object who) {
        return new ContextFlags(readMode, hardDelete, markerWrites, deletedParents, plainSql, who);
    }
}
