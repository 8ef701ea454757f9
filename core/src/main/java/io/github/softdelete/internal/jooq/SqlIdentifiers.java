package io.github.softdelete.internal.jooq;

import java.util.Locale;
import java.util.function.Predicate;

/**
 * The identifiers of a piece of PostgreSQL SQL text that can name a relation, found by a small
 * tokenizer rather than a regular expression, so that what looks like SQL inside a string literal, a
 * quoted identifier or a comment is never mistaken for a table.
 *
 * <p>It skips {@code -- comments}, nested {@code /* comments * /}, string literals ({@code '...'} with
 * {@code ''}, {@code E'...'} with backslash escapes, {@code $tag$...$tag$}), and positional parameters
 * ({@code $1}). Unquoted identifiers are folded to lower case, as PostgreSQL folds them; quoted ones
 * keep their case. An identifier directly followed by a dot is a qualifier ({@code posts.id},
 * {@code public.posts}) and names no relation by itself; the last part of a dotted name does.
 *
 * <p>Stateless and thread-safe.
 */
public final class SqlIdentifiers {

    private SqlIdentifiers() {
    }

    /**
     * True when {@code sql} has nothing that could name a relation, start a statement or hold a template's
     * argument: no letter, underscore, quote, dollar, brace or non-ASCII character. Such text is jOOQ's own piece
     * of an expression, such as the {@code *} of {@code count(*)}, or binds and operators only ({@code ? + ?}).
     */
    public static boolean namesNothing(String sql) {
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c > 0x7e || Character.isLetter(c) || c == '_' || c == '"' || c == '$' || c == '{' || c == '`' || c == '[')
                return false;
        }
        return true;
    }

    /** True when some identifier of {@code sql} that can name a relation satisfies {@code relation}. */
    public static boolean anyRelation(String sql, Predicate<String> relation) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                i = lineEnd(sql, i);
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = commentEnd(sql, i);
            } else if (c == '\'') {
                i = stringEnd(sql, i + 1, false);
            } else if (c == '$') {
                i = dollarEnd(sql, i);
            } else if (c == '"') {
                int end = quotedEnd(sql, i + 1);
                if (relation.test(sql.substring(i + 1, Math.max(i + 1, end - 1)).replace("\"\"", "\"")) && !qualifier(sql, end))
                    return true;
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i + 1;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_' || sql.charAt(end) == '$'))
                    end++;
                if ((end - i == 1) && (c == 'e' || c == 'E') && end < n && sql.charAt(end) == '\'') {
                    i = stringEnd(sql, end + 1, true);
                    continue;
                }
                if (relation.test(sql.substring(i, end).toLowerCase(Locale.ROOT)) && !qualifier(sql, end))
                    return true;
                i = end;
            } else {
                i++;
            }
        }
        return false;
    }

    private static boolean qualifier(String sql, int from) {
        int i = from;
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i)))
            i++;
        return i < sql.length() && sql.charAt(i) == '.';
    }

    private static int lineEnd(String sql, int from) {
        int end = sql.indexOf('\n', from);
        return end < 0 ? sql.length() : end + 1;
    }

    private static int commentEnd(String sql, int from) {
        int depth = 0;
        int i = from;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                i += 2;
                if (--depth == 0)
                    return i;
            } else {
                i++;
            }
        }
        return i;
    }

    // A string literal ends at its closing quote; a doubled quote stands for one, and E'' strings also escape with \.
    private static int stringEnd(String sql, int from, boolean backslashEscapes) {
        return closingQuote(sql, from, '\'', backslashEscapes);
    }

    // A quoted identifier ends at its closing double quote; a doubled one stands for one.
    private static int quotedEnd(String sql, int from) {
        return closingQuote(sql, from, '"', false);
    }

    private static int closingQuote(String sql, int from, char quote, boolean backslashEscapes) {
        int i = from;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote)
                    i += 2;
                else
                    return i + 1;
            } else {
                i++;
            }
        }
        return i;
    }

    // $1 is a parameter; $tag$ ... $tag$ (tag possibly empty) is a string.
    private static int dollarEnd(String sql, int from) {
        int i = from + 1;
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'))
            i++;
        if (i >= sql.length() || sql.charAt(i) != '$' || (i > from + 1 && Character.isDigit(sql.charAt(from + 1))))
            return i;
        String tag = sql.substring(from, i + 1);
        int end = sql.indexOf(tag, i + 1);
        return end < 0 ? sql.length() : end + tag.length();
    }
}
