package dev.certgate.vault;

import dev.certgate.api.CertgateException;
import dev.certgate.certificates.model.Certificate;
import dev.certgate.logging.CertgateLog;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * At start, after the schema is current: finishes a rotation the server stopped in the middle of, then says which
 * stored keys (if any) are sealed under another installation's KEK. It never changes a row.
 */
@Singleton
@Startup
@PermitAll // internal
@DependsOn({"SchemaMigrator", "Vault"})
public class InstanceKeyCheck {

    @PersistenceContext(unitName = "certgate")
    private EntityManager em;

    @EJB
    private Vault vault;

    @PostConstruct
    void check() {
        if (!vault.isSupplied()) {
            recoverRotation();
        }
        try {
            String kekId = vault.instanceKeyId();
            List<String> unreadable = InstanceKeyServiceBean.unreadable(em, kekId);
            if (!unreadable.isEmpty()) {
                long count = em.createQuery("select count(c) from Certificate c where c.privateKey.kekId <> :kek",
                        Long.class).setParameter("kek", kekId).getSingleResult();
                CertgateLog.sealedUnderAnotherKey((int) count, kekId, String.join(", ", unreadable));
            }
        } catch (CertgateException e) {
            // no KEK at all: the vault has logged CERTGATE-1104 already
        }
    }

    private void recoverRotation() {
        Path file = vault.instanceKeyFile();
        Path next = InstanceKeyServiceBean.pending(file);
        if (!Files.exists(next)) {
            return;
        }
        try {
            InstanceKey pending = InstanceKeyFile.read(next);
            long underPending = em.createQuery("select count(c) from Certificate c where c.privateKey.kekId = :kek",
                    Long.class).setParameter("kek", pending.id()).getSingleResult();
            if (underPending > 0) {
                Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                vault.switchTo(pending);
                CertgateLog.rotationRecovered(pending.id(), true);
            } else {
                Files.delete(next);
                CertgateLog.rotationRecovered(pending.id(), false);
            }
        } catch (IOException e) {
            CertgateLog.instanceKeyUnavailable(next, e);
        }
    }
}
