package io.github.softdelete.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kept texts ({@link KeptText}) of the WITH clauses of checked INSERTs ({@link CheckedSource}), one per shape
 * of INSERT: the keys it checks, the columns it writes, and whether its parents are read row by row. Everything in
 * the clause but the rows comes from these and from the policy; an application has a few dozen such shapes, each
 * written many times.
 *
 * <p>Bounded: at most {@value #MAX_SHAPES} shapes are kept; the INSERTs of further shapes are built and rendered in
 * full every time. Thread-safe: a concurrent map of thread-safe texts.
 */
final class InsertTexts {

    static final int MAX_SHAPES = 256;

    /**
     * What decides an INSERT's WITH clause besides the policy: the checked keys, as indexes into the registry's
     * relations (jOOQ's {@code hashCode} of a table or field renders it, so the key holds none), the written columns'
     * names, and whether each parent is read by its row ({@link CheckedRows}).
     */
    record Shape(List<Integer> keys, List<String> columns, boolean perRow) {
    }

    private final Map<Shape, KeptText> texts = new ConcurrentHashMap<>();

    /** The kept text of {@code shape}: the same instance every time, or a fresh one once the bound is reached. */
    KeptText of(Shape shape) {
        KeptText text = texts.get(shape);
        if (text != null)
            return text;
        if (texts.size() >= MAX_SHAPES)
            return new KeptText();
        return texts.computeIfAbsent(shape, s -> new KeptText());
    }
}
