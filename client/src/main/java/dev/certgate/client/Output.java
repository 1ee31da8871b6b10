package dev.certgate.client;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Tables and "name: value" blocks for people; {@link Json} is for scripts. */
final class Output {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private Output() {
    }

    /** Columns padded to their widest cell; the last column is not padded. */
    static void table(PrintWriter out, List<String> headers, List<List<String>> rows) {
        int[] widths = new int[headers.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(headers);
        all.addAll(rows);
        for (List<String> row : all) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                String cell = row.get(i);
                line.append(cell);
                if (i < widths.length - 1) {
                    line.append(" ".repeat(widths[i] - cell.length() + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** "name: value" lines, names aligned. */
    static void fields(PrintWriter out, List<String[]> fields) {
        int width = 0;
        for (String[] field : fields) {
            width = Math.max(width, field[0].length());
        }
        for (String[] field : fields) {
            out.println(field[0] + ":" + " ".repeat(width - field[0].length() + 1) + field[1]);
        }
    }

    static String day(Instant time) {
        return time == null ? "" : DAY.format(time);
    }

    static String minute(Instant time) {
        return time == null ? "" : MINUTE.format(time);
    }

    /** The constant's name, or "-" for null. */
    static String orDash(Enum<?> value) {
        return value == null ? "-" : value.name();
    }

    static String orDash(String text) {
        return text == null || text.isEmpty() ? "-" : text;
    }

    static String list(List<String> items) {
        return items.isEmpty() ? "-" : String.join(", ", items);
    }
}
