package dev.certgate.vault;

import dev.certgate.api.CertgateException;
import dev.certgate.core.vault.InstanceKey;
import dev.certgate.core.vault.InstanceKeyFile;
import dev.certgate.logging.CertgateLog;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

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

    /** Every capability whose rows hold sealed keys (the vault reads no table of theirs). */
    @Inject
    @Any
    private Instance<SealedKeyHolder> holders;

    @EJB
    private Vault vault;

    @PostConstruct
    void check() {
        if (!vault.isSupplied()) {
            recoverRotation();
        }
        try {
            String kekId = vault.instanceKeyId();
            List<String> unreadable = InstanceKeyServiceBean.unreadable(holders, kekId);
            if (!unreadable.isEmpty()) {
                long count = holders.stream().mapToLong(holder -> holder.keysSealedUnderOtherThan(kekId)).sum();
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
            // every holder's rows, not only the certificates': a crash after re-sealing only the local CA or the ACME
            // account must keep the one key that opens them
            long underPending = holders.stream().mapToLong(holder -> holder.keysSealedUnder(pending.id())).sum();
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
