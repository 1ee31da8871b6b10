package dev.certgate.client;

import dev.certgate.api.HostName;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;

/**
 * Writes certgate's views as JSON, with the field names of the REST API (a record's component names). Times are RFC
 * 3339 UTC strings, as in the REST API.
 */
final class Json {

    private Json() {
    }

    /** {@code value} as JSON: records, collections, maps, strings, numbers, booleans, instants, null. */
    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, "");
        return out.toString();
    }

    private static void write(Object value, StringBuilder out, String indent) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String || value instanceof Instant || value instanceof LocalDate
                || value instanceof Enum<?> || value instanceof Character || value instanceof HostName) {
            string(value.toString(), out);
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Record record) {
            RecordComponent[] components = record.getClass().getRecordComponents();
            out.append('{');
            String inner = indent + "  ";
            for (int i = 0; i < components.length; i++) {
                out.append(i == 0 ? "\n" : ",\n").append(inner);
                string(components[i].getName(), out);
                out.append(": ");
                write(read(record, components[i]), out, inner);
            }
            out.append(components.length == 0 ? "}" : "\n" + indent + "}");
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            String inner = indent + "  ";
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(first ? "\n" : ",\n").append(inner);
                first = false;
                string(String.valueOf(entry.getKey()), out);
                out.append(": ");
                write(entry.getValue(), out, inner);
            }
            out.append(map.isEmpty() ? "}" : "\n" + indent + "}");
        } else if (value instanceof Collection<?> items) {
            out.append('[');
            String inner = indent + "  ";
            boolean first = true;
            for (Object item : items) {
                out.append(first ? "\n" : ",\n").append(inner);
                first = false;
                write(item, out, inner);
            }
            out.append(items.isEmpty() ? "]" : "\n" + indent + "]");
        } else {
            throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
        }
    }

    private static Object read(Record record, RecordComponent component) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("reading " + component.getName() + " of a view", e);
        }
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
