package dev.certgate.certificates;

import dev.certgate.api.CertgateException;
import dev.certgate.api.CertificateService;
import dev.certgate.api.CertificateView;
import dev.certgate.api.DuplicateCertificateException;
import dev.certgate.logging.CertgateLog;
import dev.certgate.pki.ImportedCertificate;
import dev.certgate.pki.LeafCertificate;
import dev.certgate.pki.PemImport;
import dev.certgate.vault.Vault;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Stores and lists certificates. Input is fully checked by the PKI core before anything is written, and any
 * {@link CertgateException} rolls the transaction back, so a failed import leaves nothing behind.
 */
@Stateless
public class CertificateServiceBean implements CertificateService {

    @PersistenceContext(unitName = "certgate")
    private EntityManager em;

    @EJB
    private Vault vault;

    @Inject
    private Event<CertificatesChanged> changed;

    @Override
    public CertificateView importPem(String chainPem, String privateKeyPem) throws CertgateException {
        Instant now = Instant.now();
        ImportedCertificate material = PemImport.parse(chainPem, privateKeyPem, now);
        LeafCertificate leaf = material.leaf();

        List<Certificate> same = em.createNamedQuery(Certificate.BY_FINGERPRINT, Certificate.class)
                .setParameter("fingerprint", leaf.fingerprintSha256())
                .getResultList();
        if (!same.isEmpty()) {
            throw new DuplicateCertificateException(leaf.commonName(), same.get(0).id());
        }

        String id = UUID.randomUUID().toString();
        SealedKey sealed = vault.seal(id, material.key());
        Certificate certificate = new Certificate(id, facts(leaf), material.chainPem(), sealed, now);
        em.persist(certificate);
        changed.fire(new CertificatesChanged(id));
        CertgateLog.certificateImported(id, leaf.commonName(), leaf.fingerprintSha256());
        return view(certificate);
    }

    @Override
    public List<CertificateView> list() {
        return em.createNamedQuery(Certificate.ALL_BY_NOT_AFTER, Certificate.class)
                .getResultStream()
                .map(CertificateServiceBean::view)
                .toList();
    }

    static CertificateFacts facts(LeafCertificate leaf) {
        return new CertificateFacts(leaf.commonName(), leaf.hostNames(), leaf.issuer(), leaf.serialNumberHex(),
                leaf.notBefore(), leaf.notAfter(), leaf.fingerprintSha256(), leaf.keyAlgorithm());
    }

    static CertificateView view(Certificate c) {
        return new CertificateView(c.id(), c.commonName(), c.names(), c.issuer(), c.serialNumber(), c.notBefore(),
                c.notAfter(), c.fingerprintSha256(), c.keyAlgorithm());
    }
}
