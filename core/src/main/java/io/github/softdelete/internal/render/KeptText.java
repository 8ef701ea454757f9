package io.github.softdelete.internal.render;

import java.util.Arrays;
import java.util.function.Function;

import org.jooq.BindContext;
import org.jooq.Context;
import org.jooq.QueryPart;
import org.jooq.RenderContext;
import org.jooq.impl.CustomQueryPart;

import io.github.softdelete.internal.policy.ContextFlags;

/**
 * The text of a part that the library builds from the policy alone around one part of the user's
 * statement (the hole: a condition, a value), rendered once per {@link RenderKey} and then replayed:
 * the text before the hole, the hole rendered by jOOQ, the text after it.
 *
 * <p>The first render under a key renders the whole part, with the hole wrapped in a part that calls
 * {@link Marks#around} to note where the hole's text begins and ends; the text around it is kept. Only
 * render contexts replay, and only unformatted ones (a formatted render indents by position). The kept
 * text must hold no bind value and nothing that differs between statements: the callers build only such
 * parts this way, and a text is kept only when its full render used no bind index outside the hole
 * ({@code Context.peekIndex()} before and after each side). So under a key that has a text, the hole's
 * bind values are all the part's: binding visits the hole alone, in its surroundings, instead of
 * building the whole part again (a cascade statement of a dozen CTEs) and walking it for its one or two
 * values. Under a key without a text, binding walks the whole part.
 *
 * <p>Bounded: at most {@value #MAX_VARIANTS} texts per instance; a context beyond those renders in
 * full. Thread-safe: the texts are an immutable array, replaced under the instance's lock.
 */
public final class KeptText {

    static final int MAX_VARIANTS = 4;

    /** Renders the hole alone as its surroundings would: in their subquery and scope, restored after. */
    public interface Surroundings {
        void render(Context<?> ctx, QueryPart hole);
    }

    /** Where the hole's text begins and ends, in one render. */
    static final class Marks {
        private int begin = -1;
        private int end = -1;
        private int bindIndexAtBegin;
        private int bindIndexAtEnd;

        /** Renders {@code hole}, noting where its text begins and ends. */
        void around(Context<?> ctx, QueryPart hole) {
            if (ctx instanceof RenderContext render) {
                begin = render.render().length();
                bindIndexAtBegin = ctx.peekIndex();
            }
            ctx.visit(hole);
            if (ctx instanceof RenderContext render) {
                end = render.render().length();
                bindIndexAtEnd = ctx.peekIndex();
            }
        }
    }

    private record Variant(RenderKey key, String before, String after) {
    }

    private volatile Variant[] variants = new Variant[0];

    /**
     * The part that renders {@code build.apply(null)}, which contains {@code hole} once; given marks,
     * {@code build} must build the same part with the hole wrapped in a part that calls
     * {@link Marks#around}.
     */
    QueryPart render(QueryPart hole, Surroundings surroundings, Function<Marks, QueryPart> build) {
        return new Replayed(this, hole, surroundings, build);
    }

    /** How many texts are kept: one per distinct {@link RenderKey} that rendered this part in full. */
    int variantCount() {
        return variants.length;
    }

    private Variant find(Context<?> ctx, ContextFlags flags) {
        for (Variant variant : variants)
            if (variant.key().matches(ctx, flags))
                return variant;
        return null;
    }

    // A key that is already kept is not kept twice: contexts that render their first statement at once all miss,
    // and would otherwise fill the variants with copies of one key.
    private synchronized void add(Variant variant) {
        if (variants.length >= MAX_VARIANTS)
            return;
        for (Variant kept : variants)
            if (kept.key().equals(variant.key()))
                return;
        Variant[] more = Arrays.copyOf(variants, variants.length + 1);
        more[variants.length] = variant;
        variants = more;
    }

    private static final class Replayed extends CustomQueryPart {

        private static final long serialVersionUID = 1L;

        private final transient KeptText text;
        private final transient QueryPart hole;
        private final transient Surroundings surroundings;
        private final transient Function<Marks, QueryPart> build;

        Replayed(KeptText text, QueryPart hole, Surroundings surroundings, Function<Marks, QueryPart> build) {
            this.text = text;
            this.hole = hole;
            this.surroundings = surroundings;
            this.build = build;
        }

        @Override
        public void accept(Context<?> ctx) {
            if (ctx instanceof BindContext) {
                if (text.find(ctx, ContextFlags.of(ctx.configuration())) != null)
                    surroundings.render(ctx, hole); // the part's only bind values: see the class comment
                else
                    ctx.visit(build.apply(null));
                return;
            }
            if (!(ctx instanceof RenderContext render) || ctx.format()) {
                ctx.visit(build.apply(null));
                return;
            }
            ContextFlags flags = ContextFlags.of(ctx.configuration());
            Variant variant = text.find(ctx, flags);
            if (variant != null) {
                render.sql(variant.before());
                surroundings.render(ctx, hole);
                render.sql(variant.after());
                return;
            }
            RenderKey key = RenderKey.of(ctx, flags);
            Marks marks = new Marks();
            String before = render.render();
            int bindIndexBefore = ctx.peekIndex();
            ctx.visit(build.apply(marks));
            String after = render.render();
            boolean bindsOnlyInTheHole = marks.bindIndexAtBegin == bindIndexBefore && ctx.peekIndex() == marks.bindIndexAtEnd;
            // render() includes SQL that jOOQ prepends and appends to the whole statement (jOOQ 3.19's
            // DefaultRenderContext.render() with Tools' DATA_PREPEND_SQL / DATA_APPEND_SQL): the text is
            // kept only when the part's own text can be told apart from it.
            if (marks.end >= 0 && bindsOnlyInTheHole && after.startsWith(before) && marks.begin >= before.length())
                text.add(new Variant(key, after.substring(before.length(), marks.begin), after.substring(marks.end)));
        }
    }
}
