package io.github.softdelete.codegen.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a partial index's predicate, as {@code pg_get_expr} prints it, for the one condition that
 * matters here: {@code marker IS NULL}, the live rows.
 *
 * <p>{@code pg_get_expr} parenthesises every operand ({@code ((deleted_at IS NULL) AND (slug <> ''::text))}),
 * so the predicate is split into its top-level AND operands, outside parentheses and quotes, and each
 * is compared without its parentheses. Anything else (OR, NOT, a function) is not understood as live,
 * which errs towards reporting.
 */
final class LivePredicate {

    private LivePredicate() {
    }

    /** Whether rows the predicate admits are all live: one of its AND operands is {@code marker IS NULL}. */
    static boolean restrictsToLive(String predicate, String marker) {
        return restrictsToLive(predicate, LintMarker.timestamp(marker));
    }

    /** Whether rows the predicate admits are all live: one of its AND operands is the marker's live predicate. */
    static boolean restrictsToLive(String predicate, LintMarker marker) {
        return predicate != null && conjuncts(predicate).stream().anyMatch(c -> marker.isLive(unwrap(c)));
    }

    /** Whether the predicate is exactly {@code marker IS NULL}, so the index serves any live-row lookup. */
    static boolean isExactlyLive(String predicate, String marker) {
        return isExactlyLive(predicate, LintMarker.timestamp(marker));
    }

    /** Whether the predicate is exactly the marker's live predicate, so the index serves any live-row lookup. */
    static boolean isExactlyLive(String predicate, LintMarker marker) {
        return predicate != null && marker.isLive(unwrap(predicate));
    }

    /** The ways {@code pg_get_expr} may spell a column name. */
    static List<String> spellings(String column) {
        return List.of(column, Identifiers.quote(column), '"' + column.replace("\"", "\"\"") + '"');
    }

    private static List<String> conjuncts(String predicate) {
        String expression = unwrap(predicate);
        List<String> result = new ArrayList<>();
        int depth = 0;
        int start = 0;
        char quote = 0;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (quote != 0) {
                if (c == quote)
                    quote = 0;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && expression.startsWith(" AND ", i)) {
                result.add(expression.substring(start, i));
                start = i + " AND ".length();
            }
        }
        result.add(expression.substring(start));
        return result;
    }

    /** Strips parentheses that enclose the whole expression, however deeply nested. */
    private static String unwrap(String expression) {
        String result = expression.trim();
        while (result.startsWith("(") && closingParenthesis(result) == result.length() - 1)
            result = result.substring(1, result.length() - 1).trim();
        return result;
    }

    private static int closingParenthesis(String expression) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (quote != 0) {
                if (c == quote)
                    quote = 0;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
