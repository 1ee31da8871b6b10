package dev.certgate.api;

import jakarta.json.bind.adapter.JsonbAdapter;
import jakarta.json.bind.annotation.JsonbTypeAdapter;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.net.IDN;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A host name as certgate keeps it, normalised once when it is made: internationalised names in their ASCII
 * ({@code xn--}) form, lower case, no trailing dot; or a wildcard over one label ({@code *.example.com}). An IP
 * address is not a host name. Immutable; equal when the normalised text is equal; {@link #toString()} is that text.
 *
 * <pre>{@code
 * HostName.of("WWW.Bücher.example.").toString()   // "www.xn--bcher-kva.example"
 * HostName.of("*.example.com").isWildcard()       // true
 * }</pre>
 *
 * <p>Every surface reads a host name through this class and nowhere else: the REST API (JSON through {@link Json}, paths
 * and query parameters through {@link #parse}), the pages and the command-line client ({@link #parse}), and the
 * gateway for the names clients send (SNI, the Host header: {@link #fromWire}). So a bad name gets the same message
 * everywhere ({@link Problem#message}), and the exact-then-wildcard rule of {@link #coveringNames()} is the one the
 * gateway serves by and the one a domain's certificate is checked against.
 */
@JsonbTypeAdapter(HostName.Json.class)
public final class HostName implements Serializable, Comparable<HostName> {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The most characters of a host name (RFC 1035). */
    public static final int MAX_LENGTH = 253;

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    /** The normalised text. */
    private final String name;

    private HostName(String name) {
        this.name = name;
    }

    /**
     * Why a text is not a host name; each says it in a sentence that names the input as the user knows it.
     */
    public enum Problem {
        /** Null or blank. */
        EMPTY,
        /** A {@code *} anywhere but as the whole first label. */
        MISPLACED_WILDCARD,
        /** Characters or labels a host name cannot have. */
        NOT_A_HOST_NAME,
        /** The last label is a number: neither a host name nor a valid IP address. */
        ENDS_IN_NUMBER,
        /** Longer than {@link #MAX_LENGTH} characters. */
        TOO_LONG;

        /**
         * The message for the user.
         *
         * @param what how the input is called, e.g. "domain" or "common name"
         * @param text the text as the user gave it
         */
        public String message(String what, String text) {
            return switch (this) {
                case EMPTY -> "The " + what + " is empty. Enter a host name such as www.example.com, or a wildcard "
                        + "such as *.example.com.";
                case MISPLACED_WILDCARD -> "The " + what + " " + text + " has a wildcard that browsers do not "
                        + "accept. A wildcard must be the whole first label, followed by a domain, as in "
                        + "*.example.com.";
                case NOT_A_HOST_NAME -> "The " + what + " " + text + " is not a host name. Use letters, digits and "
                        + "hyphens in labels separated by dots, as in www.example.com, or a wildcard such as "
                        + "*.example.com.";
                case ENDS_IN_NUMBER -> "The " + what + " " + text + " ends in a number, so it is neither a host name "
                        + "nor a valid IP address.";
                case TOO_LONG -> "The " + what + " " + text + " is longer than " + MAX_LENGTH + " characters, the most "
                        + "a host name can have.";
            };
        }
    }

    /**
     * Reading a text as a host name: the name, or why it is not one.
     *
     * @param name    the host name; null when {@code problem} is set
     * @param problem why the text is not a host name; null when {@code name} is set
     * @param cause   what the JDK's IDN conversion said, when that is why; else null
     */
    public record Reading(HostName name, Problem problem, IllegalArgumentException cause) {
        public Reading {
            if ((name == null) == (problem == null)) {
                throw new IllegalArgumentException("a reading has a name or a problem");
            }
        }
    }

    /**
     * Reads a text as a host name: leading and trailing white space are dropped, then one trailing dot; letters are
     * made lower case, internationalised labels converted to ASCII.
     *
     * @param text as the user typed it; null or blank is {@link Problem#EMPTY}
     */
    public static Reading read(String text) {
        if (text == null || text.isBlank()) {
            return new Reading(null, Problem.EMPTY, null);
        }
        String shown = text.strip();
        String withoutDot = shown.endsWith(".") ? shown.substring(0, shown.length() - 1) : shown;
        boolean wildcard = withoutDot.startsWith("*.");
        String base = wildcard ? withoutDot.substring(2) : withoutDot;
        if (base.contains("*")) {
            return new Reading(null, Problem.MISPLACED_WILDCARD, null);
        }
        String ascii;
        try {
            ascii = IDN.toASCII(base, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return new Reading(null, Problem.NOT_A_HOST_NAME, e);
        }
        String[] labels = ascii.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return new Reading(null, Problem.NOT_A_HOST_NAME, null);
            }
        }
        if (DIGITS.matcher(labels[labels.length - 1]).matches()) {
            return new Reading(null, Problem.ENDS_IN_NUMBER, null);
        }
        String result = wildcard ? "*." + ascii : ascii;
        if (result.length() > MAX_LENGTH) {
            return new Reading(null, Problem.TOO_LONG, null);
        }
        return new Reading(new HostName(result), null, null);
    }

    /**
     * The host name a text names, for texts that are known to be one (configuration, stored rows, tests).
     *
     * @throws IllegalArgumentException with {@link Problem#message} when it is not one
     */
    public static HostName of(String text) {
        Reading reading = read(text);
        if (reading.problem() != null) {
            throw new IllegalArgumentException(reading.problem().message("host name", String.valueOf(text).strip()),
                    reading.cause());
        }
        return reading.name();
    }

    /**
     * The host name a user typed, or a message for that user.
     *
     * @param text  as the user typed it; null or blank is refused
     * @param field the input's name, for {@link InvalidInputException#field()}
     * @param what  how to call it in the message, e.g. "domain"
     * @throws InvalidInputException naming {@code field}, with {@link Problem#message}
     */
    public static HostName parse(String text, String field, String what) throws InvalidInputException {
        // the text in a message is shown lower case, as it is kept
        Reading reading = read(text == null ? null : text.strip().toLowerCase(Locale.ROOT));
        if (reading.problem() != null) {
            throw new InvalidInputException(field, reading.problem().message(what,
                    text == null ? "" : text.strip().toLowerCase(Locale.ROOT)), reading.cause());
        }
        return reading.name();
    }

    /**
     * The host name a client sent on the wire (the TLS server name, an HTTP Host header without its port), read as
     * {@link #read} does; empty when it is none, which the gateway treats as a name it does not know.
     *
     * @param text as received; null (no SNI, no Host header) is empty
     */
    public static Optional<HostName> fromWire(String text) {
        return Optional.ofNullable(read(text).name());
    }

    /**
     * The normalised text of a host name a user typed, as {@link #parse} reads it.
     *
     * @throws InvalidInputException naming {@code field}
     */
    public static String normalise(String text, String field, String what) throws InvalidInputException {
        return parse(text, field, what).toString();
    }

    /** Whether this is a one-label wildcard, {@code *.example.com}. */
    public boolean isWildcard() {
        return name.startsWith("*.");
    }

    /**
     * The names a certificate may hold to cover this host: the host itself, then the one-label wildcard above it
     * ({@code *.example.com} for {@code www.example.com}); a wildcard or a single label only by itself.
     */
    public List<String> coveringNames() {
        return coveringNames(name);
    }

    /** Whether a certificate valid for {@code certificateNames} (normalised) is valid for this host. */
    public boolean isCoveredBy(List<String> certificateNames) {
        return covers(certificateNames, name);
    }

    /**
     * Whether a certificate valid for {@code certificateNames} is valid for {@code host} (exact or one-label
     * wildcard).
     */
    public static boolean covers(List<String> certificateNames, String host) {
        return coveringNames(host).stream().anyMatch(certificateNames::contains);
    }

    /**
     * The names a certificate may hold to cover {@code host} (normalised), in the order they are tried: the host
     * itself, then the one-label wildcard above it ({@code *.example.com} for {@code www.example.com}). A wildcard
     * host is covered only by itself; a wildcard is never over a single label ({@code example.com} is not covered by
     * {@code *.com}), as browsers refuse such certificates.
     */
    public static List<String> coveringNames(String host) {
        int dot = host.indexOf('.');
        if (host.startsWith("*.") || dot <= 0 || host.indexOf('.', dot + 1) < 0) {
            return List.of(host);
        }
        return List.of(host, "*" + host.substring(dot));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostName other && name.equals(other.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public int compareTo(HostName other) {
        return name.compareTo(other.name);
    }

    /** The normalised text, e.g. {@code www.example.com} or {@code *.example.com}. */
    @Override
    public String toString() {
        return name;
    }

    /**
     * The wire form of JSON-B: the normalised text; read as {@link #parse} reads a domain of an application (the one
     * host name of the REST contract's bodies), so a bad one is a 400 on field {@value #JSON_FIELD}.
     */
    public static final class Json implements JsonbAdapter<HostName, String> {
        @Override
        public String adaptToJson(HostName value) {
            return value.toString();
        }

        @Override
        public HostName adaptFromJson(String text) throws InvalidInputException {
            return parse(text, JSON_FIELD, "domain");
        }
    }

    /** The field a host name of a JSON body is refused on: the domains of an application. */
    public static final String JSON_FIELD = "domains";

    /** A host name read from a stream is checked as one made by {@link #of}: nobody can smuggle in another. */
    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        Reading reading = read(name);
        if (reading.problem() != null || !Objects.equals(reading.name().name, name)) {
            throw new InvalidObjectException("not a normalised host name");
        }
    }
}
