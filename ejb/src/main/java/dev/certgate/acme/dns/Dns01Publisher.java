package dev.certgate.acme.dns;

import java.time.Duration;

/**
 * Publishes the TXT records of ACME DNS-01 challenges (RFC 8555 §8.4) in a zone certgate may update, and removes
 * them afterwards. One implementation per kind of DNS service; {@link Dns01Publishers} chooses the configured one.
 * Implementations are thread-safe and import no {@code jakarta.*}.
 */
public interface Dns01Publisher {

    /**
     * Adds the TXT record {@code value} at {@code recordName}, beside any other value already there (a wildcard and
     * its base name validate with two values at the same name).
     *
     * @param recordName the absolute name, {@code _acme-challenge.<domain>.} (trailing dot optional)
     * @param value      the challenge's digest (base64url), as acme4j's {@code Dns01Challenge.getDigest()}
     */
    void publish(String recordName, String value) throws DnsUpdateException;

    /**
     * Waits until the record is visible to the resolvers the CA will ask (the authoritative servers), at most
     * {@code timeout}.
     *
     * @throws DnsUpdateException when it is still not visible after {@code timeout}
     */
    void awaitVisible(String recordName, String value, Duration timeout) throws DnsUpdateException;

    /** Removes the TXT record {@code value} at {@code recordName}; absent is not an error. */
    void remove(String recordName, String value) throws DnsUpdateException;

    /** A short description for logs and pages, e.g. {@code "RFC 2136 at 192.0.2.53:53 (key certgate.)"}. */
    String describe();
}
