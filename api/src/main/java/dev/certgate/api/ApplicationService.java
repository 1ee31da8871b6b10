package dev.certgate.api;

import jakarta.ejb.Remote;

import java.util.List;

/**
 * Application Management: applications, their backends and their domains, each domain bound to a stored
 * certificate or to ACME. Every change is audited and, once committed, announced to the gateway.
 */
@Remote
public interface ApplicationService {

    /** Every application, by name. */
    List<ApplicationView> list() throws CertgateException;

    /** @throws ApplicationNotFoundException when there is none with this id */
    ApplicationView get(String id) throws CertgateException;

    /**
     * @throws InvalidInputException  a name, backend or domain is missing or malformed, or a domain's certificate
     *                                is unknown or does not cover it
     * @throws DomainInUseException   a domain belongs to another application
     */
    ApplicationView create(ApplicationSpec spec) throws CertgateException;

    /** As {@link #create}, replacing the application's definition. @throws ConcurrentChangeException when stale */
    ApplicationView update(String id, long version, ApplicationSpec spec) throws CertgateException;

    /** Deletes an application and its domains. */
    void delete(String id) throws CertgateException;

    /**
     * The stored certificates that could serve {@code host}: those naming it exactly, and those naming the one-label
     * wildcard above it ({@code *.example.com} for {@code www.example.com}); for a wildcard host, those naming that
     * wildcard. Expired ones are included (callers show them as such). Latest ending first.
     *
     * @param limit how many at most, 1 to 100
     * @param host  as {@link HostName#parse} read it from the user's input
     * @throws InvalidInputException the host is missing, or the limit is out of range
     */
    List<CertificateChoice> certificatesCovering(HostName host, int limit) throws CertgateException;
}
