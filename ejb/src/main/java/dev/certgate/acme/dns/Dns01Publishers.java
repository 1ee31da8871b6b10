package dev.certgate.acme.dns;

import java.util.Optional;

/**
 * The configured {@link Dns01Publisher}, from system properties (set with jboss-cli {@code /system-property} or
 * {@code -D}): {@code certgate.acme.dns.provider} = {@code rfc2136} or {@code challtestsrv}; unset means DNS-01 is
 * not available and domains that need it fail with a clear cause.
 */
public final class Dns01Publishers {

    /** System property naming the provider. */
    public static final String PROVIDER_PROPERTY = "certgate.acme.dns.provider";

    private Dns01Publishers() {
    }

    /**
     * The publisher the system properties describe, or empty when none is configured.
     *
     * @throws DnsUpdateException when the configuration is incomplete or wrong (the message says which property)
     */
    public static Optional<Dns01Publisher> fromSystemProperties() throws DnsUpdateException {
        throw new UnsupportedOperationException("not yet implemented"); // filled in on main (DNS-01 providers)
    }
}
