package dev.certgate.pki;

import dev.certgate.api.InvalidInputException;

import java.util.List;
import java.util.Locale;

/** Host names as certgate keeps them: IDN converted to punycode, lower case, no trailing dot. */
public final class HostName {

    private HostName() {
    }

    /**
     * The normalised form of a host name or one-label wildcard ({@code *.example.com}).
     *
     * @param text  as the user typed it; null or blank is refused
     * @param field the input's name, for the message
     * @param what  how to call it in the message, e.g. "domain"
     */
    public static String normalise(String text, String field, String what) throws InvalidInputException {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(field, "The " + what + " is empty. Enter a host name such as "
                    + "www.example.com, or a wildcard such as *.example.com.");
        }
        return CertificateRequest.hostName(text.strip().toLowerCase(Locale.ROOT), field, what);
    }

    /** Whether a certificate valid for {@code certificateNames} is valid for {@code host} (exact or one-label wildcard). */
    public static boolean covers(List<String> certificateNames, String host) {
        return coveringNames(host).stream().anyMatch(certificateNames::contains);
    }

    /**
     * The names a certificate may hold to cover {@code host} (normalised): the host itself, then the one-label
     * wildcard above it ({@code *.example.com} for {@code www.example.com}); a wildcard host only by itself.
     */
    public static List<String> coveringNames(String host) {
        int dot = host.indexOf('.');
        if (host.startsWith("*.") || dot <= 0) {
            return List.of(host);
        }
        return List.of(host, "*" + host.substring(dot));
    }
}
