package io.github.softdelete.codegen.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The qualified names in a view definition as MariaDB stores it ({@code information_schema.VIEWS}): every
 * identifier backquoted, every table qualified by its database ({@code `db`.`posts`}, a column
 * {@code `db`.`posts`.`id`} or {@code `p`.`id`}). MariaDB 10.11 has no {@code VIEW_TABLE_USAGE}, so the tables a
 * view reads come from here: a chain's first two parts name a table when they are a table's database and name,
 * which {@link MariaDbCatalog} checks against the catalog; reading every such chain as a table read errs towards
 * reporting a view, never away from it.
 *
 * <p>A small tokenizer, not a regular expression, so that a backquote inside a string literal or a comment is no
 * name. Thread-safe: holds no state.
 */
final class BackquotedChains {

    private BackquotedChains() {
    }

    /** Every chain of two or more backquoted identifiers joined by dots, its parts in order. */
    static List<List<String>> of(String sql) {
        List<List<String>> chains = new ArrayList<>();
        List<String> chain = new ArrayList<>();
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '`') {
                StringBuilder name = new StringBuilder();
                i = identifierEnd(sql, i + 1, name);
                chain.add(name.toString());
                int next = skipSpaces(sql, i);
                if (next < sql.length() && sql.charAt(next) == '.' && skipSpaces(sql, next + 1) < sql.length()
                    && sql.charAt(skipSpaces(sql, next + 1)) == '`') {
                    i = skipSpaces(sql, next + 1);
                    continue;
                }
                if (chain.size() >= 2)
                    chains.add(List.copyOf(chain));
                chain.clear();
            } else if (c == '\'' || c == '"') {
                i = literalEnd(sql, i + 1, c);
            } else if (c == '#' || sql.startsWith("-- ", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
            } else {
                i++;
            }
        }
        return chains;
    }

    // Reads a backquoted name from just after its opening backquote; a doubled backquote is one. Returns the index after it.
    private static int identifierEnd(String sql, int from, StringBuilder name) {
        int i = from;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '`' && i + 1 < sql.length() && sql.charAt(i + 1) == '`') {
                name.append('`');
                i += 2;
            } else if (c == '`') {
                return i + 1;
            } else {
                name.append(c);
                i++;
            }
        }
        return i;
    }

    // The index after a string literal that opened just before {@code from}: backslash escapes and doubled quotes.
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
