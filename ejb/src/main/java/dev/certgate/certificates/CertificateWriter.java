package dev.certgate.certificates;

import dev.certgate.api.AuditAction;
import dev.certgate.api.CertgateException;
import dev.certgate.api.CertificateNotFoundException;
import dev.certgate.api.CertificateSource;
import dev.certgate.api.ConcurrentChangeException;
import dev.certgate.api.DuplicateCertificateException;
import dev.certgate.audit.AuditLog;
import dev.certgate.certificates.model.Certificate;
import dev.certgate.certificates.model.CertificateFacts;
import dev.certgate.core.pki.CertificateDetails;
import dev.certgate.core.pki.ImportedCertificate;
import dev.certgate.core.pki.LeafCertificate;
import dev.certgate.logging.CertgateLog;
import dev.certgate.vault.Vault;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.UUID;

/**
 * Writes checked certificate material to the store: seals the key, persists the row, audits it and announces the
 * change to the gateway (after commit). Shared by the certificate service (imports, self-signed, local CA) and the
 * ACME orders, so every certificate enters the store the same way.
 */
@Stateless
@PermitAll // internal: no remote view; the calling service checked the roles
public class CertificateWriter {

    @PersistenceContext(unitName = "certgate")
    private EntityManager em;

    @EJB
    private Vault vault;

    @EJB
    private AuditLog audit;

    @Inject
    private Event<CertificatesChanged> changed;

    /**
     * Stores a new certificate.
     *
     * @param action the audit action, e.g. {@code CERTIFICATE_IMPORT}
     * @throws DuplicateCertificateException when the same certificate is stored already
     */
    public Certificate store(CertificateSource source, ImportedCertificate material, String description,
                             AuditAction action) throws CertgateException {
        return store(source, material, description, action, null);
    }

    /**
     * Stores a new certificate, saying in the audit log where it came from.
     *
     * @param origin where the material came from (a file, a migration source); null: not said
     * @throws DuplicateCertificateException when the same certificate is stored already
     */
    public Certificate store(CertificateSource source, ImportedCertificate material, String description,
                             AuditAction action, String origin) throws CertgateException {
        Certificate certificate = storeQuietly(source, material, description, action, origin);
        changed.fire(new CertificatesChanged(certificate.id()));
        return certificate;
    }

    /**
     * As {@link #store(CertificateSource, ImportedCertificate, String, AuditAction, String)}, without announcing the
     * change: a batch announces itself once with {@link #announce} (the gateway then reads all the batch's rows in
     * one refresh, not one refresh per certificate). The row is flushed and detached, so a batch of hundreds keeps
     * the persistence context small.
     */
    public Certificate storeQuietly(CertificateSource source, ImportedCertificate material, String description,
                             AuditAction action, String origin) throws CertgateException {
        LeafCertificate leaf = material.leaf();
        requireNotStored(leaf, null);
        String id = UUID.randomUUID().toString();
        Certificate certificate = new Certificate(id, source, material(id, material), description, audit.actor(),
                Instant.now());
        em.persist(certificate);
        em.flush();
        audit.record(action, id, summary("Stored", source, leaf) + (origin == null ? "" : " From " + origin + "."));
        CertgateLog.certificateImported(id, leaf.commonName(), leaf.fingerprintSha256());
        return certificate;
    }

    /**
     * Replaces the certificate and key of the row {@code id}, keeping the id: everything bound to it serves the new
     * one once the transaction commits.
     *
     * @throws ConcurrentChangeException when the row is no longer at {@code version}
     */
    public Certificate replace(String id, long version, ImportedCertificate material, String description)
            throws CertgateException {
        Certificate certificate = id == null ? null : em.find(Certificate.class, id);
        if (certificate == null) {
            throw new CertificateNotFoundException(String.valueOf(id));
        }
        if (certificate.version() != version) {
            throw new ConcurrentChangeException("The certificate for " + certificate.commonName());
        }
        LeafCertificate leaf = material.leaf();
        requireNotStored(leaf, id);
        String before = certificate.commonName() + " (SHA-256 " + certificate.fingerprintSha256() + ")";
        certificate.replaceMaterial(material(id, material), description, audit.actor(), Instant.now());
        try {
            em.flush();
        } catch (jakarta.persistence.OptimisticLockException e) {
            throw new ConcurrentChangeException("The certificate for " + certificate.commonName());
        }
        audit.record(AuditAction.CERTIFICATE_REPLACE, id, "Replaced the certificate " + before + " with "
                + leaf.commonName() + " (SHA-256 " + leaf.fingerprintSha256() + "), valid until "
                + leaf.notAfter() + ".");
        changed.fire(new CertificatesChanged(id));
        return certificate;
    }

    /** Announces, once, that certificates of this transaction changed (after {@link #storeQuietly}). */
    public void announce(String anyId) {
        changed.fire(new CertificatesChanged(anyId));
    }

    /** Flushes what is pending and detaches every managed row (a long batch, between its items). */
    public void flushAndClear() {
        em.flush();
        em.clear();
    }

    /** The id of the stored certificate with this SHA-256 fingerprint, if there is one. */
    public java.util.Optional<String> idOf(String fingerprintSha256) {
        return em.createNamedQuery(Certificate.BY_FINGERPRINT, Certificate.class)
                .setParameter("fingerprint", fingerprintSha256)
                .getResultStream().map(Certificate::id).findFirst();
    }

    private Certificate.Material material(String id, ImportedCertificate material) throws CertgateException {
        return new Certificate.Material(facts(material), material.chainPem(), vault.seal(id, material.key()),
                material.warnings());
    }

    private void requireNotStored(LeafCertificate leaf, String exceptId) throws DuplicateCertificateException {
        for (Certificate same : em.createNamedQuery(Certificate.BY_FINGERPRINT, Certificate.class)
                .setParameter("fingerprint", leaf.fingerprintSha256())
                .getResultList()) {
            if (!same.id().equals(exceptId)) {
                throw new DuplicateCertificateException(leaf.commonName(), same.id());
            }
        }
    }

    private static String summary(String verb, CertificateSource source, LeafCertificate leaf) {
        return verb + " a " + source.name().toLowerCase().replace('_', ' ') + " certificate for "
                + leaf.commonName() + " (SHA-256 " + leaf.fingerprintSha256() + "), valid until " + leaf.notAfter()
                + ".";
    }

    static CertificateFacts facts(ImportedCertificate material) {
        LeafCertificate leaf = material.leaf();
        return new CertificateFacts(leaf.commonName(), leaf.hostNames(),
                CertificateDetails.ipAddresses(leaf.certificate()), leaf.issuer(), leaf.serialNumberHex(),
                leaf.notBefore(), leaf.notAfter(), leaf.fingerprintSha256(), leaf.keyAlgorithm(),
                CertificateDetails.keySize(leaf.certificate().getPublicKey()),
                CertificateDetails.selfSigned(leaf.certificate()), material.chain().size());
    }
}
