package dev.certgate.acme;

import dev.certgate.acme.model.AcmeAccountRecord;
import dev.certgate.acme.model.AcmeDomainState;
import dev.certgate.api.AcmeAccountView;
import dev.certgate.api.AcmeDomainNotFoundException;
import dev.certgate.api.AcmeDomainView;
import dev.certgate.api.AuditAction;
import dev.certgate.api.CertgateException;
import dev.certgate.api.CertificateNotFoundException;
import dev.certgate.api.CertificateSource;
import dev.certgate.api.ChallengeType;
import dev.certgate.api.HostName;
import dev.certgate.api.KeyType;
import dev.certgate.applications.DomainDirectory;
import dev.certgate.audit.AuditLog;
import dev.certgate.certificates.CertificateDirectory;
import dev.certgate.core.pki.ImportedCertificate;
import dev.certgate.core.pki.KeySpec;
import dev.certgate.core.pki.Keys;
import dev.certgate.core.pki.LeafCertificate;
import dev.certgate.core.renewal.RenewalPolicy;
import dev.certgate.settings.Settings;
import dev.certgate.vault.Vault;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.concurrent.ThreadLocalRandom;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The database side of ACME, one short transaction per call (REQUIRES_NEW): the network calls of an order happen
 * between these calls, never inside a transaction. Leases are taken with a conditional UPDATE, so one worker on one
 * node orders for a domain at a time.
 */
