package dev.certgate.core.pki;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code -----BEGIN X-----} … {@code -----END X-----} block of a pasted text, cut out of it line by line, with
 * where it starts, so that a message can name the block it could not read. A line that looks like the start of a
 * block but is not a well-formed one, and a block without its END line, are blocks too: with a {@link #problem()}.
 */
record PemBlock(int number, int line, String type, String text, String problem) {

    private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]{1,40})-----");
    private static final String LOOKS_LIKE_BEGIN = "-----BEGIN";

    /**
     * The blocks of {@code pem}, in order. Line ends may be LF, CRLF or CR; lines are stripped of surrounding white
     * space.
     */
    static List<PemBlock> split(String pem) {
        String[] lines = pem.split("\r\n|\r|\n", -1);
        List<PemBlock> blocks = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.contains(LOOKS_LIKE_BEGIN)) {
                continue;
            }
            int number = blocks.size() + 1;
            Matcher begin = BEGIN.matcher(line);
            if (!begin.matches()) {
                blocks.add(new PemBlock(number, i + 1, shown(line), line,
                        "has a BEGIN line that is not a PEM header"));
                continue;
            }
            String type = begin.group(1);
            String end = "-----END " + type + "-----";
            StringBuilder text = new StringBuilder(line).append('\n');
            int j = i + 1;
            boolean ended = false;
            for (; j < lines.length; j++) {
                String body = lines[j].strip();
                if (body.contains(LOOKS_LIKE_BEGIN)) {
                    break; // the next block starts before this one ended
                }
                text.append(body).append('\n');
                if (body.equals(end)) {
                    ended = true;
                    break;
                }
            }
            blocks.add(new PemBlock(number, i + 1, line, text.toString(),
                    ended ? null : "has no " + end + " line (it is cut short)"));
            i = ended ? j : j - 1;
        }
        return List.copyOf(blocks);
    }

    /** "its PEM block (…, line 3)" or "its 2nd PEM block (…, line 23)", for a message. */
    String describe(int of) {
        String which = of == 1 ? "its PEM block" : "its " + ordinal(number) + " PEM block";
        return which + " (" + type + ", line " + line + ")";
    }

    private static String ordinal(int n) {
        int lastTwo = n % 100;
        String suffix = lastTwo >= 11 && lastTwo <= 13 ? "th"
                : switch (n % 10) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
        return n + suffix;
    }

    /** A header line as it may appear in a message: printable ASCII only, at most 64 characters. */
    private static String shown(String line) {
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < line.length() && out.length() < 64; k++) {
            char c = line.charAt(k);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }
}
