package dev.certgate.vault;

import dev.certgate.api.AuditAction;
import dev.certgate.api.CertgateException;
import dev.certgate.api.ErrorCategory;
import dev.certgate.api.InstanceKeyService;
import dev.certgate.api.InstanceKeyStatus;
import dev.certgate.api.Roles;
import dev.certgate.audit.AuditLog;
import dev.certgate.core.vault.InstanceKey;
import dev.certgate.core.vault.InstanceKeyFile;
import dev.certgate.logging.CertgateLog;
import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reports on and rotates the installation's KEK. A rotation re-seals every stored private key (new data key, new
 * KEK) in one transaction; the new KEK waits in {@code instance.key.next} and replaces {@code instance.key} only
 * once the transaction has committed. If the server stops in between, {@link InstanceKeyCheck} finishes the job at
 * the next start, by looking at which KEK the database's rows name.
 */
@Stateless
@DeclareRoles({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
public class InstanceKeyServiceBean implements InstanceKeyService {

    private static final long WAIT_FOR_SEALING_MILLIS = 10_000;

    /** Every capability whose rows hold sealed keys; the vault reads no table of theirs. */
    @Inject
    @Any
    private Instance<SealedKeyHolder> holders;

    @EJB
    private Vault vault;

    @EJB
    private AuditLog audit;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    @Override
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    public InstanceKeyStatus status() throws CertgateException {
        String kekId = vault.instanceKeyId();
        long sealed = holders.stream().mapToLong(holder -> holder.certificateKeysSealedUnder(kekId)).sum();
        return new InstanceKeyStatus(kekId, vault.isSupplied(), sealed, unreadable(holders, kekId));
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    public InstanceKeyStatus rotate() throws CertgateException {
        if (vault.isSupplied()) {
            throw new CertgateException("The instance key is supplied by the operator (" + Vault.KEK_NAMES
                    + "), so certgate cannot replace it. Rotation works with the instance key file only.");
        }
        InstanceKey old = vault.requireKey();
        List<String> unreadable = unreadable(holders, old.id());
        if (!unreadable.isEmpty()) {
            throw new CertgateException("Rotation refused: " + unreadable.size() + " stored key(s) are sealed under "
                    + "another instance key (" + String.join(", ", unreadable) + "). Restore the instance key they "
                    + "were sealed with first; nothing was changed.");
        }
        Path file = vault.instanceKeyFile();
        Path next = pending(file);
        try {
            if (!vault.beginRotation(WAIT_FOR_SEALING_MILLIS)) {
                throw new CertgateException("Rotation refused: other changes to certificates are still running, or "
                        + "another rotation is. Try again in a moment.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CertgateException(ErrorCategory.UNAVAILABLE, "Rotation interrupted; nothing was changed.", e);
        }
        InstanceKey fresh;
        try {
            Files.deleteIfExists(next); // a leftover of a rotation that never committed (see InstanceKeyCheck)
            fresh = InstanceKeyFile.create(next);
        } catch (IOException e) {
            vault.endRotation(null);
            throw new CertgateException(ErrorCategory.UNAVAILABLE,
                    "Rotation failed: the new instance key could not be written next to "
                    + file + " (" + e.getMessage() + "). Nothing was changed.", e);
        }
        transactions.registerInterposedSynchronization(new Finish(vault, file, next, fresh, old.id()));

        SealedKeyHolder.Rewrapped resealed = SealedKeyHolder.Rewrapped.NONE;
        for (SealedKeyHolder holder : holders) {
            resealed = resealed.plus(holder.rewrapAll((owner, id, sealed) -> Vault.reseal(owner, id, sealed, old,
                    fresh)));
        }
        int total = resealed.certificateKeys() + resealed.otherKeys();
        audit.record(AuditAction.INSTANCE_KEY_ROTATE, fresh.id(), "Rotated the instance key from " + old.id() + " to "
                + fresh.id() + "; " + total + " private key(s) re-sealed.");
        return new InstanceKeyStatus(fresh.id(), false, resealed.certificateKeys(), List.of());
    }

    /** Rows sealed under another KEK than {@code kekId}, of every holder: "id (name)", at most 50. */
    static List<String> unreadable(Iterable<SealedKeyHolder> holders, String kekId) {
        List<String> rows = new ArrayList<>();
        for (SealedKeyHolder holder : holders) {
            rows.addAll(holder.rowsSealedUnderOtherThan(kekId, 50 - rows.size()));
        }
        return List.copyOf(rows);
    }

    /** Where a rotation keeps the new KEK until its transaction commits. */
    static Path pending(Path keyFile) {
        return keyFile.resolveSibling(keyFile.getFileName() + ".next");
    }

    /** Swaps the key files after the rotation's transaction: the new KEK on commit, nothing otherwise. */
    private record Finish(Vault vault, Path file, Path next, InstanceKey fresh, String oldId)
            implements Synchronization {

        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            try {
                if (status == Status.STATUS_COMMITTED) {
                    Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    vault.endRotation(fresh);
                    CertgateLog.instanceKeyRotated(oldId, fresh.id());
                } else {
                    Files.deleteIfExists(next);
                    vault.endRotation(null);
                }
            } catch (IOException e) {
                // The database names the new KEK; InstanceKeyCheck promotes instance.key.next at the next start.
                vault.endRotation(fresh);
                throw new UncheckedIOException(e);
            }
        }
    }
}
