package io.github.softdelete.internal;

import java.util.function.UnaryOperator;

import org.jooq.Context;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.QueryPart;
import org.jooq.impl.CustomField;

/**
 * The check of a bind value written into a foreign-key column ({@link LiveParents}), as text kept per
 * key: {@code (SELECT v FROM (SELECT ? AS v) softdelete_value WHERE <no deleted parent has key v>)} is
 * some 400 characters that depend on the key alone, around the one bind value.
 *
 * <p>Only bind and inline values are checked this way ({@code Param}: they render the same wherever
 * they stand); any other expression is built in full. The value is rendered in the state its SELECT
 * gives it: inside a scalar subquery, inside a derived table.
 */
final class CheckedValueText {

    private static final KeptText.Surroundings IN_VALUE_SELECT = (ctx, value) -> {
        boolean predicand = ctx.predicandSubquery();
        boolean derived = ctx.derivedTableSubquery();
        ctx.subquery(true).predicandSubquery(true).subquery(true).predicandSubquery(false).derivedTableSubquery(true)
            .visit(value)
            .derivedTableSubquery(derived).predicandSubquery(true).subquery(false).predicandSubquery(predicand).subquery(false);
    };

    private CheckedValueText() {
    }

    /** The checked {@code value}: {@code check} builds the check around the value it is given. */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    static Field<?> field(KeptText text, Field<?> value, UnaryOperator<Field<?>> check) {
        QueryPart rendered = text.render(value, IN_VALUE_SELECT,
            marks -> check.apply(marks == null ? value : new Marked(value.getDataType(), value, marks)));
        return new Rendered(value.getDataType(), rendered);
    }

    /** The checked value, as the field it replaces. */
    private static final class Rendered<T> extends CustomField<T> {

        private static final long serialVersionUID = 1L;

        private final transient QueryPart rendered;

        Rendered(DataType<T> type, QueryPart rendered) {
            super("softdelete_checked", type);
            this.rendered = rendered;
        }

        @Override
        public void accept(Context<?> ctx) {
            ctx.visit(rendered);
        }
    }

    /** The value, wrapped to note where its text is. */
    private static final class Marked<T> extends CustomField<T> {

        private static final long serialVersionUID = 1L;

        private final transient Field<T> value;
        private final transient KeptText.Marks marks;

        Marked(DataType<T> type, Field<T> value, KeptText.Marks marks) {
            super("softdelete_value", type);
            this.value = value;
            this.marks = marks;
        }

        @Override
        public void accept(Context<?> ctx) {
            marks.around(ctx, value);
        }
    }
}