@Stateless
@PermitAll // internal: no remote view; the calling service checked the roles
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class AcmeStore {

    @PersistenceContext(unitName = "certgate")
    private EntityManager em;

    /** {@code certgate.acme.lease}: how long a lease lets one worker own a domain's order. */
    @EJB
    private Settings settings;

    @EJB
    private Vault vault;

    @EJB
    private AuditLog audit;

    @EJB
    private CertificateDirectory certificates;

    @EJB
    private DomainDirectory domains;


    /** What an order needs of the account: where the CA is, the account's URL and its key pair. */
    public record AccountAccess(String directoryUrl, String accountUrl, KeyPair keyPair) {
        @Override
        public String toString() {
            return "AccountAccess[" + directoryUrl + ", " + accountUrl + "]"; // never the key
        }
    }

    /** What a leased domain is for. */
    public enum Task {
        /** order a certificate (the first, or a renewal) */
        ORDER,
        /** only ask the CA for the renewal window of the certificate served (RFC 9773) */
        RENEWAL_INFO
    }

    /**
     * A domain leased for an order or a look at its renewal window: what to order (with which profile: the
     * domain's, else the account's default; empty for the CA's default), and the certificate it is served with now
     * (if any), whose leaf a renewal names in {@code replaces}.
     */
    public record Job(String domain, ChallengeType challenge, KeyType keyType, Optional<String> certificateId,
                      Task task, Optional<String> profile, Optional<X509Certificate> current) {
    }

    // --- the account ---

    public Optional<AcmeAccountView> accountView() {
        return Optional.ofNullable(em.find(AcmeAccountRecord.class, AcmeAccountRecord.ID)).map(AcmeStore::view);
    }

    /** The account for orders; empty when none is configured. */
    public Optional<AccountAccess> accountAccess() throws CertgateException {
        AcmeAccountRecord account = em.find(AcmeAccountRecord.class, AcmeAccountRecord.ID);
        if (account == null) {
            return Optional.empty();
        }
        PrivateKey key = vault.open(Vault.Owner.ACME_ACCOUNT, account.id(), account.accountKey());
        return Optional.of(new AccountAccess(account.directoryUrl(), account.accountUrl(),
                new KeyPair(publicKey(account.publicKey(), key.getAlgorithm()), key)));
    }

    /**
     * Keeps a registered account (replacing the one before), seals its key and EAB HMAC key, audits it, and makes
     * domains that failed for want of an account due again.
     */
    public AcmeAccountView saveAccount(AcmeAccountRecord.Registration registration, PrivateKey key, String eabKeyId,
                                       byte[] eabHmacKey, String defaultProfile) throws CertgateException {
        String id = AcmeAccountRecord.ID;
        var sealedKey = vault.seal(Vault.Owner.ACME_ACCOUNT, id, key);
        var sealedEab = eabHmacKey == null ? null : vault.sealSecret(Vault.Owner.ACME_EAB, id, eabHmacKey);
        AcmeAccountRecord account = em.find(AcmeAccountRecord.class, id);
        Instant now = Instant.now();
        if (account == null) {
            account = new AcmeAccountRecord(registration, sealedKey, eabKeyId, sealedEab, audit.actor(), now);
            em.persist(account);
        } else {
            account.register(registration, sealedKey, eabKeyId, sealedEab, audit.actor(), now);
        }
        account.useDefaultProfile(defaultProfile, audit.actor(), now);
        em.flush();
        audit.record(AuditAction.ACME_ACCOUNT_SAVE, registration.accountUrl(), "ACME account "
                + registration.accountUrl()
                + " at " + registration.directoryUrl() + (registration.email() == null ? ""
                : " (contact " + registration.email() + ")") + (eabKeyId == null ? "" : ", EAB key id " + eabKeyId)
                + (defaultProfile == null ? "" : ", default profile " + defaultProfile)
                + ", terms of service agreed.");
        em.createQuery("update AcmeDomainState s set s.nextAttempt = :now where s.errorCause in :causes")
                .setParameter("now", now)
                .setParameter("causes", List.of(FailureCause.CONFIGURATION.name(), FailureCause.ACCOUNT.name()))
                .executeUpdate();
        return view(account);
    }

    /**
     * The account's key pair as stored, to keep the same account when only the contact changes; empty for another
     * CA or a deactivated account (which the CA will not use again).
     */
    public Optional<KeyPair> accountKeyFor(String directoryUrl) throws CertgateException {
        AcmeAccountRecord account = em.find(AcmeAccountRecord.class, AcmeAccountRecord.ID);
        if (account == null || "DEACTIVATED".equals(account.status())) {
            return Optional.empty();
        }
        return accountAccess().filter(a -> a.directoryUrl().equals(directoryUrl)).map(AccountAccess::keyPair);
    }

    /**
     * What registering the account again needs: the CA, the contact, the key type, the EAB key id and HMAC key
     * (when one was used; the caller clears the HMAC key after use). Empty when no account is configured or it was
     * deactivated here (then an admin decides).
     */
    public record Recovery(String directoryUrl, String email, String keyType, String eabKeyId, byte[] eabHmacKey,
                           String forgottenUrl) {
        @Override
        public String toString() {
            return "Recovery[" + directoryUrl + ", " + email + ", " + keyType + ", eab " + eabKeyId + "]";
        }
    }

    public Optional<Recovery> recovery() throws CertgateException {
        AcmeAccountRecord account = em.find(AcmeAccountRecord.class, AcmeAccountRecord.ID);
        if (account == null || "DEACTIVATED".equals(account.status())) {
            return Optional.empty();
        }
        byte[] hmac = account.eabHmacKey().isEmpty() ? null
                : vault.openSecret(Vault.Owner.ACME_EAB, account.id(), account.eabHmacKey().get());
        return Optional.of(new Recovery(account.directoryUrl(), account.email().orElse(null), account.keyType(),
                account.eabKeyId().orElse(null), hmac, account.accountUrl()));
    }

    /**
     * Keeps the account the CA registered again (it had forgotten {@code forgottenUrl}): its new URL and key;
     * audited. Domains that failed for the account are due again now.
     */
    public AcmeAccountView reregistered(String forgottenUrl, String accountUrl, String status, KeyPair key)
            throws CertgateException {
        AcmeAccountRecord account = requireAccount();
        Instant now = Instant.now();
        account.reregistered(accountUrl, status, vault.seal(Vault.Owner.ACME_ACCOUNT, account.id(), key.getPrivate()),
                Base64.getEncoder().encodeToString(key.getPublic().getEncoded()), "certgate", now);
        em.flush();
        audit.record(AuditAction.ACME_ACCOUNT_REREGISTER, accountUrl, "The CA at " + account.directoryUrl()
                + " no longer knew the ACME account " + forgottenUrl + "; certgate registered it again as "
                + accountUrl + (account.email().isEmpty() ? "" : " (contact " + account.email().get() + ")")
                + " with a new " + account.keyType() + " key" + (account.eabKeyId().isEmpty() ? ""
                : " and the EAB key id " + account.eabKeyId().get())
                + ", the terms of service agreed before.");
        em.createQuery("update AcmeDomainState s set s.nextAttempt = :now where s.errorCause = :cause")
                .setParameter("now", now).setParameter("cause", FailureCause.ACCOUNT.name()).executeUpdate();
        return view(account);
    }

    /**
     * Keeps the new key of a rollover, sealed, as pending, before the CA sees it (issue 14 point 5): committed when
     * this returns (its own transaction), so that a server that stops after the CA took the key still holds it.
     */
    public void stagePendingKey(KeyPair newKey, KeySpec keySpec) throws CertgateException {
        AcmeAccountRecord account = requireAccount();
        account.stagePendingKey(vault.seal(Vault.Owner.ACME_ACCOUNT, account.id(), newKey.getPrivate()),
                Base64.getEncoder().encodeToString(newKey.getPublic().getEncoded()), keySpec.name(), Instant.now());
        em.flush();
    }

    /** The pending key of a rollover under way, opened; empty when none is pending. */
    public Optional<KeyPair> pendingKey() throws CertgateException {
        AcmeAccountRecord account = em.find(AcmeAccountRecord.class, AcmeAccountRecord.ID);
        if (account == null || account.pendingKey().isEmpty()) {
            return Optional.empty();
        }
        PrivateKey key = vault.open(Vault.Owner.ACME_ACCOUNT, account.id(), account.pendingKey().get());
        return Optional.of(new KeyPair(publicKey(account.pendingPublicKey().orElseThrow(), key.getAlgorithm()), key));
    }

    /**
     * The CA took the pending key: it is the account key now; audited ({@code how} says how certgate learnt it).
     *
     * @param expected the public key the caller sent to the CA: a pending key that is another one (a second rollover
     *                 staged meanwhile) is not promoted for it
     * @throws CertgateException when no key, or another one, is pending
     */
    public AcmeAccountView promotePendingKey(PublicKey expected, String how) throws CertgateException {
        AcmeAccountRecord account = requireAccount();
        String expectedText = Base64.getEncoder().encodeToString(expected.getEncoded());
        if (!account.pendingPublicKey().map(expectedText::equals).orElse(false)) {
            throw new CertgateException("The new ACME account key is no longer the pending one (another rollover "
                    + "started meanwhile); the account key was not changed here.");
        }
        String keyType = account.pendingKeyType().orElseThrow();
        account.promotePendingKey(audit.actor(), Instant.now());
        em.flush();
        audit.record(AuditAction.ACME_ACCOUNT_KEY_ROLLOVER, account.accountUrl(), "Rolled the key of the ACME account "
                + account.accountUrl() + " over to a new " + keyType + " key" + how + ".");
        return view(account);
    }

    /** The CA did not take the pending key (it said so): forgotten, the account key stays. */
    public void dropPendingKey(PublicKey sent) throws CertgateException {
        AcmeAccountRecord account = requireAccount();
        String sentText = Base64.getEncoder().encodeToString(sent.getEncoded());
        if (account.pendingPublicKey().map(sentText::equals).orElse(false)) {
            account.dropPendingKey();
            em.flush();
        }
    }

    /** Marks the account deactivated (it was, at the CA). */
    public AcmeAccountView deactivated() throws CertgateException {
        AcmeAccountRecord account = requireAccount();
        account.deactivated(audit.actor(), Instant.now());
        em.flush();
        audit.record(AuditAction.ACME_ACCOUNT_DEACTIVATE, account.accountUrl(), "Deactivated the ACME account "
                + account.accountUrl() + " at " + account.directoryUrl() + ".");
        return view(account);
    }

    private AcmeAccountRecord requireAccount() throws CertgateException {
        AcmeAccountRecord account = em.find(AcmeAccountRecord.class, AcmeAccountRecord.ID);
        if (account == null) {
            throw new CertgateException("No ACME account is configured.");
        }
        return account;
    }

    // --- domain states ---

    /**
     * Makes the state rows follow the applications: a row for each domain that uses ACME (new ones due now), none
     * for the others; an ACME domain whose binding lost its certificate (an edit raced with an order) gets it back.
     */
    public void sync() {
        Map<String, String> acmeDomains = domains.acmeDomains();
        Instant now = Instant.now();
        Map<String, AcmeDomainState> states = new HashMap<>();
        for (AcmeDomainState state : em.createNamedQuery(AcmeDomainState.ALL, AcmeDomainState.class)
                .getResultList()) {
            if (!acmeDomains.containsKey(state.domain())) {
                em.remove(state);
            } else {
                states.put(state.domain(), state);
            }
        }
        acmeDomains.forEach((domain, bound) -> {
            AcmeDomainState state = states.get(domain);
            if (state == null) {
                AcmeDomainState created = new AcmeDomainState(domain, now);
                // a domain that starts with a certificate (adopted from a migration) is renewed when due, not now
                Optional<CertificateDirectory.Stored> adopted = bound == null ? Optional.empty()
                        : certificates.find(bound).filter(c -> c.source() == CertificateSource.ACME);
                adopted.ifPresent(c -> created.issued(c.id(), c.notBefore(), c.notAfter(), now,
                        RenewalPolicy.renewAt(c.notBefore(), c.notAfter(), Optional.empty())));
                em.persist(created);
            } else if (bound == null && state.certificateId().isPresent()) {
                if (certificates.find(state.certificateId().get()).isPresent()) {
                    bind(domain, state.certificateId().get());
                } else {
                    state.lostCertificate(now);
                }
            }
        });
        em.flush();
    }

    /** How many domains are due now and not leased. */
    public int dueCount() {
        return em.createNamedQuery(AcmeDomainState.DUE, String.class).setParameter("now", Instant.now())
                .getResultList().size();
    }

    /** When the next domain falls due; empty when none uses ACME. */
    public Optional<Instant> nextDue() {
        // a leased domain falls due again when its lease runs out (its worker's node may have died)
        Optional<Instant> order = Optional.ofNullable(em.createQuery("select min(case when s.leaseExpires >"
                + " s.nextAttempt then s.leaseExpires else s.nextAttempt end) from AcmeDomainState s", Instant.class)
                .getSingleResult());
        Optional<Instant> look = Optional.ofNullable(em.createQuery("select min(s.ariCheckAt) from AcmeDomainState s"
                + " where s.leaseOwner is null", Instant.class).getSingleResult());
        return look.filter(at -> order.isEmpty() || at.isBefore(order.get())).or(() -> order);
    }

    /** Leases the next due domain to {@code owner}; empty when none is due (or all are leased by others). */
    public Optional<Job> leaseNextDue(String owner) {
        Instant now = Instant.now();
        for (String domain : em.createNamedQuery(AcmeDomainState.DUE, String.class).setParameter("now", now)
                .setMaxResults(10).getResultList()) {
            int taken = em.createQuery("update AcmeDomainState s set s.leaseOwner = :owner, s.leaseExpires = :until"
                            + " where s.domain = :domain and (s.nextAttempt <= :now or s.ariCheckAt <= :now)"
                            + " and (s.leaseOwner is null or s.leaseExpires < :now)")
                    .setParameter("owner", owner)
                    .setParameter("until", now.plus(settings.current().acmeLease()))
                    .setParameter("domain", domain)
                    .setParameter("now", now)
                    .executeUpdate();
            if (taken != 1) {
                continue; // another worker or node was faster
            }
            Optional<DomainDirectory.AcmeBinding> binding = domains.acmeBinding(domain);
            AcmeDomainState state = em.find(AcmeDomainState.class, domain);
            em.refresh(state);
            if (binding.isEmpty()) {
                em.remove(state); // no longer ACME
                continue;
            }
            Task task = state.orderDue(now) ? Task.ORDER : Task.RENEWAL_INFO;
            if (task == Task.ORDER) {
                state.ordering();
            }
            AcmeAccountRecord account = em.find(AcmeAccountRecord.class, AcmeAccountRecord.ID);
            Optional<String> profile = binding.get().profile()
                    .or(() -> account == null ? Optional.empty() : account.defaultProfile());
            Optional<X509Certificate> current = state.certificateId().flatMap(certificates::find)
                    .filter(c -> c.source() == CertificateSource.ACME).flatMap(c -> leaf(c.chainPem()));
            return Optional.of(new Job(domain, ChallengeType.valueOf(binding.get().challenge()),
                    KeyType.valueOf(binding.get().keyType()),
                    state.certificateId(), task, profile, current));
        }
        return Optional.empty();
    }

    /**
     * Stores what an order obtained, in one transaction: the certificate (new, or replacing the domain's current
     * one in place, so the gateway switches on commit without a gap), the binding, the state; then lets the lease go.
     *
     * @return the certificate's id; empty when the domain stopped using ACME meanwhile (nothing is stored)
     */
    public Optional<String> issued(Job job, String owner, AcmeOrderFlow.Issued issued) throws CertgateException {
        AcmeDomainState state = em.find(AcmeDomainState.class, job.domain());
        if (state == null) {
            return Optional.empty(); // its application was deleted or changed while the CA was issuing
        }
        if (!owner.equals(state.leaseOwner().orElse(null))) {
            throw new CertgateException("The lease on " + job.domain() + " was lost before the certificate could be "
                    + "stored; it will be ordered again.");
        }
        ImportedCertificate material = ImportedCertificate.of(issued.chain(), issued.key().getPrivate());
        if (!Keys.matches(issued.key().getPrivate(), material.leaf().certificate().getPublicKey())) {
            throw new CertgateException("The CA issued a certificate for another key than ours for " + job.domain());
        }
        Optional<String> unfit = unfit(job.domain(), material.leaf(), Instant.now());
        if (unfit.isPresent()) {
            throw new CertgateException(unfit.get());
        }
        String description = "ACME certificate for " + job.domain();
        Optional<CertificateDirectory.Stored> current = state.certificateId().flatMap(certificates::find)
                .filter(c -> c.source() == CertificateSource.ACME);
        CertificateDirectory.Stored stored = current.isPresent()
                ? certificates.replace(current.get().id(), current.get().version(), material, description)
                : certificates.store(CertificateSource.ACME, material, description, AuditAction.ACME_ISSUE);
        bind(job.domain(), stored.id());
        Instant now = Instant.now();
        state.issued(stored.id(), stored.notBefore(), stored.notAfter(), now,
                RenewalPolicy.renewAt(stored.notBefore(), stored.notAfter(), Optional.empty()));
        state.issuedUnder(issued.profile().orElse(null));
        issued.ari().ifPresent(ari -> window(state, ari, now));
        em.flush();
        release(job.domain(), owner);
        return Optional.of(stored.id());
    }

    /**
     * Why a certificate the CA issued for {@code domain} must not replace the one in service: it does not cover the
     * domain's name, or it is not valid now (a start more than {@link #ISSUED_CLOCK_SKEW} ahead of this server's clock,
     * or an end already past). Empty when it is fit. Checked before anything is stored, so the old certificate keeps
     * being served and the attempt fails with this message.
     */
    static Optional<String> unfit(String domain, LeafCertificate leaf, Instant now) {
        List<String> names = leaf.hostNames().stream().map(n -> n.toLowerCase(java.util.Locale.ROOT)).toList();
        if (!HostName.covers(names, domain.toLowerCase(java.util.Locale.ROOT))) {
            return Optional.of("The CA's certificate for " + domain + " does not cover " + domain + " (it names "
                    + (names.isEmpty() ? "no host" : String.join(", ", names)) + "); it was not stored and the "
                    + "certificate in service stays.");
        }
        if (leaf.notBefore().isAfter(now.plus(ISSUED_CLOCK_SKEW)) || !leaf.notAfter().isAfter(now)) {
            return Optional.of("The CA's certificate for " + domain + " is not valid now (" + leaf.notBefore()
                    + " to " + leaf.notAfter() + "; this server's clock says " + now + "); it was not stored and the "
                    + "certificate in service stays. Check this server's clock.");
        }
        return Optional.empty();
    }

    /** How far ahead of this server's clock an issued certificate may start (clocks differ a little). */
    static final Duration ISSUED_CLOCK_SKEW = Duration.ofMinutes(5);

    /**
     * Keeps what the CA said of the renewal window of the certificate served (RFC 9773): the window, its
     * explanation, when to ask again, and when to renew (a random moment inside the window; now when the window
     * has passed). Without renewal information (any more) the lifetime rule decides. Lets the lease go.
     *
     * @return whether an order is due now
     */
    public boolean renewalInfoRead(Job job, String owner, Optional<AcmeOrderFlow.Ari> ari, boolean offered) {
        AcmeDomainState state = em.find(AcmeDomainState.class, job.domain());
        Instant now = Instant.now();
        if (state == null) {
            return false;
        }
        if (state.certificateId().equals(job.certificateId()) && state.notBefore().isPresent()) {
            if (ari.isPresent()) {
                window(state, ari.get(), now);
            } else if (offered) {
                // the CA has ARI but did not answer now: ask again later, keep the schedule
                state.checkRenewalWindowAt(RenewalPolicy.nextAriCheck(now, Optional.empty()));
            } else {
                state.noRenewalWindow(RenewalPolicy.renewAt(state.notBefore().get(), state.notAfter().get(),
                        Optional.empty()));
            }
        }
        em.flush();
        release(job.domain(), owner);
        return state.orderDue(now);
    }

    private static void window(AcmeDomainState state, AcmeOrderFlow.Ari ari, Instant now) {
        Instant notBefore = state.notBefore().orElseThrow();
        Instant notAfter = state.notAfter().orElseThrow();
        Instant renewAt = state.ariWindowStart().equals(Optional.of(ari.window().start()))
                && state.ariWindowEnd().equals(Optional.of(ari.window().end()))
                && !state.nextAttempt().isBefore(ari.window().start())
                && state.nextAttempt().isBefore(ari.window().end())
                ? state.nextAttempt() // the same window: keep the moment drawn before
                : RenewalPolicy.renewAt(now, notBefore, notAfter, Optional.of(ari.window()),
                ThreadLocalRandom.current().nextDouble());
        // the CA's explanation is shown as a link: only an https: address (never javascript:, data: ...)
        state.renewalWindow(ari.window().start(), ari.window().end(), ari.explanation()
                        .filter(url -> url.regionMatches(true, 0, "https://", 0, 8)).orElse(null),
                RenewalPolicy.nextAriCheck(now, ari.retryAfter()), renewAt);
    }

    /** The renewal timer's tick: every certificate's renewal window is asked for again now. */
    public void checkEveryRenewalWindow() {
        Instant now = Instant.now();
        for (AcmeDomainState state : em.createQuery("select s from AcmeDomainState s where s.ariCheckAt is not null",
                AcmeDomainState.class).getResultList()) {
            state.checkRenewalWindowNow(now);
        }
    }

    /** Records a failed attempt and when to try again; the current certificate stays bound and served. */
    public Instant failed(Job job, String owner, Failure failure) {
        AcmeDomainState state = em.find(AcmeDomainState.class, job.domain());
        Instant now = Instant.now();
        if (state == null) {
            return now;
        }
        Instant retryAt = RenewalPolicy.retryAt(now, state.failureCount() + 1, failure.retryAfter());
        if (state.notAfter().isPresent() && state.certificateId().isPresent()) {
            // a renewal keeps trying before the current certificate runs out, however long the backoff
            Instant end = state.notAfter().get();
            Instant beforeEnd = now.plus(Duration.between(now, end).dividedBy(4));
            if (end.isAfter(now) && beforeEnd.isBefore(retryAt) && failure.retryAfter().isEmpty()) {
                retryAt = beforeEnd.isAfter(now.plusSeconds(5)) ? beforeEnd : now.plusSeconds(5);
            }
        }
        state.failed(failure.cause().name(), failure.message(), now, retryAt);
        em.flush();
        release(job.domain(), owner);
        return retryAt;
    }

    public List<AcmeDomainView> views() {
        Map<String, String> profiles = profiles();
        return em.createNamedQuery(AcmeDomainState.ALL, AcmeDomainState.class).getResultStream()
                .map(s -> view(s, profiles.get(s.domain()))).toList();
    }

    /** Makes the domain due now ("renew now"). */
    public AcmeDomainView renewNow(HostName domain) throws CertgateException {
        sync();
        AcmeDomainState state = em.find(AcmeDomainState.class, domain.toString());
        if (state == null) {
            throw new AcmeDomainNotFoundException(String.valueOf(domain));
        }
        state.renewNow(Instant.now());
        audit.record(AuditAction.ACME_RENEW, domain.toString(), "Asked for a new ACME certificate for " + domain + " now.");
        em.flush();
        return view(state);
    }

    /** The stored certificate's chain, for revocation; only ACME certificates are revoked at a CA. */
    public String chainForRevocation(String certificateId) throws CertgateException {
        CertificateDirectory.Stored certificate = certificates.find(certificateId)
                .orElseThrow(() -> new CertificateNotFoundException(String.valueOf(certificateId)));
        if (certificate.source() != CertificateSource.ACME) {
            throw new CertgateException("The certificate for " + certificate.commonName() + " was not obtained by "
                    + "ACME, so there is no CA to revoke it at. Delete or replace it instead.");
        }
        return certificate.chainPem();
    }

    /** Audits a revocation and makes the domains served with that certificate due for a new one now. */
    public void revoked(String certificateId, String serial, String reason) {
        audit.record(AuditAction.CERTIFICATE_REVOKE, certificateId, "Revoked the ACME certificate " + certificateId
                + " (serial " + serial + ") at its CA, reason " + reason + ".");
        Instant now = Instant.now();
        for (AcmeDomainState state : em.createQuery("select s from AcmeDomainState s where s.certificateId = :id",
                AcmeDomainState.class).setParameter("id", certificateId).getResultList()) {
            state.renewNow(now);
        }
    }

    private void bind(String domain, String certificateId) {
        domains.bindAcmeCertificate(domain, certificateId);
    }

    private void release(String domain, String owner) {
        em.createQuery("update AcmeDomainState s set s.leaseOwner = null, s.leaseExpires = null"
                        + " where s.domain = :domain and s.leaseOwner = :owner")
                .setParameter("domain", domain).setParameter("owner", owner).executeUpdate();
    }

    private static PublicKey publicKey(String base64, String algorithm) throws CertgateException {
        try {
            return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(
                    Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CertgateException("The stored ACME account key is unreadable; save the account again.", e);
        }
    }

    /** The stored key type's name as the API's type; null for a key of none of its types. */
    private static KeyType keyType(String stored) {
        return Arrays.stream(KeyType.values()).filter(t -> t.name().equals(stored)).findFirst().orElse(null);
    }

    static AcmeAccountView view(AcmeAccountRecord a) {
        return new AcmeAccountView(a.directoryUrl(), a.email().orElse(null), a.termsOfService().orElse(null),
                a.termsAgreed(), a.status(), a.eabKeyId().orElse(null), keyType(a.keyType()),
                a.defaultProfile().orElse(null), a.reregisteredAt().orElse(null));
    }

    /** A domain's state as the API shows it, with the profile it is ordered with ({@code profile}, may be null). */
    static AcmeDomainView view(AcmeDomainState s, String profile) {
        AcmeDomainView.RenewalInfo ari = s.ariWindowStart().isEmpty() || s.ariWindowEnd().isEmpty() ? null
                : new AcmeDomainView.RenewalInfo(s.ariWindowStart().get(), s.ariWindowEnd().get(),
                s.ariExplanation().orElse(null), s.ariCheckAt().orElse(null));
        return new AcmeDomainView(s.domain(), s.state().name(), s.certificateId().orElse(null),
                s.notAfter().orElse(null), s.lastAttempt().orElse(null), s.lastError().orElse(null),
                s.errorCause().orElse(null), s.nextAttempt(), s.failureCount(), ari, profile,
                s.issuedProfile().orElse(null));
    }

    /** A domain's state as the API shows it, without the profile (the Dashboard's lists). */
    static AcmeDomainView view(AcmeDomainState s) {
        return view(s, null);
    }

    /** The profile each ACME domain is ordered with: its own, else the account's default (absent: none). */
    private Map<String, String> profiles() {
        AcmeAccountRecord account = em.find(AcmeAccountRecord.class, AcmeAccountRecord.ID);
        String fallback = account == null ? null : account.defaultProfile().orElse(null);
        Map<String, String> profiles = new HashMap<>();
        for (String domain : domains.acmeDomains().keySet()) {
            domains.acmeBinding(domain).flatMap(DomainDirectory.AcmeBinding::profile).or(
                    () -> Optional.ofNullable(fallback)).ifPresent(p -> profiles.put(domain, p));
        }
        return profiles;
    }

    /** The leaf of a stored chain (PEM); empty when it cannot be read (then no {@code replaces} is sent). */
    private static Optional<X509Certificate> leaf(String chainPem) {
        try {
            return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(
                    chainPem.getBytes(StandardCharsets.US_ASCII))).stream()
                    .filter(X509Certificate.class::isInstance).map(X509Certificate.class::cast).findFirst();
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    static void clear(byte[] secret) {
        if (secret != null) {
            Arrays.fill(secret, (byte) 0);
        }
    }
}
