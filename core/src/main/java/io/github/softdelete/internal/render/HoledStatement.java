package io.github.softdelete.internal.render;

import java.util.function.Function;

import org.jooq.Context;
import org.jooq.QueryPart;
import org.jooq.impl.CustomQueryPart;

/**
 * A statement (or a clause) that a rule builds from the policy around one part of the user's, the hole: a
 * cascade's statement around the DELETE's condition, the WITH clause of a checked INSERT around its rows.
 *
 * <p>A rule builds this and nothing else: it renders as the full statement, {@code build} applied to the hole.
 * What the rule adds is what the statement's text depends on besides the hole: its {@code shape}, a value that,
 * with the way the context renders ({@link RenderKey}), decides every character outside the hole; or null when
 * the text depends on more (the caller's WITH or USING, an actor inlined, a condition whose text depends on the
 * SELECT around it). Whether the text is kept and replayed is the listener's business ({@link RenderCache}), never
 * the rule's: it replaces this part wherever it meets it, when it is the replacement of a statement and when
 * jOOQ visits it as the child of one.
 *
 * <p>Immutable and thread-safe when {@code build} is (the rules' functions build new parts every time).
 *
 * @param <P> the type of the hole, which {@code build} places in the statement once: {@code Condition}, or
 *            {@code QueryPart} for any other (the cache hands {@code build} a wrapper of the same kind)
 */
public final class HoledStatement<P extends QueryPart> extends CustomQueryPart {

    private static final long serialVersionUID = 1L;

    private final transient Object shape;
    private final transient P hole;
    private final transient KeptText.Surroundings surroundings;
    private final transient Function<? super P, ? extends QueryPart> build;

    /**
     * @param shape        what the text depends on besides the hole and the render key (compared with
     *                     {@code equals}, so it must not hold jOOQ parts, whose {@code hashCode} renders them), or null
     * @param surroundings renders the hole alone as the statement renders it: in its subquery level and scope
     */
    public HoledStatement(Object shape, P hole, KeptText.Surroundings surroundings, Function<? super P, ? extends QueryPart> build) {
        this.shape = shape;
        this.hole = hole;
        this.surroundings = surroundings;
        this.build = build;
    }

    Object shape() {
        return shape;
    }

    P hole() {
        return hole;
    }

    KeptText.Surroundings surroundings() {
        return surroundings;
    }

    /** The statement with {@code part} in the hole: the hole itself, or a part that renders it and notes where. */
    QueryPart with(P part) {
        return build.apply(part);
    }

    /** The full statement. */
    QueryPart full() {
        return build.apply(hole);
    }

    @Override
    public void accept(Context<?> ctx) {
        ctx.visit(full());
    }
}
