package dev.certgate.api;

import jakarta.json.bind.adapter.JsonbAdapter;
import jakarta.json.bind.annotation.JsonbTypeAdapter;

import java.io.Serial;
import java.io.Serializable;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IP address as an ACME identifier and a certificate's subject (RFC 8738): the sibling of {@link HostName}, which
 * refuses addresses. Read from a literal only — never through DNS — and kept in one text form: IPv4 as four decimal
 * numbers without leading zeros, IPv6 as RFC 5952 writes it (lower case, the longest run of zero groups as
 * {@code ::}, no brackets, no zone). An IPv4-mapped IPv6 address is refused (its IPv4 form is the one to use).
 * Immutable; equal when the text is equal.
 *
 * <pre>{@code
 * IpAddress.of("2001:DB8:0:0:0:0:0:1").toString()       // "2001:db8::1"
 * IpAddress.of("203.0.113.7").reverseDnsName()          // "7.113.0.203.in-addr.arpa" (TLS-ALPN-01 server name)
 * }</pre>
 *
 * <p>Not wired yet: application domains are still {@link HostName}s only. This type is the first building block of
 * IP-address identifiers (issue 16, point 4), with the TLS-ALPN-01 certificate for an address in the PKI core.
 */
@JsonbTypeAdapter(IpAddress.Json.class)
public final class IpAddress implements Serializable, Comparable<IpAddress> {

    @Serial
    private static final long serialVersionUID = 1L;

    private static final Pattern IPV4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    /** The canonical text. */
    private final String text;
    private final byte[] bytes;

    private IpAddress(String text, byte[] bytes) {
        this.text = text;
        this.bytes = bytes;
    }

    /**
     * The address a text is a literal of, or empty when it is none (a host name, a malformed literal, a zone, an
     * IPv4-mapped IPv6 address). White space around it and the brackets of an IPv6 literal are dropped.
     */
    public static Optional<IpAddress> read(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String literal = text.strip();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        boolean v4 = IPV4.matcher(literal).matches();
        boolean v6 = !v4 && literal.contains(":") && IPV6.matcher(literal).matches();
        if (!v4 && !v6) {
            return Optional.empty(); // never handed to InetAddress: a non-literal would be looked up in DNS
        }
        if (v4) {
            byte[] octets = new byte[4];
            String[] parts = literal.split("\\.");
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(parts[i]);
                if (octet > 255) {
                    return Optional.empty();
                }
                octets[i] = (byte) octet;
            }
            return Optional.of(new IpAddress(literal, octets));
        }
        InetAddress address;
        try {
            // a text with a colon is only ever read as an IPv6 literal by the JDK, never looked up
            address = InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        if (address instanceof Inet6Address) {
            return Optional.of(new IpAddress(rfc5952(address.getAddress()), address.getAddress()));
        }
        return Optional.empty(); // an IPv4-mapped IPv6 literal, which the JDK turns into IPv4
    }

    /**
     * The address of a text known to be one (configuration, stored rows, tests).
     *
     * @throws IllegalArgumentException when it is not one
     */
    public static IpAddress of(String text) {
        return read(text).orElseThrow(() -> new IllegalArgumentException(String.valueOf(text).strip()
                + " is not an IPv4 or IPv6 address"));
    }

    /**
     * The address a user typed, or a message for that user.
     *
     * @param field the input's name, for {@link InvalidInputException#field()}
     * @param what  how to call it in the message, e.g. "domain"
     * @throws InvalidInputException naming {@code field}
     */
    public static IpAddress parse(String text, String field, String what) throws InvalidInputException {
        Optional<IpAddress> address = read(text);
        if (address.isEmpty()) {
            throw new InvalidInputException(field, "The " + what + " " + (text == null ? "" : text.strip())
                    + " is not an IP address. Write an IPv4 address as 203.0.113.7 or an IPv6 address as "
                    + "2001:db8::7 (an IPv4-mapped IPv6 address in its IPv4 form).");
        }
        return address.get();
    }

    /** Whether this is an IPv6 address. */
    public boolean isIpv6() {
        return bytes.length == 16;
    }

    /** The address's bytes, network order (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * The reverse-DNS name of the address (RFC 1035 §3.5, RFC 3596 §2.5): the TLS server name a CA sends with a
     * TLS-ALPN-01 validation of an IP identifier (RFC 8738 §6), e.g. {@code 7.113.0.203.in-addr.arpa}.
     */
    public String reverseDnsName() {
        StringBuilder name = new StringBuilder();
        if (!isIpv6()) {
            for (int i = 3; i >= 0; i--) {
                name.append(bytes[i] & 0xff).append('.');
            }
            return name.append("in-addr.arpa").toString();
        }
        for (int i = 15; i >= 0; i--) {
            name.append(Character.forDigit(bytes[i] & 0x0f, 16)).append('.')
                    .append(Character.forDigit((bytes[i] >> 4) & 0x0f, 16)).append('.');
        }
        return name.append("ip6.arpa").toString();
    }

    /** How the address is written as a URI's host: IPv6 in brackets. */
    public String uriHost() {
        return isIpv6() ? "[" + text + "]" : text;
    }

    /** RFC 5952 §4: lower case, no leading zeros, the longest run of two or more zero groups (the first) as "::". */
    private static String rfc5952(byte[] address) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** IPv4 before IPv6, then by the bytes. */
    @Override
    public int compareTo(IpAddress other) {
        int length = Integer.compare(bytes.length, other.bytes.length);
        return length != 0 ? length : Arrays.compareUnsigned(bytes, other.bytes);
    }

    /** The canonical text (no brackets). */
    @Override
    public String toString() {
        return text;
    }

    @Serial
    private Object readResolve() throws java.io.InvalidObjectException {
        // a serialized form is checked as a typed one: no address that reading would refuse
        Optional<IpAddress> read = read(Objects.requireNonNull(text, "text"));
        if (read.isEmpty() || !read.get().text.equals(text)) {
            throw new java.io.InvalidObjectException("not a canonical IP address: " + text);
        }
        return read.get();
    }

    /** JSON-B: the canonical text; reading it as {@link #parse} does (field {@code "address"}). */
    public static final class Json implements JsonbAdapter<IpAddress, String> {
        @Override
        public String adaptToJson(IpAddress value) {
            return value.toString();
        }

        @Override
        public IpAddress adaptFromJson(String text) throws InvalidInputException {
            return parse(text, "address", "address");
        }
    }
}
