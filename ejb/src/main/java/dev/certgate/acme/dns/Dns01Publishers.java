package dev.certgate.acme.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configured {@link Dns01Publisher}, from system properties (set with jboss-cli {@code /system-property} or
 * {@code -D}); unset {@value #PROVIDER_PROPERTY} means DNS-01 is not available, and domains that need it (wildcards)
 * fail with that cause.
 * <ul>
 *   <li>{@code certgate.acme.dns.provider=rfc2136}: {@code certgate.acme.dns.server} (host[:port], the zone's primary,
 *   which accepts updates), {@code certgate.acme.dns.tsig-key-name}, {@code certgate.acme.dns.tsig-algorithm}
 *   (default {@code hmac-sha256}), {@code certgate.acme.dns.tsig-secret-file} (a file holding the base64 secret, or a
 *   BIND key file as {@code tsig-keygen} writes it; kept outside the database like the instance key), optional
 *   {@code certgate.acme.dns.zone} (else the server is asked), {@code certgate.acme.dns.resolver} (host[:port] where
 *   visibility is checked; default the server) and {@code certgate.acme.dns.ttl} (seconds, default 60).</li>
 * </ul>
 */
public final class Dns01Publishers {

    /** System property naming the provider. */
    public static final String PROVIDER_PROPERTY = "certgate.acme.dns.provider";
    static final String SERVER = "certgate.acme.dns.server";
    static final String KEY_NAME = "certgate.acme.dns.tsig-key-name";
    static final String ALGORITHM = "certgate.acme.dns.tsig-algorithm";
    static final String SECRET_FILE = "certgate.acme.dns.tsig-secret-file";
    static final String ZONE = "certgate.acme.dns.zone";
    static final String RESOLVER = "certgate.acme.dns.resolver";
    static final String TTL = "certgate.acme.dns.ttl";

    private static final Pattern BIND_SECRET = Pattern.compile("secret\\s+\"([^\"]+)\"");

    private Dns01Publishers() {
    }

    /**
     * The publisher the system properties describe, or empty when none is configured.
     *
     * @throws DnsUpdateException when the configuration is incomplete or wrong (the message says which property)
     */
    public static Optional<Dns01Publisher> fromSystemProperties() throws DnsUpdateException {
        return from(System::getProperty);
    }

    /** As {@link #fromSystemProperties()}, from any source of properties (null: unset). */
    static Optional<Dns01Publisher> from(Function<String, String> properties) throws DnsUpdateException {
        String provider = value(properties, PROVIDER_PROPERTY);
        if (provider == null) {
            return Optional.empty();
        }
        return switch (provider) {
            case "rfc2136" -> Optional.of(new Rfc2136Publisher(
                    address(properties, SERVER, true), required(properties, KEY_NAME),
                    algorithm(properties), secret(properties), value(properties, ZONE),
                    address(properties, RESOLVER, false), ttl(properties)));
            default -> throw new DnsUpdateException(PROVIDER_PROPERTY + " must be rfc2136, not '" + provider + "'.");
        };
    }

    private static String value(Function<String, String> properties, String name) {
        String value = properties.apply(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String required(Function<String, String> properties, String name) throws DnsUpdateException {
        String value = value(properties, name);
        if (value == null) {
            throw new DnsUpdateException(name + " is required for " + PROVIDER_PROPERTY + "="
                    + value(properties, PROVIDER_PROPERTY) + ".");
        }
        return value;
    }

    private static String algorithm(Function<String, String> properties) throws DnsUpdateException {
        String algorithm = Optional.ofNullable(value(properties, ALGORITHM)).orElse("hmac-sha256");
        return switch (algorithm.toLowerCase(java.util.Locale.ROOT)) {
            case "hmac-sha1", "hmac-sha224", "hmac-sha256", "hmac-sha384", "hmac-sha512" -> algorithm;
            default -> throw new DnsUpdateException(ALGORITHM + " must be hmac-sha256 (or hmac-sha1, -sha224, -sha384,"
                    + " -sha512), not '" + algorithm + "'.");
        };
    }

    /** The TSIG secret from its file; the messages name the file, never its content. */
    private static byte[] secret(Function<String, String> properties) throws DnsUpdateException {
        Path file = Path.of(required(properties, SECRET_FILE));
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new DnsUpdateException(SECRET_FILE + ": cannot read " + file + " (" + e.getClass().getSimpleName()
                    + ").", e);
        }
        Matcher bind = BIND_SECRET.matcher(text);
        String base64 = bind.find() ? bind.group(1) : text.strip();
        try {
            byte[] secret = Base64.getDecoder().decode(base64);
            if (secret.length < 16) {
                throw new DnsUpdateException(SECRET_FILE + ": the secret in " + file + " is shorter than 16 bytes.");
            }
            return secret;
        } catch (IllegalArgumentException e) {
            throw new DnsUpdateException(SECRET_FILE + ": " + file + " holds no base64 secret (nor a BIND key file).");
        }
    }

    private static long ttl(Function<String, String> properties) throws DnsUpdateException {
        String ttl = value(properties, TTL);
        if (ttl == null) {
            return 60;
        }
        try {
            long seconds = Long.parseLong(ttl);
            if (seconds >= 1 && seconds <= 86_400) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DnsUpdateException(TTL + " must be a number of seconds from 1 to 86400, not '" + ttl + "'.");
    }

    /** host[:port] (port 53 when left out; IPv6 in brackets). */
    private static InetSocketAddress address(Function<String, String> properties, String name, boolean required)
            throws DnsUpdateException {
        String value = required ? required(properties, name) : value(properties, name);
        if (value == null) {
            return null;
        }
        try {
            URI uri = URI.create("dns://" + value);
            if (uri.getHost() == null || uri.getPath() != null && !uri.getPath().isEmpty()) {
                throw new IllegalArgumentException("no host");
            }
            return new InetSocketAddress(uri.getHost().replaceAll("^\\[|\\]$", ""),
                    uri.getPort() == -1 ? 53 : uri.getPort());
        } catch (IllegalArgumentException e) {
            throw new DnsUpdateException(name + " must be host or host:port, not '" + value + "'.", e);
        }
    }
}
