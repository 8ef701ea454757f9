package io.github.softdelete.internal;

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
 * @param readMode     which rows reads see
 * @param hardDelete   whether DELETE statements delete physically
 * @param markerWrites whether INSERT and UPDATE may write the marker column (the escape hatch)
 * @param actor        who deletes, for deleted-by columns, or null
 */
public record ContextFlags(ReadMode readMode, boolean hardDelete, boolean markerWrites, Object actor) {

    /** The flags of a context that nobody changed. */
    public static final ContextFlags DEFAULT = new ContextFlags(ReadMode.LIVE, false, false, null);

    public ContextFlags(ReadMode readMode, boolean hardDelete, boolean markerWrites) {
        this(readMode, hardDelete, markerWrites, null);
    }

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

    public ContextFlags withReadMode(ReadMode mode) {
        return new ContextFlags(mode, hardDelete, markerWrites, actor);
    }

    public ContextFlags withHardDelete() {
        return new ContextFlags(readMode, true, markerWrites, actor);
    }

    public ContextFlags withMarkerWrites() {
        return new ContextFlags(readMode, hardDelete, true, actor);
    }

    public ContextFlags withActor(Object who) {
        return new ContextFlags(readMode, hardDelete, markerWrites, who);
    }
}
