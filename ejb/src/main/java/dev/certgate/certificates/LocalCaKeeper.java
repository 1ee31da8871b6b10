package dev.certgate.certificates;

import dev.certgate.api.AuditAction;
import dev.certgate.api.CertgateException;
import dev.certgate.api.LocalCaExistsException;
import dev.certgate.api.LocalCaMissingException;
import dev.certgate.api.LocalCaView;
import dev.certgate.audit.AuditLog;
import dev.certgate.boundary.CoreFailures;
import dev.certgate.certificates.model.LocalCaRecord;
import dev.certgate.core.CoreException;
import dev.certgate.core.pki.LocalCa;
import dev.certgate.core.pki.Pem;
import dev.certgate.core.pki.PermittedNames;
import dev.certgate.vault.Vault;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Keeps the instance's local root CA: creates it when asked (its key sealed in the vault like any other), reads it
 * and opens it to issue. There is one per installation; its row id is fixed, so two creations at once cannot make
 * two. Reading never creates it (issue 14 point 5: an auditor's read made it before).
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

    /** The local CA opened to issue. @throws LocalCaMissingException (UNACCEPTABLE) when there is none yet */
    public LocalCa obtain() throws CertgateException {
        LocalCaRecord stored = stored().orElseThrow(LocalCaMissingException::forIssue);
        return LocalCa.of(root(stored), vault.open(Vault.Owner.LOCAL_CA, ID, stored.privateKey()));
    }

    /** The local CA as shown, its key left sealed. @throws LocalCaMissingException (NOT_FOUND) when none yet */
    public LocalCaView view() throws CertgateException {
        LocalCaRecord stored = stored().orElseThrow(LocalCaMissingException::forRead);
        return view(stored, root(stored));
    }

    /** The root as PEM. @throws LocalCaMissingException (NOT_FOUND) when there is none yet */
    public String rootPem() throws CertgateException {
        return stored().orElseThrow(LocalCaMissingException::forRead).certificatePem();
    }

    /**
     * Creates the local CA with these permitted names, audited with them.
     *
     * @throws LocalCaExistsException when there is one already (also when another creation won a race)
     */
    public LocalCaView create(PermittedNames permitted) throws CertgateException {
        Optional<LocalCaRecord> existing = stored();
        if (existing.isPresent()) {
            throw new LocalCaExistsException(root(existing.get()).getSubjectX500Principal().getName());
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS); // as the database keeps it, so reads show the same
        LocalCa created = LocalCa.createRoot("certgate local CA " + vault.instanceKeyId(), now, permitted);
        LocalCaRecord record = new LocalCaRecord(ID, created.rootPem(),
                vault.seal(Vault.Owner.LOCAL_CA, ID, created.key()), audit.actor(), now);
        try {
            em.persist(record);
            em.flush();
        } catch (PersistenceException e) { // the fixed id: another creation committed first
            throw new LocalCaExistsException(created.root().getSubjectX500Principal().getName());
        }
        String subject = created.root().getSubjectX500Principal().getName();
        audit.record(AuditAction.LOCAL_CA_CREATE, ID, "Created the local CA " + subject + ", valid until "
                + created.notAfter() + ", " + (permitted.isNone() ? "for any name"
                : "for " + String.join(", ", permitted.domains()) + " and the names under them") + ".");
        return view(record, created.root());
    }

    private Optional<LocalCaRecord> stored() {
        return Optional.ofNullable(em.find(LocalCaRecord.class, ID, LockModeType.NONE));
    }

    private static X509Certificate root(LocalCaRecord stored) throws CertgateException {
        try {
            return Pem.readCertificates(stored.certificatePem()).get(0);
        } catch (CoreException e) {
            throw CoreFailures.toApi(e);
        }
    }

    private static LocalCaView view(LocalCaRecord stored, X509Certificate root) {
        String sha256;
        try {
            sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(root.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("SHA-256 of a parsed certificate", e);
        }
        return new LocalCaView(root.getSubjectX500Principal().getName(), root.getNotBefore().toInstant(),
                root.getNotAfter().toInstant(), sha256, PermittedNames.of(root).domains(), stored.createdAt(),
                stored.createdBy());
    }
}
