package dev.certgate.core.pki;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The public suffixes: names under which anyone may register a name of their own ({@code com}, {@code co.uk},
 * {@code github.io}), from Mozilla's Public Suffix List (MPL 2.0; a copy, both its ICANN and its private sections, is
 * {@code public_suffix_list.dat} beside this class, taken from Debian's {@code publicsuffix} package 20230209). A
 * certificate for {@code *.co.uk}, or a CA allowed to issue under {@code co.uk}, would speak for strangers: the local
 * CA refuses both. The list is read once, on first use.
 */
public final class PublicSuffixes {

    private static final String RESOURCE = "public_suffix_list.dat";

    private PublicSuffixes() {
    }

    /**
     * Whether a host name (lower case, internationalised names in their {@code xn--} form, no trailing dot, no
     * wildcard) is a public suffix, by the list's rules: a name listed, or one label under a {@code *.} rule that no
     * {@code !} exception lists. A single label is always one (the list's implicit {@code *} rule).
     */
    public static boolean isPublicSuffix(String name) {
        Objects.requireNonNull(name, "name");
        String host = name.toLowerCase(Locale.ROOT);
        if (host.indexOf('.') < 0) {
            return true;
        }
        Rules rules = Rules.LIST;
        if (rules.exceptions.contains(host)) {
            return false;
        }
        if (rules.names.contains(host)) {
            return true;
        }
        String parent = host.substring(host.indexOf('.') + 1);
        return rules.wildcards.contains(parent);
    }

    /** The list, parsed once (the holder idiom: loaded on first use, safely published). */
    private static final class Rules {

        static final Rules LIST = load();

        final Set<String> names = new HashSet<>();
        /** The parents of {@code *.} rules: {@code ck} for {@code *.ck}. */
        final Set<String> wildcards = new HashSet<>();
        /** The names of {@code !} rules: {@code www.ck}. */
        final Set<String> exceptions = new HashSet<>();

        private static Rules load() {
            Rules rules = new Rules();
            try (InputStream in = PublicSuffixes.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the core's jar");
                }
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    String rule = line.strip();
                    int space = rule.indexOf(' ');
                    if (space >= 0) {
                        rule = rule.substring(0, space); // the list's format: a rule ends at white space
                    }
                    if (rule.isEmpty() || rule.startsWith("//")) {
                        continue;
                    }
                    if (rule.startsWith("!")) {
                        rules.exceptions.add(ascii(rule.substring(1)));
                    } else if (rule.startsWith("*.")) {
                        rules.wildcards.add(ascii(rule.substring(2)));
                    } else {
                        rules.names.add(ascii(rule));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("the public suffix list could not be read", e);
            }
            return rules;
        }

        private static String ascii(String rule) {
            return IDN.toASCII(rule, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        }
    }
}
