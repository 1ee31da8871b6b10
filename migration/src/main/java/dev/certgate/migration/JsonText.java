package dev.certgate.migration;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of a source's database columns (Nginx Proxy Manager keeps {@code domain_names} and {@code meta} as JSON
 * text), read into plain values: {@link Map} (in order), {@link List}, {@link String}, {@link BigDecimal},
 * {@link Boolean}, or {@code null} for JSON's null. Small on purpose: the migration module brings no JSON library
 * into the client's jar for two columns.
 */
final class JsonText {

    /** Deeper nesting than this is no column NPM writes. */
    private static final int MAX_DEPTH = 32;

    private final String text;
    private int at;

    private JsonText(String text) {
        this.text = text;
    }

    /**
     * Reads one JSON value that fills {@code text} (white space around it allowed).
     *
     * @throws IllegalArgumentException with where and what, when {@code text} is not JSON
     */
    static Object parse(String text) {
        JsonText reader = new JsonText(text);
        Object value = reader.value(0);
        reader.space();
        if (reader.at != text.length()) {
            throw reader.bad("text after the value");
        }
        return value;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw bad("nesting deeper than " + MAX_DEPTH);
        }
        space();
        if (at >= text.length()) {
            throw bad("the end of the text where a value belongs");
        }
        char c = text.charAt(at);
        switch (c) {
            case '{' -> {
                return object(depth);
            }
            case '[' -> {
                return array(depth);
            }
            case '"' -> {
                return string();
            }
            case 't' -> {
                return word("true", Boolean.TRUE);
            }
            case 'f' -> {
                return word("false", Boolean.FALSE);
            }
            case 'n' -> {
                return word("null", null);
            }
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw bad("'" + c + "'");
            }
        }
    }

    private Map<String, Object> object(int depth) {
        at++; // {
        Map<String, Object> members = new LinkedHashMap<>();
        space();
        if (peek('}')) {
            at++;
            return Collections.unmodifiableMap(members);
        }
        while (true) {
            space();
            if (!peek('"')) {
                throw bad("no member name");
            }
            String name = string();
            space();
            expect(':');
            members.put(name, value(depth + 1));
            space();
            if (peek(',')) {
                at++;
            } else {
                expect('}');
                return Collections.unmodifiableMap(members);
            }
        }
    }

    private List<Object> array(int depth) {
        at++; // [
        List<Object> items = new ArrayList<>();
        space();
        if (peek(']')) {
            at++;
            return Collections.unmodifiableList(items);
        }
        while (true) {
            items.add(value(depth + 1));
            space();
            if (peek(',')) {
                at++;
            } else {
                expect(']');
                return Collections.unmodifiableList(items);
            }
        }
    }

    private String string() {
        at++; // "
        StringBuilder out = new StringBuilder();
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (at >= text.length()) {
                break;
            }
            char e = text.charAt(at++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (at + 4 > text.length()) {
                        throw bad("a short \\u escape");
                    }
                    try {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw bad("a bad \\u escape");
                    }
                    at += 4;
                }
                default -> throw bad("the escape \\" + e);
            }
        }
        throw bad("a string without its closing quote");
    }

    private BigDecimal number() {
        int start = at;
        while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        try {
            return new BigDecimal(text.substring(start, at));
        } catch (NumberFormatException e) {
            throw bad("the number " + text.substring(start, at));
        }
    }

    private Object word(String word, Object value) {
        if (!text.startsWith(word, at)) {
            throw bad("'" + text.charAt(at) + "'");
        }
        at += word.length();
        return value;
    }

    private void space() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private boolean peek(char c) {
        return at < text.length() && text.charAt(at) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw bad(at < text.length() ? "'" + text.charAt(at) + "' where '" + c + "' belongs"
                    : "the end of the text where '" + c + "' belongs");
        }
        at++;
    }

    private IllegalArgumentException bad(String what) {
        return new IllegalArgumentException("not JSON: " + what + " at character " + (at + 1));
    }
}
