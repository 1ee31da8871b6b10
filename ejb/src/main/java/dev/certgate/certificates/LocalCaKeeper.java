package dev.certgate.certificates;

import dev.certgate.api.AuditAction;
import dev.certgate.api.CertgateException;
import dev.certgate.audit.AuditLog;
import dev.certgate.boundary.CoreFailures;
import dev.certgate.certificates.model.LocalCaRecord;
import dev.certgate.core.CoreException;
import dev.certgate.core.pki.LocalCa;
import dev.certgate.core.pki.Pem;
import dev.certgate.vault.Vault;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * Keeps the instance's local root CA: creates it on first use (its key sealed in the vault like any other) and opens
 * it to issue. There is one per installation; its row id is fixed, so two first uses at once cannot make two.
 */
@Stateless
@PermitAll // internal: no remote view; the calling service checked the roles
public class LocalCaKeeper {

    /** The id of the one local CA row. */
    static final String ID = "local-ca";

    @PersistenceContext(unitName = "certgate")
    private EntityManager em;

    @EJB
    private Vault vault;

    @EJB
    private AuditLog audit;

    /** The local CA, created now if there is none yet. */
    public LocalCa obtain() throws CertgateException {
        LocalCaRecord stored = em.find(LocalCaRecord.class, ID, LockModeType.NONE);
        if (stored != null) {
            X509Certificate root;
            try {
                root = Pem.readCertificates(stored.certificatePem()).get(0);
            } catch (CoreException e) {
                throw CoreFailures.toApi(e);
            }
            return LocalCa.of(root, vault.open(Vault.Owner.LOCAL_CA, ID, stored.privateKey()));
        }
        Instant now = Instant.now();
        LocalCa created = LocalCa.createRoot("certgate local CA " + vault.instanceKeyId(), now);
        em.persist(new LocalCaRecord(ID, created.rootPem(), vault.seal(Vault.Owner.LOCAL_CA, ID, created.key()),
                audit.actor(), now));
        em.flush();
        audit.record(AuditAction.LOCAL_CA_CREATE, ID, "Created the local CA " + created.root().getSubjectX500Principal()
                .getName() + ", valid until " + created.notAfter() + ".");
        return created;
    }
}
