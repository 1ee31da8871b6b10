package dev.certgate.acme;

import dev.certgate.acme.model.AcmeAccountRecord;
import dev.certgate.acme.model.AcmeDomainState;
import dev.certgate.api.AcmeDomainView;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the other capabilities (the Dashboard) may read of ACME's domain states: ACME owns that table. Joins the
 * caller's transaction; the calling service checked the roles.
 */
@Stateless
@PermitAll // internal: no remote view
public class AcmeDirectory {

    @PersistenceContext(unitName = "certgate")
    private EntityManager em;

    /** ACME's figures for the Dashboard: how many domains, how many failing, the next and the latest failures. */
    public record Figures(long domains, long failing, List<AcmeDomainView> next, List<AcmeDomainView> failures) {
        public Figures {
            next = List.copyOf(next);
            failures = List.copyOf(failures);
        }
    }

    /** A domain's renewal state, as the alert check reads it. Optional parts are empty when not known yet. */
    public record Renewal(String domain, int failureCount, Optional<String> errorCause, Optional<String> lastError,
                          Instant nextAttempt, Optional<Instant> notBefore, Optional<Instant> notAfter) {
    }

    /**
     * The account's last registration by certgate itself after the CA had forgotten it: the CA, the new account URL
     * and when; empty if it never happened (or no account is configured).
     */
    public record Reregistration(String directoryUrl, String accountUrl, Instant at) {
    }

    public Optional<Reregistration> reregistration() {
        AcmeAccountRecord account = em.find(AcmeAccountRecord.class, AcmeAccountRecord.ID);
        return account == null ? Optional.empty() : account.reregisteredAt().map(at -> new Reregistration(
                account.directoryUrl(), account.accountUrl(), at));
    }

    /** Every ACME domain's renewal state. */
    public List<Renewal> renewals() {
        return em.createNamedQuery(AcmeDomainState.ALL, AcmeDomainState.class).getResultStream()
                .map(s -> new Renewal(s.domain(), s.failureCount(), s.errorCause(), s.lastError(), s.nextAttempt(),
                        s.notBefore(), s.notAfter()))
                .toList();
    }

    /** The figures, with at most {@code listSize} domains in each list. */
    public Figures figures(int listSize) {
        long domains = em.createQuery("select count(s) from AcmeDomainState s", Long.class).getSingleResult();
        long failing = em.createQuery("select count(s) from AcmeDomainState s where s.state = :failing",
                Long.class).setParameter("failing", AcmeDomainState.State.FAILING).getSingleResult();
        List<AcmeDomainView> next = em.createQuery("select s from AcmeDomainState s order by s.nextAttempt asc,"
                        + " s.domain asc", AcmeDomainState.class)
                .setMaxResults(listSize).getResultStream().map(AcmeStore::view).toList();
        List<AcmeDomainView> failures = em.createQuery("select s from AcmeDomainState s where s.state = :failing"
                        + " order by s.lastAttempt desc, s.domain asc", AcmeDomainState.class)
                .setParameter("failing", AcmeDomainState.State.FAILING)
                .setMaxResults(listSize).getResultStream().map(AcmeStore::view).toList();
        return new Figures(domains, failing, next, failures);
    }
}
