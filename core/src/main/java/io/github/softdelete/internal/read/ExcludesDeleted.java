package io.github.softdelete.internal.read;

import java.util.List;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Table;
import org.jooq.impl.QOM;

import io.github.softdelete.internal.sql.TableReference;

/**
 * Whether a condition of a view's definition keeps every deleted row of one table out: a view whose WHERE
 * clause has such a condition among its top-level AND terms, for each soft-deletable table it reads,
 * "filters" ({@code ViewAnalysis}) and is left alone.
 *
 * <p>The test follows the table's marker. A row is deleted when its timestamp is not null (timestamp
 * marker), or when its flag is TRUE (flag, and flag with timestamp, where the flag decides):
 * <ul>
 *   <li>timestamp: {@code deleted_at IS NULL};</li>
 *   <li>flag: any condition that is not TRUE when the flag is TRUE, judged by evaluating it with the flag
 *       set to TRUE: {@code NOT is_deleted}, {@code is_deleted = false}, {@code is_deleted <> true},
 *       {@code is_deleted IS NOT TRUE}, {@code is_deleted IS FALSE}, {@code NOT (is_deleted IS TRUE)},
 *       {@code coalesce(is_deleted, false) = false} (coalesce of a TRUE flag is TRUE), and an OR of such
 *       conditions.</li>
 * </ul>
 * On a nullable flag, {@code NULL} counts as live, and {@code NOT is_deleted} or {@code is_deleted = false}
 * also leave those live rows out. That still counts as filtering: what matters is that no deleted row gets
 * through, and inlining the view would not bring those rows back either (the definition's own condition stays).
 * On a flag with a timestamp, a condition on the timestamp alone ({@code removed_at IS NULL}) does not count:
 * the flag decides, and a row written outside the library may have its flag set and no timestamp.
 * Anything not understood counts as not filtering, which errs towards inlining (filtering again: harmless).
 */
public final class ExcludesDeleted {

    private ExcludesDeleted() {
    }

    /** Whether {@code condition} is not TRUE for any deleted row of {@code reference}. */
    public static boolean excludes(Condition condition, TableReference reference) {
        if (condition instanceof QOM.And and)
            return excludes(and.$arg1(), reference) || excludes(and.$arg2(), reference);
        if (!reference.table().isFlag())
            return condition instanceof QOM.IsNull isNull && isState(isNull.$arg1(), reference);
        return Boolean.FALSE.equals(whenDeleted(condition, reference));
    }

    // The condition's value for a deleted row (flag TRUE): TRUE, FALSE, or null when unknown or NULL. Only a
    // definite FALSE counts as excluding: a NULL would too, but "unknown" must never pass for it.
    private static Boolean whenDeleted(Condition condition, TableReference reference) {
        if (condition instanceof QOM.Not not) {
            Boolean inner = whenDeleted(not.$arg1(), reference);
            return inner == null ? null : !inner;
        }
        if (condition instanceof QOM.Or or) {
            Boolean left = whenDeleted(or.$arg1(), reference);
            Boolean right = whenDeleted(or.$arg2(), reference);
            return Boolean.TRUE.equals(left) || Boolean.TRUE.equals(right) ? Boolean.TRUE
                : Boolean.FALSE.equals(left) && Boolean.FALSE.equals(right) ? Boolean.FALSE : null;
        }
        if (condition instanceof QOM.FieldCondition field)
            return value(field.$field(), reference);
        if (condition instanceof QOM.Eq<?> eq)
            return same(eq.$arg1(), eq.$arg2(), reference);
        if (condition instanceof QOM.Ne<?> ne)
            return not(same(ne.$arg1(), ne.$arg2(), reference));
        // IS [NOT] DISTINCT FROM never yields NULL, and the parser reads IS [NOT] TRUE / FALSE as them
        if (condition instanceof QOM.IsNotDistinctFrom<?> is)
            return same(is.$arg1(), is.$arg2(), reference);
        if (condition instanceof QOM.IsDistinctFrom<?> is)
            return not(same(is.$arg1(), is.$arg2(), reference));
        return null;
    }

    private static Boolean same(Field<?> left, Field<?> right, TableReference reference) {
        Boolean a = value(left, reference);
        Boolean b = value(right, reference);
        return a == null || b == null ? null : a.equals(b);
    }

    private static Boolean not(Boolean value) {
        return value == null ? null : !value;
    }

    // A boolean's value for a deleted row: the flag is TRUE, so is coalesce(flag, ...); constants are themselves.
    private static Boolean value(Field<?> field, TableReference reference) {
        if (isState(field, reference))
            return Boolean.TRUE;
        if (field instanceof QOM.Coalesce<?> coalesce) {
            List<? extends Field<?>> args = coalesce.$arg1();
            return args.isEmpty() ? null : Boolean.TRUE.equals(value(args.get(0), reference)) ? Boolean.TRUE : null;
        }
        // 'f'::boolean; a cast of anything else (flag::text) changes what comparing it means, so it is unknown
        if (field instanceof QOM.Cast<?> cast && cast.getType() == Boolean.class && cast.$field() instanceof Param<?> param)
            return constant(param.getValue());
        // a literal compared with a boolean column is read as a boolean, with PostgreSQL's spellings
        if (field instanceof Param<?> param)
            return constant(param.getValue());
        return null;
    }

    private static Boolean constant(Object value) {
        if (value instanceof Boolean b)
            return b;
        if (value instanceof String s)
            return switch (s.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "t", "true", "y", "yes", "on", "1" -> Boolean.TRUE;
                case "f", "false", "n", "no", "off", "0" -> Boolean.FALSE;
                default -> null;
            };
        return null;
    }

    private static boolean isState(Field<?> field, TableReference reference) {
        return !(field instanceof Param<?>) && field.getName().equals(reference.table().markerName())
            && qualifiedBy(field, reference.reference());
    }

    private static boolean qualifiedBy(Field<?> field, Table<?> reference) {
        String[] parts = field.getQualifiedName().getName();
        if (parts.length < 2)
            return true;
        return parts[parts.length - 2].equals(reference.getName());
    }
}
