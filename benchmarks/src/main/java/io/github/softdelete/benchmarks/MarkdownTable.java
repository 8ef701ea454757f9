package io.github.softdelete.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.softdelete.benchmarks.Figures.Ratio;
import io.github.softdelete.benchmarks.Figures.Score;

/**
 * A markdown table, and the number formats of the report: scores as {@code 1,234 ± 12}, ratios as
 * {@code 1.42×}. A missing score or ratio (a benchmark that did not run) prints as a dash.
 *
 * <p>Not thread-safe.
 */
final class MarkdownTable {

    private final List<String[]> rows = new ArrayList<>();
    private boolean text;

    MarkdownTable(String... header) {
        rows.add(header);
    }

    /** Aligns every column left, for tables of words rather than numbers. */
    MarkdownTable text() {
        text = true;
        return this;
    }

    MarkdownTable row(String... cells) {
        rows.add(cells);
        return this;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        line(out, rows.get(0));
        String[] rule = new String[rows.get(0).length];
        for (int i = 0; i < rule.length; i++)
            rule[i] = i == 0 || text ? "---" : "---:";
        line(out, rule);
        for (String[] row : rows.subList(1, rows.size()))
            line(out, row);
        return out.toString();
    }

    /** A score with its error, with {@code decimals} digits after the point. */
    static String score(Score score, int decimals) {
        if (score == null)
            return "-";
        String mean = number(score.mean(), decimals);
        return Double.isNaN(score.error()) ? mean : mean + " ± " + number(score.error(), decimals);
    }

    /** {@code 1.42×}, or {@code 1.42× ± 0.03} when {@code withError} and the error is known. */
    static String ratio(Ratio ratio, boolean withError) {
        if (ratio == null || Double.isNaN(ratio.value()))
            return "-";
        String value = String.format(Locale.ROOT, "%.2f×", ratio.value());
        return withError && !Double.isNaN(ratio.error()) ? value + String.format(Locale.ROOT, " ± %.2f", ratio.error()) : value;
    }

    static String ratio(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f×", value);
    }

    static String number(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    static String bold(String text) {
        return "**" + text + "**";
    }

    private static void line(StringBuilder out, String[] cells) {
        out.append('|');
        for (String cell : cells)
            out.append(' ').append(cell).append(" |");
        out.append('\n');
    }
}
