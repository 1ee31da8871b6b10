package dev.certgate.api;

import java.io.Serializable;

/**
 * Which certificates to list, and which page of them.
 *
 * @param text               a substring of the common name or of a DNS name (case-insensitive); null for any
 * @param expiringWithinDays only those whose validity ends within this many days from now; null for any
 * @param source             only those from this source; null for any
 * @param page               0-based page number
 * @param size               rows per page, 1 to 500
 * @param sort               {@code field,asc|desc} with field one of notAfter, commonName, createdAt; null for
 *                           {@code notAfter,asc}
 * @param state              only those in this state now (see {@link CertificateState}); null for any
 */
public record CertificateQuery(String text, Integer expiringWithinDays, CertificateSource source, int page,
                               int size, String sort, CertificateState state) implements Serializable {

    /** The days before its end from which a certificate counts as expiring (state "EXPIRING"). */
    public static final int EXPIRING_DAYS = CertificateState.EXPIRING_DAYS;

    /** A query without a state filter. */
    public CertificateQuery(String text, Integer expiringWithinDays, CertificateSource source, int page, int size,
                            String sort) {
        this(text, expiringWithinDays, source, page, size, sort, null);
    }

    /** The first page of everything, soonest expiry first. */
    public static CertificateQuery all() {
        return new CertificateQuery(null, null, null, 0, 50, null);
    }
}
