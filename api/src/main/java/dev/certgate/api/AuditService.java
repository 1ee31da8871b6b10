package dev.certgate.api;

import jakarta.ejb.Remote;

/** Reads the audit log (admin and auditor). Lines are written by the services themselves, never through here. */
@Remote
public interface AuditService {

    /** @throws InvalidInputException for a bad page, size or time range */
    AuditPage search(AuditQuery query) throws CertgateException;
}
