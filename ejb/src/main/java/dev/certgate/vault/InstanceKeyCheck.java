package dev.certgate.vault;

import dev.certgate.core.vault.InstanceKey;
import dev.certgate.core.vault.Keyring;
import dev.certgate.core.vault.KeyringFile;
import dev.certgate.core.vault.KeyringRules;
import dev.certgate.logging.CertgateLog;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * At start, after the schema is current: decides about the keyring file (a missing file is created only when no
 * stored key is sealed; otherwise nothing is created and the vault says why), takes in the pending key of an
 * unfinished rotation of earlier versions ({@code instance.key.next}), reads which key the database records as active
 * (recording the first one on a new installation or the upgrade from the single-key file), and says which stored
 * keys (if any) this node cannot open. Then, every second (the cluster poll), follows the database's active and
 * retired keys. It never changes a sealed row.
 */
@Singleton
@Startup
@PermitAll // internal
@DependsOn({"SchemaMigrator", "Vault"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class InstanceKeyCheck {

    /** Every capability whose rows hold sealed keys (the vault reads no table of theirs). */
    @Inject
    @Any
    private Instance<SealedKeyHolder> holders;

    @EJB
    private Vault vault;

    @EJB
    private KeyringRecord record;

    private volatile String lastActive;

    @PostConstruct
    void check() {
        if (!prepareKeyring()) {
            return;
        }
        String active = record.active().orElseGet(() -> record.recordFirst(firstActive()));
        for (String retired : retiredIds()) {
            if (vault.holds(retired) && !retired.equals(active)) {
                try {
                    vault.dropFromKeyring(retired); // retired, but a crash came before its line was removed
                } catch (dev.certgate.api.CertgateException e) {
                    CertgateLog.instanceKeyUnavailable(vault.instanceKeyFile(), e);
                }
            }
        }
        vault.useActive(active);
        lastActive = active;
        if (!vault.holds(active)) {
            CertgateLog.activeKeyNotHeld(active, vault.instanceKeyFile(), String.join(", ", vault.heldKeyIds()));
        }
        List<String> unreadable = InstanceKeyServiceBean.unreadable(holders, vault);
        if (!unreadable.isEmpty()) {
            CertgateLog.sealedUnderAnotherKey(unreadable.size(), String.join(", ", vault.heldKeyIds()),
                    String.join(", ", unreadable));
        }
    }

    /**
     * Every second, from the cluster poll: the database's active key and retired keys, and the keyring file again if
     * it changed.
     */
    public void refresh() {
        Optional<String> active = record.active();
        vault.refresh(active, retiredIds());
        if (active.isPresent() && !active.get().equals(lastActive)) {
            lastActive = active.get();
            if (!vault.holds(active.get())) {
                CertgateLog.activeKeyNotHeld(active.get(), vault.instanceKeyFile(),
                        String.join(", ", vault.heldKeyIds()));
            }
        }
    }

    /** @return whether the vault holds at least one key now */
    private boolean prepareKeyring() {
        if (vault.isSupplied()) {
            return true;
        }
        Path file = vault.instanceKeyFile();
        takeInPending(file);
        if (!Files.exists(file)) {
            long sealed = holders.stream().mapToLong(SealedKeyHolder::keysSealed).sum();
            if (KeyringRules.atStart(false, sealed) == KeyringRules.StartAction.REFUSE) {
                String reason = KeyringRules.missingFileMessage(file.toString(), sealed);
                vault.unavailable(reason);
                CertgateLog.keyringFileMissing(file, sealed);
                return false;
            }
            try {
                Optional<InstanceKey> created = vault.createKeyringFile();
                if (created.isPresent()) {
                    CertgateLog.instanceKeyCreated(file, created.get().id());
                } else {
                    CertgateLog.instanceKeyLoaded(file, String.join(", ", vault.heldKeyIds()));
                }
            } catch (IOException | RuntimeException e) {
                vault.unavailable("the instance keyring file " + file + " could not be created: " + e.getMessage());
                CertgateLog.instanceKeyUnavailable(file, e);
                return false;
            }
        }
        return !vault.heldKeyIds().isEmpty();
    }

    /**
     * An earlier version's rotation left its new key in {@code instance.key.next}: both keys go into the keyring
     * (written durably before the pending file is removed), so whichever the rows name opens them — of every holder,
     * not only the certificates: a crash after re-sealing only the local CA or the ACME account keeps the one key that
     * opens them.
     */
    private void takeInPending(Path file) {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        if (!Files.exists(next)) {
            return;
        }
        try {
            Keyring pending = KeyringFile.read(next);
            vault.addToKeyringFile(pending);
            Files.delete(next);
            String id = pending.ids().get(0);
            CertgateLog.rotationRecovered(id, holders.stream().mapToLong(holder -> holder.keysSealedUnder(id)).sum()
                    > 0);
        } catch (IOException e) {
            CertgateLog.instanceKeyUnavailable(next, e);
        }
    }

    /** The key a new installation (or the upgrade) records as active: the held key most stored keys name. */
    private String firstActive() {
        List<String> held = vault.heldKeyIds();
        if (held.size() == 1) {
            return held.get(0);
        }
        return held.stream().max(Comparator.comparingLong((String id) -> holders.stream()
                .mapToLong(holder -> holder.keysSealedUnder(id)).sum())
                .thenComparing(id -> -held.indexOf(id))).orElseThrow();
    }

    private Set<String> retiredIds() {
        return record.entries().stream().filter(KeyringRecord.Entry::retired).map(KeyringRecord.Entry::keyId)
                .filter(Objects::nonNull).collect(Collectors.toSet());
    }
}
