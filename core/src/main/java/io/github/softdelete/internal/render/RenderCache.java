package io.github.softdelete.internal.render;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jooq.Condition;
import org.jooq.Context;
import org.jooq.QueryPart;
import org.jooq.impl.CustomCondition;
import org.jooq.impl.CustomQueryPart;

import io.github.softdelete.internal.policy.TableRegistry;

/**
 * The texts one installation of the listener keeps, and replays: the text around the hole of each
 * {@link HoledStatement} the rules build (per shape, then per {@link RenderKey}: {@link KeptText}), and the
 * rewrites of plain-SQL statements ({@link PlainSqlTexts}).
 *
 * <p>Why the installation's and not the policy's: the policy is the facts ({@link TableRegistry}); the texts are
 * how those facts rendered under the configurations this listener served, and a new installation starts afresh.
 * Why in one place: the rules build full statements only, and whether a text is kept, and for which contexts, is
 * decided here, so that a statement runs the same way whether its text was kept or not (a differential test
 * renders every kind with the cache {@linkplain #off() off} and compares).
 *
 * <p>Bounded: at most {@value #MAX_SHAPES} shapes (a cascade's delete and restore per table, an INSERT's per set of
 * checked keys and written columns), each with at most {@value KeptText#MAX_VARIANTS} texts; statements of further
 * shapes render in full. Thread-safe: a concurrent map of thread-safe texts.
 */
public final class RenderCache {

    static final int MAX_SHAPES = 1024;

    private final Map<Object, KeptText> texts;
    private final PlainSqlTexts plainSql;

    private RenderCache(boolean keeps) {
        this.texts = keeps ? new ConcurrentHashMap<>() : null;
        this.plainSql = keeps ? new PlainSqlTexts() : null;
    }

    /** A cache that keeps texts: every installation's. */
    public static RenderCache keeping() {
        return new RenderCache(true);
    }

    /** A cache that keeps nothing: every statement renders in full. For tests that compare the two. */
    static RenderCache off() {
        return new RenderCache(false);
    }

    /** The part that renders {@code statement}: replayed around its hole when its text is kept, in full otherwise. */
    public <P extends QueryPart> QueryPart part(HoledStatement<P> statement) {
        KeptText text = statement.shape() == null || texts == null ? null : textOf(statement.shape());
        if (text == null)
            return statement.full();
        P hole = statement.hole();
        return text.render(hole, statement.surroundings(), marks -> statement.with(marks == null ? hole : marked(hole, marks)));
    }

    /** The kept rewrites of plain-SQL statements, or null when this cache keeps nothing. */
    public PlainSqlTexts plainSqlTexts() {
        return plainSql;
    }

    /** How many texts are kept for {@code shape} (for tests). */
    int variantCount(Object shape) {
        KeptText text = texts == null ? null : texts.get(shape);
        return text == null ? 0 : text.variantCount();
    }

    private KeptText textOf(Object shape) {
        KeptText text = texts.get(shape);
        if (text != null)
            return text;
        if (texts.size() >= MAX_SHAPES)
            return null;
        return texts.computeIfAbsent(shape, s -> new KeptText());
    }

    // The hole wrapped to note where its text is; a condition stays a condition, as the statement places it in a WHERE.
    @SuppressWarnings("unchecked")
    private static <P extends QueryPart> P marked(P hole, KeptText.Marks marks) {
        return (P) (hole instanceof Condition condition ? new MarkedCondition(condition, marks) : new MarkedPart(hole, marks));
    }

    private static final class MarkedCondition extends CustomCondition {

        private static final long serialVersionUID = 1L;

        private final transient Condition condition;
        private final transient KeptText.Marks marks;

        MarkedCondition(Condition condition, KeptText.Marks marks) {
            this.condition = condition;
            this.marks = marks;
        }

        @Override
        public void accept(Context<?> ctx) {
            marks.around(ctx, condition);
        }
    }

    private static final class MarkedPart extends CustomQueryPart {

        private static final long serialVersionUID = 1L;

        private final transient QueryPart part;
        private final transient KeptText.Marks marks;

        MarkedPart(QueryPart part, KeptText.Marks marks) {
            this.part = part;
            this.marks = marks;
        }

        @Override
        public void accept(Context<?> ctx) {
            marks.around(ctx, part);
        }
    }
}
