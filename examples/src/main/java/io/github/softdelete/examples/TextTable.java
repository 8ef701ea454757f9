package io.github.softdelete.examples;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;

/**
 * A query result as a small aligned table: a header, a rule, one line per row, numbers right-aligned,
 * columns two spaces apart. Narrower than jOOQ's {@code Result.format()}, whose borders cost columns
 * that an 80-column terminal does not have.
 */
final class TextTable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<Boolean> numeric;

    private TextTable(List<String> header) {
        this.header = List.copyOf(header);
        this.numeric = new ArrayList<>(header.stream().map(h -> Boolean.TRUE).toList());
    }

    /** A table with these column names and no rows yet. */
    static TextTable withColumns(List<String> header) {
        return new TextTable(header);
    }

    /** A table of {@code result}, its columns named as in the query. */
    static TextTable of(Result<?> result) {
        TextTable table = new TextTable(result.fieldsRow().fieldStream().map(Field::getName).toList());
        for (Record record : result) {
            table.add(List.of(record.intoArray()));
        }
        return table;
    }

    /** Adds a row; {@code null} shows as blank, booleans as yes/no, timestamps in UTC to the second. */
    TextTable add(List<?> values) {
        List<String> row = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            numeric.set(i, numeric.get(i) && (value == null || value instanceof Number));
            row.add(text(value));
        }
        rows.add(row);
        return this;
    }

    /** The table's lines, without trailing spaces. */
    List<String> lines() {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(line(header, widths));
        List<String> rule = new ArrayList<>();
        for (int width : widths) {
            rule.add("-".repeat(width));
        }
        lines.add(line(rule, widths));
        for (List<String> row : rows) {
            lines.add(line(row, widths));
        }
        return lines;
    }

    private String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            String pad = " ".repeat(widths[i] - cell.length());
            line.append(i == 0 ? "" : "  ").append(numeric.get(i) ? pad + cell : cell + pad);
        }
        return line.toString().stripTrailing();
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        if (value instanceof OffsetDateTime time) {
            return TIME.format(time.withOffsetSameInstant(ZoneOffset.UTC));
        }
        return value.toString();
    }
}
