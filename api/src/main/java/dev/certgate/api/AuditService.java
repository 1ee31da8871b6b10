package dev.certgate.api;

import jakarta.ejb.Remote;

import java.util.List;

/** Reads the audit log (admin and auditor). Lines are written by the services themselves, never through here. */
@Remote
public interface AuditService {

    /** @throws InvalidInputException for a bad page, size or time range */
    AuditPage search(AuditQuery query) throws CertgateException;

    /**
     * How many lines match a query, the count of {@link #search} alone (its page and size do not matter). A table
     * that counts once and then asks for its pages uses this and {@link #entries}.
     *
     * @throws InvalidInputException for a bad page, size or time range
     */
    long count(AuditQuery query) throws CertgateException;

    /** The lines on a query's page, as {@link #search} has them, without counting every match. */
    List<AuditEntry> entries(AuditQuery query) throws CertgateException;
}
