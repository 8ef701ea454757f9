package io.github.softdelete.it.fuzz;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jooq.Record;
import org.jooq.Result;

/** Results as comparable text, one string per row, and the rows by which two results differ as multisets. */
public final class RowDiff {

    private static final int SHOWN = 20;

    private RowDiff() {
    }

    static List<String> rows(Result<?> result) {
        List<String> rows = new ArrayList<>(result.size());
        for (Record record : result)
            rows.add(Stream.of(record.intoArray()).map(RowDiff::text).collect(Collectors.joining("|")));
        return rows;
    }

    // SQL compares numerics by value, so 2 and 2.0000 are one value, and which of the two a set operation
    // or DISTINCT returns depends on the plan; the rewrite changes plans, so print numerics without scale.
    private static String text(Object value) {
        return value instanceof BigDecimal number ? number.stripTrailingZeros().toPlainString() : String.valueOf(value);
    }

    /** The rows of {@code a} that {@code b} lacks, counting duplicates. */
    public static List<String> minus(List<String> a, List<String> b) {
        Map<String, Integer> counts = new HashMap<>();
        for (String row : b)
            counts.merge(row, 1, Integer::sum);
        List<String> extra = new ArrayList<>();
        for (String row : a)
            if (counts.merge(row, -1, Integer::sum) < 0)
                extra.add(row);
        return extra;
    }

    static List<String> sorted(List<String> rows) {
        return rows.stream().sorted().toList();
    }

    /** Up to twenty rows, one per line, indented. */
    static String show(List<String> rows) {
        if (rows.isEmpty())
            return "    (none)\n";
        StringBuilder text = new StringBuilder();
        rows.stream().limit(SHOWN).forEach(row -> text.append("    ").append(row).append('\n'));
        if (rows.size() > SHOWN)
            text.append("    ... and ").append(rows.size() - SHOWN).append(" more\n");
        return text.toString();
    }
}
