package io.github.softdelete.codegen.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * MariaDB's form of a unique key among live rows, since it has no partial index: a generated column that copies a
 * key column on live rows and is NULL on deleted ones, under a UNIQUE key (which never counts NULLs as equal), as the
 * reference schema's {@code users.email_live}:
 * <pre>{@code
 * email_live VARCHAR(255) AS (IF(deleted_at IS NULL, email, NULL)) VIRTUAL, UNIQUE (email_live)
 * }</pre>
 * A unique key counts no deleted rows when one of its columns is such a column. It is recognised in the expression
 * as MariaDB prints it ({@code COLUMNS.GENERATION_EXPRESSION}, which MariaDB rewrites into one spelling:
 * {@code if(`deleted_at` is null,`email`,NULL)}, {@code if(`is_deleted`,NULL,`title`)},
 * {@code case when `deleted_at` is null then `email` end}), for the live predicate the library injects: IS NULL for a
 * timestamp, NOT flag for a NOT NULL flag, flag IS NOT TRUE for a nullable one (a NULL flag is live). Anything else
 * is not understood as live, which errs towards reporting. Thread-safe: holds no state.
 */
final class LiveColumn {

    private LiveColumn() {
    }

    /** Whether a generated column with this expression is NULL on every deleted row and only there, by {@code marker}. */
    static boolean isLiveOnly(String generation, LintMarker marker) {
        if (generation == null)
            return false;
        String expression = generation.strip();
        if (startsWithIgnoreCase(expression, "if(") && expression.endsWith(")")) {
            List<String> arguments = arguments(expression.substring(3, expression.length() - 1));
            return arguments.size() == 3 && (isLive(arguments.get(0), marker) && !isNull(arguments.get(1)) && isNull(arguments.get(2))
                || isDeleted(arguments.get(0), marker) && isNull(arguments.get(1)) && !isNull(arguments.get(2)));
        }
        for (String condition : conditions(marker, true))
            if (startsWithIgnoreCase(expression, "case when " + condition + " then ")) {
                String rest = expression.substring(("case when " + condition + " then ").length());
                String value = rest.endsWith(" else NULL end") ? rest.substring(0, rest.length() - " else NULL end".length())
                    : rest.endsWith(" end") ? rest.substring(0, rest.length() - " end".length()) : null;
                // An ELSE other than NULL gives deleted rows a value; another CASE inside could hide one: not understood.
                String lower = value == null ? "" : value.toLowerCase(Locale.ROOT);
                return value != null && !isNull(value) && !lower.contains(" else ") && !lower.contains("case ");
            }
        return false;
    }

    /** The definition of a live column that copies {@code column} (of SQL type {@code type}, e.g. {@code varchar(255)}). */
    static String definition(String name, String column, String type, String collation, LintMarker marker) {
        String value = Identifiers.backquote(column);
        String state = Identifiers.backquote(marker.column());
        String ifLive = marker.flag() ? "IF(" + state + ", NULL, " + value + ")" : "IF(" + state + " IS NULL, " + value + ", NULL)";
        return Identifiers.backquote(name) + " " + type + (collation == null ? "" : " COLLATE " + collation) + " AS (" + ifLive
            + ") VIRTUAL";
    }

    private static boolean isLive(String condition, LintMarker marker) {
        return conditions(marker, true).stream().anyMatch(condition.strip()::equalsIgnoreCase);
    }

    private static boolean isDeleted(String condition, LintMarker marker) {
        return conditions(marker, false).stream().anyMatch(condition.strip()::equalsIgnoreCase);
    }

    // The spellings MariaDB prints for the live rows' predicate (live) or its negation.
    private static List<String> conditions(LintMarker marker, boolean live) {
        String column = "`" + marker.column().replace("`", "``") + "`";
        if (!marker.flag())
            return List.of(column + (live ? " is null" : " is not null"));
        if (!live)
            return List.of(column, column + " = 1", column + " <> 0", column + " is true");
        return marker.nullableFlag() ? List.of(column + " is not true") : List.of(column + " = 0", column + " is false", column + " is not true");
    }

    private static boolean isNull(String value) {
        return value.strip().equalsIgnoreCase("NULL");
    }

    private static boolean startsWithIgnoreCase(String text, String prefix) {
        return text.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    // Splits at the commas outside parentheses, quotes and backquotes.
    private static List<String> arguments(String list) {
        List<String> arguments = new ArrayList<>();
        int depth = 0;
        int start = 0;
        char quote = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote != '`')
                    i++;
                else if (c == quote)
                    quote = 0;
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                arguments.add(list.substring(start, i));
                start = i + 1;
            }
        }
        arguments.add(list.substring(start));
        return arguments;
    }
}
