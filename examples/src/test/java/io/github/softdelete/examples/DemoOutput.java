package io.github.softdelete.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One run of {@link Demo#run}, with what it printed, and the parts of a step that tests look at. */
record DemoOutput(int exitCode, String out, String err) {

    static DemoOutput of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Demo.run(args, o, e);
        }
        return new DemoOutput(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The lines of one step, from its heading to the next step's. */
    List<String> step(int number) {
        List<String> lines = out.lines().toList();
        int start = indexOf(lines, "Step " + number + " of ", 0);
        int end = indexOf(lines, "Step " + (number + 1) + " of ", start);
        return lines.subList(start, end < 0 ? lines.size() : end);
    }

    /** The lines of a step's section ("jOOQ code:", "SQL sent:", "Result:"), without the title. */
    List<String> section(int step, String title) {
        List<String> lines = step(step);
        int start = lines.indexOf(title) + 1;
        int end = start;
        while (end < lines.size() && (lines.get(end).isEmpty() || lines.get(end).startsWith("  "))) {
            end++;
        }
        return lines.subList(start, end);
    }

    /** A step's result lines other than tables, with runs of spaces made single. */
    List<String> resultLines(int step) {
        return section(step, "Result:").stream().filter(l -> l.startsWith("  ") && !l.startsWith("    "))
                .map(DemoOutput::normalized).toList();
    }

    /** The rows of the table under {@code caption} in a step's result, with runs of spaces made single. */
    List<String> table(int step, String caption) {
        List<String> lines = section(step, "Result:");
        int at = lines.indexOf("  " + caption);
        if (at < 0) {
            throw new AssertionError("step " + step + " has no table \"" + caption + "\" in:\n" + String.join("\n", lines));
        }
        List<String> rows = new ArrayList<>();
        for (int i = at + 3; i < lines.size() && lines.get(i).startsWith("    "); i++) {
            rows.add(normalized(lines.get(i)));
        }
        return rows;
    }

    private static String normalized(String line) {
        return line.strip().replaceAll("\\s+", " ");
    }

    private static int indexOf(List<String> lines, String prefix, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
