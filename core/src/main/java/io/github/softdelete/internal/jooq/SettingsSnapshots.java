package io.github.softdelete.internal.jooq;

import java.util.Arrays;

import org.jooq.Context;
import org.jooq.conf.SettingsTools;


/**
 * The copies of jOOQ's {@code Settings} that kept text ({@code KeptText}) was rendered under, shared by
 * every key with the same contents, so that a render compares its settings with them once rather than
 * once per kept text it looks at.
 *
 * <p>Why a copy at all: {@code Settings} are mutable and shared by every context derived from a
 * configuration, so only a comparison of the contents proves that text rendered earlier still renders
 * the same ({@code RenderKey}). {@code Settings.equals} compares some two hundred fields, about a
 * microsecond on JDK 17, and an INSERT that checks two foreign keys, or a cascading DELETE, looked at
 * its kept texts with one comparison each. Now the first look in a render context compares the
 * context's settings with the shared copies, and notes which one they equal in the context's
 * {@code data()}: jOOQ gives each render context a fresh data map, and a render context renders under
 * one configuration, so the verdict holds for the whole render. Keys whose copies are shared then
 * match by identity. (A change to the settings while a render is running is a data race in jOOQ itself,
 * which reads them throughout; the next render compares again, so a change between renders is always
 * followed.)
 *
 * <p>Bounded: at most {@value #MAX_SHARED} shared copies, each distinct. A key made beyond them holds a
 * private copy and is compared by contents, as before. Thread-safe: the shared copies are an immutable
 * array, replaced under the class's lock, and never mutated.
 */
public final class SettingsSnapshots {

    static final int MAX_SHARED = 8;

    private enum Key { SHARED_SNAPSHOT }

    // In a context's data(): its settings equal none of the shared copies.
    private static final Object NONE = new Object();

    private static volatile Object[] shared = new Object[0];

    private SettingsSnapshots() {
    }

    /** The copy of {@code ctx}'s settings for a new key: a shared one when possible. */
    public static Object of(Context<?> ctx) {
        Object current = current(ctx);
        if (current != null)
            return current;
        synchronized (SettingsSnapshots.class) {
            Object copy = find(ctx.settings());
            if (copy != null)
                return remember(ctx, copy);
            copy = ctx.settings().clone();
            if (shared.length >= MAX_SHARED)
                return copy;
            Object[] more = Arrays.copyOf(shared, shared.length + 1);
            more[shared.length] = copy;
            shared = more;
            return remember(ctx, copy);
        }
    }

    /** Whether {@code snapshot}, a copy from {@link #of}, equals {@code ctx}'s settings. */
    public static boolean matches(Object snapshot, Context<?> ctx) {
        Object current = current(ctx);
        if (snapshot == current)
            return true;
        // Shared copies are distinct, so a shared copy other than the one the settings equal differs.
        if (current != null && isShared(snapshot))
            return false;
        return snapshot.equals(ctx.settings());
    }

    // The shared copy that ctx's settings equal, or null; compared once per render context.
    //
    // jOOQ creates the settings' RenderMapping on first use, in the settings themselves (SettingsTools.getRenderMapping,
    // 3.19), so a configuration's settings change during its first render: from "no mapping" to "an empty mapping",
    // which Settings.equals tells apart. Text kept under the first would never match again, and configurations
    // rendering their first statements at once (one per thread, or per request) could fill a kept text's variants
    // with such keys, after which every render built its statement in full. So the mapping is created here first, as
    // the render would create it anyway.
    private static Object current(Context<?> ctx) {
        Object known = ctx.data(Key.SHARED_SNAPSHOT);
        if (known == null) {
            SettingsTools.getRenderMapping(ctx.settings());
            Object found = find(ctx.settings());
            known = found != null ? found : NONE;
            ctx.data(Key.SHARED_SNAPSHOT, known);
        }
        return known == NONE ? null : known;
    }

    private static Object remember(Context<?> ctx, Object copy) {
        ctx.data(Key.SHARED_SNAPSHOT, copy);
        return copy;
    }

    private static Object find(Object settings) {
        for (Object copy : shared)
            if (copy.equals(settings))
                return copy;
        return null;
    }

    private static boolean isShared(Object snapshot) {
        for (Object copy : shared)
            if (copy == snapshot)
                return true;
        return false;
    }
}
