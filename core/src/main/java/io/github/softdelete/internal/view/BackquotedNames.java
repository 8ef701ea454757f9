package io.github.softdelete.internal.view;

import java.util.ArrayList;
import java.util.List;

/**
 * The dotted names of a view definition as MariaDB stores it ({@code information_schema.VIEWS.VIEW_DEFINITION}):
 * every identifier backquoted, every table qualified by its database ({@code `db`.`posts`}, a column
 * {@code `db`.`posts`.`id`} or {@code `p`.`id`}). Used only for a definition jOOQ cannot parse, to find out
 * whether it names a soft-deletable table, since MariaDB's catalog has no view-to-table dependencies
 * ({@code VIEW_TABLE_USAGE} does not exist in 10.11).
 *
 * <p>A small tokenizer rather than a regular expression, so that a backquote inside a string literal is never
 * taken for a name: it skips {@code '...'} and {@code "..."} literals (with backslash escapes and doubled quotes)
 * and comments ({@code -- }, {@code #}, {@code /* * /}), and reads {@code ``} inside a backquoted name as one
 * backquote.
 *
 * <p>Stateless and thread-safe.
 */
final class BackquotedNames {

    private BackquotedNames() {
    }

    /**
     * Every qualified name of {@code sql}: its parts, in order, for each chain of two or more backquoted
     * identifiers joined by dots. A chain's first two parts are the database and the table when it names a
     * table or a column of one, and something that names no table otherwise (an alias and a column), so
     * reading them as a table over-approximates what the definition reads.
     */
    static List<List<String>> chains(String sql) {
        List<List<String>> chains = new ArrayList<>();
        List<String> chain = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '`') {
                StringBuilder name = new StringBuilder();
                int j = i + 1;
                while (j < n && !(sql.charAt(j) == '`' && (j + 1 >= n || sql.charAt(j + 1) != '`'))) {
                    name.append(sql.charAt(j));
                    j += sql.charAt(j) == '`' ? 2 : 1;
                }
                chain.add(name.toString());
                i = j + 1;
                int dot = skipSpaces(sql, i);
                int after = dot < n && sql.charAt(dot) == '.' ? skipSpaces(sql, dot + 1) : n;
                if (after < n && sql.charAt(after) == '`') {
                    i = after; // the chain goes on
                    continue;
                }
                if (chain.size() >= 2)
                    chains.add(List.copyOf(chain));
                chain.clear();
            } else if (c == '\'' || c == '"') {
                i = literalEnd(sql, i + 1, c);
            } else if (c == '#' || (c == '-' && sql.startsWith("-- ", i))) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                i++;
            }
        }
        return chains;
    }

    private static int literalEnd(String sql, int from, char quote) {
        int i = from;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\')
                i += 2;
            else if (c == quote && i + 1 < sql.length() && sql.charAt(i + 1) == quote)
                i += 2;
            else if (c == quote)
                return i + 1;
            else
                i++;
        }
        return i;
    }

    private static int skipSpaces(String sql, int from) {
        int i = from;
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i)))
            i++;
        return i;
    }
}
