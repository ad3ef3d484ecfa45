package io.wolfpack.cli.output;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table: a header row and data rows, columns left-aligned and separated by two
 * spaces, no trailing blanks. Cells that are null or empty print as "-" so columns stay readable
 * and a script splitting on whitespace sees the same number of fields on every line.
 */
public final class Table {
    private static final String GAP = "  ";
    private static final String EMPTY = "-";

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    private Table(List<String> headers) {
        this.headers = headers;
    }

    public static Table of(String... headers) {
        if (headers.length == 0) throw new IllegalArgumentException("a table needs at least one column");
        return new Table(List.of(headers));
    }

    /** Adds a row; it must have one cell per column. */
    public Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells but the table has "
                    + headers.size() + " columns " + headers + ": " + Arrays.toString(cells));
        }
        List<String> row = new ArrayList<>(cells.length);
        for (Object c : cells) {
            String s = c == null ? "" : c.toString();
            row.add(s.isEmpty() ? EMPTY : s);
        }
        rows.add(row);
        return this;
    }

    public int size() {
        return rows.size();
    }

    /** The rendered table, each line ending in a newline. */
    public String render() {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) widths[i] = headers.get(i).length();
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i], row.get(i).length());
        }
        StringBuilder sb = new StringBuilder();
        line(sb, headers, widths);
        for (List<String> row : rows) line(sb, row, widths);
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] widths) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) sb.append(GAP);
            sb.append(cells.get(i));
            if (i < cells.size() - 1) sb.append(" ".repeat(widths[i] - cells.get(i).length()));
        }
        sb.append('\n');
    }

    @Override
    public String toString() {
        return render();
    }
}
