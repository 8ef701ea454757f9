package io.github.softdelete.internal.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jooq.SQLDialect;

import io.github.softdelete.internal.jooq.SettingsSnapshots;
import io.github.softdelete.internal.policy.ContextFlags;

/**
 * The rewrites of jOOQ's plain-SQL statements ({@code PlainSqlParsing}), kept per text and way of rendering, so that
 * a statement an application sends again and again is parsed and rewritten once, not on every render.
 *
 * <p>A rewrite is kept as the text around the statement's bind values ({@link Rewrite}): the values differ from one
 * execution to the next, the text does not. The key holds everything else the rewrite depends on: the plain text,
 * the classes of its bind values (jOOQ renders a value of some types with a cast), the dialect, the settings (a shared copy, {@link SettingsSnapshots}) and the context's flags (the read mode, the
 * actor a cascade stamps, ...).
 *
 * <p>Bounded: the {@value #CAPACITY} texts used last are kept. Thread-safe: the map is synchronized, and a rewrite
 * is built outside the lock (two threads may build the same one; both are equal).
 */
public final class PlainSqlTexts {

    static final int CAPACITY = 512;

    /** What a rewrite depends on besides the policy. */
    public record Key(String text, List<Class<?>> bindTypes, SQLDialect dialect, Object settings, ContextFlags flags) {
    }

    /** The classes of {@code binds}' values ({@code Void} for null), for a key. */
    public static List<Class<?>> types(Object[] binds) {
        List<Class<?>> types = new java.util.ArrayList<>(binds.length);
        for (Object bind : binds)
            types.add(bind == null ? Void.class : bind.getClass());
        return types;
    }

    /**
     * A rewritten statement: its text in pieces, with the statement's bind values to be rendered between them, in
     * order ({@code pieces.size() == binds + 1}); or, as {@link #NOT_PARSED}, no rewrite.
     */
    public record Rewrite(List<String> pieces) {
    }

    /** The statement is not parsed (jOOQ's parser does not read it, or reads it as nothing). */
    public static final Rewrite NOT_PARSED = new Rewrite(List.of());

    private final Map<Key, Rewrite> rewrites = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Rewrite> eldest) {
            return size() > CAPACITY;
        }
    };

    /** How many rewrites are kept. */
    int size() {
        synchronized (rewrites) {
            return rewrites.size();
        }
    }

    /** The kept rewrite under {@code key}, built by {@code build} (and kept, unless null) when there is none. */
    public Rewrite get(Key key, Supplier<Rewrite> build) {
        Rewrite rewrite;
        synchronized (rewrites) {
            rewrite = rewrites.get(key);
        }
        if (rewrite != null)
            return rewrite;
        rewrite = build.get();
        if (rewrite != null)
            synchronized (rewrites) {
                rewrites.put(key, rewrite);
            }
        return rewrite;
    }
}
