package io.github.softdelete.examples;

import java.io.PrintStream;
import java.util.List;

/**
 * Prints the demo for an 80-column terminal: an introduction, then per step a banner, the story, the
 * jOOQ code, the SQL that jOOQ sent and the result.
 *
 * <p>Not thread-safe.
 */
final class Transcript {

    static final int WIDTH = 80;
    private static final String INDENT = "  ";
    private static final String RULE = "=".repeat(WIDTH);

    private final PrintStream out;
    private final SqlListing sql = new SqlListing(WIDTH - INDENT.length());

    Transcript(PrintStream out) {
        this.out = out;
    }

    void paragraph(String text) {
        LineWrap.prose(text, WIDTH).forEach(out::println);
        out.println();
    }

    void heading(String title) {
        out.println(RULE);
        LineWrap.prose(title, WIDTH).forEach(out::println);
        out.println(RULE);
    }

    void table(String caption, TextTable table) {
        out.println(caption);
        table.lines().forEach(line -> out.println(INDENT + line));
        out.println();
    }

    void step(int number, int of, Step step, List<String> statements, StepResult result) {
        heading("Step " + number + " of " + of + ": " + step.title());
        paragraph(step.story());
        section("jOOQ code:", step.code().lines().toList());
        section("SQL sent:", sql.lines(number, statements));
        section("Result:", result.lines());
    }

    private void section(String title, List<String> lines) {
        out.println(title);
        lines.forEach(line -> out.println(line.isEmpty() ? "" : INDENT + line));
        out.println();
    }
}
