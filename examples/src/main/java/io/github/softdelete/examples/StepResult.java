package io.github.softdelete.examples;

import java.util.ArrayList;
import java.util.List;

import org.jooq.Result;

import io.github.softdelete.SoftDeleteException;

/**
 * What one step shows as its result: lines, tables and refusals, in the order the step adds them.
 *
 * <p>Not thread-safe.
 */
final class StepResult {

    private final int width;
    private final List<String> lines = new ArrayList<>();

    StepResult(int width) {
        this.width = width;
    }

    /** A line of its own, such as {@code "deleted: 1 row"}. */
    StepResult line(String text) {
        lines.add(text);
        return this;
    }

    /** A caption and, below it and indented, the rows of {@code result}. */
    StepResult table(String caption, Result<?> result) {
        return table(caption, TextTable.of(result));
    }

    /** A caption and, below it and indented, {@code table}. */
    StepResult table(String caption, TextTable table) {
        lines.add(caption);
        table.lines().forEach(line -> lines.add("  " + line));
        return this;
    }

    /** A statement the library refused, with its message. */
    StepResult refused(String what, SoftDeleteException e) {
        lines.add(what + " refused, " + e.getClass().getSimpleName() + ":");
        LineWrap.prose(e.getMessage(), width - 2).forEach(line -> lines.add("  " + line));
        return this;
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    static String rows(int count) {
        return count + (count == 1 ? " row" : " rows");
    }
}
