package io.github.softdelete.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "SQL sent" part of each step: the statements, numbered, each laid out by {@link SqlLayout}.
 *
 * <p>A long statement that was already printed is named instead of printed again: the library's
 * cascade statements run to dozens of lines, and a reader gains nothing from seeing the same one
 * twice with another id. The note says which literals differ, so nothing that was sent is hidden.
 *
 * <p>Not thread-safe.
 */
final class SqlListing {

    /** Statements this long or longer are referred to when they come again. */
    private static final int LONG = 12;
    // String literals (with '' escapes) and numbers that stand on their own, not inside identifiers.
    private static final Pattern LITERAL = Pattern.compile("'(?:[^']|'')*'|\\b\\d+\\b");

    private final int width;
    private final List<Printed> printed = new ArrayList<>();

    SqlListing(int width) {
        this.width = width;
    }

    /** The lines for the statements one step sent, in order. */
    List<String> lines(int step, List<String> statements) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            if (i > 0) {
                lines.add("");
            }
            Printed statement = new Printed(step, i + 1, statements.get(i));
            Printed earlier = earlier(statement);
            if (earlier == null) {
                lines.add("-- statement " + statement.number);
                lines.addAll(statement.layout);
                printed.add(statement);
            } else {
                lines.add("-- statement " + statement.number + ": " + statement.sameAs(earlier, step));
            }
        }
        if (lines.isEmpty()) {
            lines.add("-- none");
        }
        return lines;
    }

    private Printed earlier(Printed statement) {
        for (Printed earlier : printed) {
            boolean repeat = earlier.sql.equals(statement.sql) && earlier.step == statement.step;
            if (repeat || earlier.shape.equals(statement.shape) && earlier.layout.size() >= LONG) {
                return earlier;
            }
        }
        return null;
    }

    private final class Printed {

        final int step;
        final int number;
        final String sql;
        final String shape;
        final List<String> literals = new ArrayList<>();
        final List<String> layout;

        Printed(int step, int number, String sql) {
            this.step = step;
            this.number = number;
            this.sql = sql;
            Matcher m = LITERAL.matcher(sql);
            StringBuilder shape = new StringBuilder();
            while (m.find()) {
                literals.add(m.group());
                m.appendReplacement(shape, "?");
            }
            this.shape = m.appendTail(shape).toString();
            List<String> layout = new ArrayList<>(SqlLayout.lines(sql, width));
            layout.set(layout.size() - 1, layout.get(layout.size() - 1) + ";");
            this.layout = List.copyOf(layout);
        }

        String sameAs(Printed earlier, int currentStep) {
            String where = (earlier.step == currentStep ? "" : "step " + earlier.step + "'s ")
                    + "statement " + earlier.number;
            List<String> was = new ArrayList<>();
            List<String> now = new ArrayList<>();
            for (int i = 0; i < literals.size(); i++) {
                if (!literals.get(i).equals(earlier.literals.get(i))) {
                    was.add(earlier.literals.get(i));
                    now.add(literals.get(i));
                }
            }
            return now.isEmpty()
                    ? "the same as " + where
                    : "as " + where + ", with " + String.join(", ", now) + " in place of " + String.join(", ", was);
        }
    }
}
