package io.github.softdelete.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Lays out jOOQ's formatted SQL for a narrow terminal, keeping it compact.
 *
 * <p>jOOQ's formatter puts every condition and parenthesis on a line of its own, which makes the
 * library's cascade statements hundreds of lines long. This reads the indentation of that output as a
 * tree, and puts each subtree on one line when it fits the width, as a person would write it:
 * <pre>
 * WHERE (                            WHERE (posts.id = 1 AND posts.deleted_at IS NULL)
 *   posts.id = 1              -&gt;
 *   AND posts.deleted_at IS NULL
 * )
 * </pre>
 * Inside parentheses, consecutive parts that fit also share a line ({@code SELECT 1 AS one FROM users}).
 * Only whitespace changes; a line that cannot be split and still does not fit is broken at a space.
 */
final class SqlLayout {

    private static final Set<String> SET_OPERATORS =
            Set.of("UNION", "UNION ALL", "INTERSECT", "INTERSECT ALL", "EXCEPT", "EXCEPT ALL");

    private final String line;
    private final int indent;
    private final List<SqlLayout> children = new ArrayList<>();
    private String closer; // the ")..." line that ends this one's "(", or null

    private SqlLayout(String line) {
        this.line = line.strip();
        this.indent = line.length() - line.stripLeading().length();
    }

    /** {@code sql}, formatted by jOOQ, as lines of at most {@code width} characters where possible. */
    static List<String> lines(String sql, int width) {
        List<SqlLayout> all = sql.lines().filter(l -> !l.isBlank()).map(SqlLayout::new).toList();
        List<SqlLayout> roots = new ArrayList<>();
        int next = 0;
        while (next < all.size()) {
            SqlLayout root = all.get(next);
            next = root.adopt(all, next + 1);
            roots.add(root);
        }
        List<String> out = new ArrayList<>();
        roots.forEach(root -> root.render(width, out));
        return out;
    }

    /** Takes the more indented lines from {@code start} on as children, then a closer; returns the next index. */
    private int adopt(List<SqlLayout> all, int start) {
        int next = start;
        while (next < all.size() && all.get(next).indent > indent) {
            SqlLayout child = all.get(next);
            next = child.adopt(all, next + 1);
            children.add(child);
        }
        if (next < all.size() && all.get(next).indent == indent && all.get(next).line.startsWith(")")) {
            closer = all.get(next++).line;
        }
        return next;
    }

    private String flat() {
        String text = line;
        for (SqlLayout child : children) {
            text = join(text, child.flat());
        }
        return closer == null ? text : join(text, closer);
    }

    private void render(int width, List<String> out) {
        String pad = " ".repeat(indent);
        String flat = flat();
        if (indent + flat.length() <= width || children.isEmpty()) {
            out.addAll(LineWrap.sql(pad + flat, width));
            return;
        }
        out.addAll(LineWrap.sql(pad + line, width));
        renderChildren(width, out);
        if (closer != null) {
            out.add(pad + closer);
        }
    }

    private void renderChildren(int width, List<String> out) {
        String packed = null; // children that fit, gathered on one line; only inside parentheses
        int packedIndent = 0;
        for (SqlLayout child : children) {
            String flatChild = child.flat();
            // A set operator stays on its own line, so UNION reads as the seam between two queries.
            boolean fits = child.indent + flatChild.length() <= width && !SET_OPERATORS.contains(flatChild);
            if (fits && packed != null && packedIndent + packed.length() + 1 + flatChild.length() <= width) {
                packed = packed + " " + flatChild;
                continue;
            }
            if (packed != null) {
                out.add(" ".repeat(packedIndent) + packed);
                packed = null;
            }
            if (fits && line.endsWith("(")) {
                packed = flatChild;
                packedIndent = child.indent;
            } else {
                child.render(width, out);
            }
        }
        if (packed != null) {
            out.add(" ".repeat(packedIndent) + packed);
        }
    }

    private static String join(String left, String right) {
        return left.endsWith("(") || right.startsWith(")") ? left + right : left + " " + right;
    }
}
