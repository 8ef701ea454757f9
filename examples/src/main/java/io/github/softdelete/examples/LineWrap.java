package io.github.softdelete.examples;

import java.util.ArrayList;
import java.util.List;

/** Breaks prose and SQL into lines that fit a width, so the demo reads well in an 80-column terminal. */
final class LineWrap {

    private LineWrap() {
    }

    /** {@code text} as lines of at most {@code width} characters, broken between words. */
    static List<String> prose(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.trim().split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    /**
     * One line of SQL, broken at its last space that fits and is outside a string literal while it is
     * longer than {@code width}; the rest continues on the next line, indented four more. A line
     * without such a space stays long.
     */
    static List<String> sql(String line, int width) {
        List<String> lines = new ArrayList<>();
        String rest = line.stripTrailing();
        String indent = rest.substring(0, rest.length() - rest.stripLeading().length()) + "    ";
        while (rest.length() > width) {
            int at = breakPoint(rest, width);
            if (at < 0) {
                break;
            }
            lines.add(rest.substring(0, at));
            rest = indent + rest.substring(at + 1);
        }
        lines.add(rest);
        return lines;
    }

    private static int breakPoint(String line, int width) {
        int last = -1;
        boolean quoted = false;
        int start = line.length() - line.stripLeading().length();
        for (int i = start; i <= width && i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (c == ' ' && !quoted) {
                last = i;
            }
        }
        return last;
    }
}
