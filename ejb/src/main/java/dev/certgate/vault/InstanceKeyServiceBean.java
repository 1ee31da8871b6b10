package dev.certgate.vault;

import dev.certgate.api.AuditAction;
import dev.certgate.api.AuditAction;
import dev.certgate.api.CertgateException;
import dev.certgate.api.InstanceKeyEntry;
import dev.certgate.api.InstanceKeyService;
import dev.certgate.api.InstanceKeyState;
import dev.certgate.api.InstanceKeyStatus;
import dev.certgate.api.Roles;
import dev.certgate.core.vault.InstanceKey;
import dev.certgate.core.vault.KeyringRules;
import dev.certgate.logging.CertgateLog;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reports on the keyring and runs its staged rotation: {@link #stage}, {@link #activate}, {@link #rewrap},
 * {@link #retire} ({@link #rotate} is all four on one node). No step holds a transaction open across the others: each
 * database change is its own short transaction ({@link KeyringRecord}, one per re-wrap batch), so a crash between
 * steps leaves a state the next step (or the same one again) continues from: every key any row names stays in the
 * keyring until the database says no row and no live node uses it.
 */
@Stateless
@DeclareRoles({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class InstanceKeyServiceBean implements InstanceKeyService {

    /** Rows re-wrapped per transaction. */
    static final int BATCH = 50;
    /** Bounds the re-wrap loop: batches in one call. */
    private static final int MAX_BATCHES = 100_000;
    /**
     * How often {@link #rotate} re-wraps and tries to retire again when a transaction sealed (or is sealing) under
     * the old key, and how long it waits in between: 10 s in all.
     */
    private static final int RETIRE_ATTEMPTS = 50;
    private static final long RETIRE_PAUSE_MILLIS = 200;

    /** Every capability whose rows hold sealed keys; the vault reads no table of theirs. */
    @Inject
    @Any
    private Instance<SealedKeyHolder> holders;

    /** The cluster's view of the live nodes' keys; unsatisfied when no capability offers one. */
    @Inject
    @Any
    private Instance<KeyringNodes> nodes;

    @EJB
    private Vault vault;

    @EJB
    private KeyringRecord record;

    @Override
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    public InstanceKeyStatus status() throws CertgateException {
        List<String> held = vault.heldKeyIds();
        String kekId = vault.activeKeyId().orElseGet(() -> held.isEmpty() ? "none" : held.get(0));
        String problem = "";
        try {
            vault.requireKey();
        } catch (CertgateException e) {
            problem = e.getMessage(); // a sentence for the operator (no usable keyring, or the active key not held)
        }
        long sealed = holders.stream().mapToLong(holder -> holder.certificateKeysSealedUnder(kekId)).sum();
        return new InstanceKeyStatus(kekId, vault.isSupplied(), sealed, unreadable(holders, vault), entries(),
                problem);
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    public InstanceKeyStatus stage() throws CertgateException {
        requireRotatable("Staging");
        Map<String, InstanceKeyState> pending = pending();
        if (!pending.isEmpty()) {
            Map.Entry<String, InstanceKeyState> first = pending.entrySet().iterator().next();
            throw new CertgateException("Staging refused: instance key " + first.getKey() + " is "
                    + first.getValue().name().toLowerCase(java.util.Locale.ROOT) + " — "
                    + (first.getValue() == InstanceKeyState.STAGED ? "activate or retire it" : "re-wrap and retire it")
                    + " first. Nothing was changed.");
        }
        String keyId = vault.stageNewKey(); // written and forced to disk before the database names it
        record.recordStaged(keyId);
        record.audit(AuditAction.INSTANCE_KEY_STAGE, keyId, "Staged instance key " + keyId + " in " + vault.instanceKeyFile()
                + "; copy the keyring file to every node, then activate it.");
        CertgateLog.instanceKeyStep("staged", keyId, "written to " + vault.instanceKeyFile());
        return status();
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    public InstanceKeyStatus activate() throws CertgateException {
        requireRotatable("Activation");
        String staged = pending().entrySet().stream().filter(e -> e.getValue() == InstanceKeyState.STAGED)
                .map(Map.Entry::getKey).reduce((a, b) -> b)
                .orElseThrow(() -> new CertgateException("Activation refused: no instance key is staged; stage one "
                        + "first. Nothing was changed."));
        if (!vault.holds(staged)) {
            throw new CertgateException("Activation refused: this node does not hold the staged instance key "
                    + staged + " in " + vault.instanceKeyFile() + ". Nothing was changed.");
        }
        Optional<String> refusal = KeyringRules.activateRefusal(staged, liveNodes());
        if (refusal.isPresent()) {
            throw new CertgateException(refusal.get());
        }
        String old = vault.activeKeyId().orElseThrow();
        if (!record.activate(old, staged)) {
            throw new CertgateException("Activation refused: the active instance key was changed meanwhile (by "
                    + "another node). Nothing was changed.");
        }
        vault.useActive(staged);
        record.audit(AuditAction.INSTANCE_KEY_ACTIVATE, staged, "Activated instance key " + staged + " (was " + old
                + "); re-wrap the stored keys, then retire " + old + ".");
        CertgateLog.instanceKeyStep("activated", staged, "was " + old);
        return status();
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    public InstanceKeyStatus rewrap() throws CertgateException {
        requireRotatable("Re-wrap");
        int total = rewrapAll();
        String active = vault.requireKey().id();
        record.audit(AuditAction.INSTANCE_KEY_REWRAP, active, "Re-wrapped " + total + " stored key(s) under instance key "
                + active + ".");
        CertgateLog.instanceKeyStep("re-wrapped", active, total + " stored key(s)");
        return status();
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    public InstanceKeyStatus retire() throws CertgateException {
        requireRotatable("Retire");
        Map<String, InstanceKeyState> pending = pending();
        List<String> targets = pending.entrySet().stream().filter(e -> e.getValue() == InstanceKeyState.PREVIOUS)
                .map(Map.Entry::getKey).toList();
        if (targets.isEmpty()) {
            targets = List.copyOf(pending.keySet()); // only a staged key: retiring it discards the stage
        }
        if (targets.isEmpty()) {
            throw new CertgateException("Retire refused: no instance key is waiting to be retired. Nothing was "
                    + "changed.");
        }
        for (String old : targets) {
            retireOne(old);
        }
        return status();
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    public InstanceKeyStatus rotate() throws CertgateException {
        if (vault.isSupplied()) {
            requireRotatable("Rotation");
        }
        List<String> unreadable = unreadable(holders, vault);
        if (!unreadable.isEmpty()) {
            throw new CertgateException("Rotation refused: " + unreadable.size() + " stored key(s) are sealed under "
                    + "an instance key this node does not hold (" + String.join(", ", unreadable) + "). Restore the "
                    + "instance key they were sealed with first; nothing was changed.");
        }
        requireRotatable("Rotation");
        // finish what an earlier, interrupted rotation left (a staged key is discarded: it sealed nothing)
        if (!pending().isEmpty()) {
            rewrapAll();
            retireWithRetries();
        }
        String old = vault.requireKey().id();
        stage();
        activate();
        String fresh = vault.requireKey().id();
        int total = retireWithRetries();
        record.audit(AuditAction.INSTANCE_KEY_ROTATE, fresh, "Rotated the instance key from " + old + " to " + fresh + "; "
                + total + " private key(s) re-sealed.");
        CertgateLog.instanceKeyRotated(old, fresh);
        return status();
    }

    /** Re-wraps and retires every pending key; again when a transaction committed under one meanwhile. */
    private int retireWithRetries() throws CertgateException {
        int total = 0;
        for (int attempt = 1; ; attempt++) {
            total += rewrapAll();
            try {
                retire();
                return total;
            } catch (CertgateException e) {
                if (attempt >= RETIRE_ATTEMPTS || !e.getMessage().startsWith("Retire refused: ")) {
                    throw e;
                }
                try {
                    Thread.sleep(RETIRE_PAUSE_MILLIS); // a transaction that sealed under the old key ends meanwhile
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * Re-wraps, batch by batch (each its own transaction), every stored key sealed under a held key other than the
     * active one, until a batch finds none: rows committed under an old key while this runs are found by a later
     * batch, since each batch reads what has committed before it.
     */
    private int rewrapAll() throws CertgateException {
        InstanceKey active = vault.requireKey();
        List<String> from = vault.heldKeyIds().stream().filter(id -> !id.equals(active.id())).toList();
        int total = 0;
        for (SealedKeyHolder holder : holders) {
            for (int batch = 0; ; batch++) {
                if (batch >= MAX_BATCHES) {
                    throw new CertgateException("Re-wrap stopped after " + MAX_BATCHES + " batches: stored keys keep "
                            + "being sealed under an old instance key. Check that every node follows the active key.");
                }
                int done = holder.rewrapBatch(from, BATCH, (owner, id, sealed) -> vault.reseal(owner, id, sealed,
                        active)).total();
                if (done == 0) {
                    break;
                }
                total += done;
            }
        }
        return total;
    }

    private void retireOne(String old) throws CertgateException {
        String active = vault.activeKeyId().orElseThrow(() -> new CertgateException("Retire refused: the active "
                + "instance key is not known yet. Nothing was changed."));
        // first the nodes (each heartbeat is written after its node's transactions ended), then the rows, each count
        // in a fresh transaction that sees every commit before it
        List<KeyringRules.NodeKeys> live = liveNodes();
        long rows = holders.stream().mapToLong(holder -> holder.keysSealedUnder(old)).sum();
        Optional<String> refusal = KeyringRules.retireRefusal(old, active, rows, live);
        if (refusal.isPresent()) {
            throw new CertgateException(refusal.get());
        }
        record.recordStaged(old); // a key held but never recorded (the upgrade from the single-key file)
        if (!record.retire(old)) {
            throw new CertgateException("Retire refused: instance key " + old + " became the active key or was "
                    + "retired meanwhile. Nothing was changed.");
        }
        vault.dropFromKeyring(old);
        record.audit(AuditAction.INSTANCE_KEY_RETIRE, old, "Retired instance key " + old + "; it opens nothing stored.");
        CertgateLog.instanceKeyStep("retired", old, "removed from " + vault.instanceKeyFile());
    }

    private void requireRotatable(String step) throws CertgateException {
        if (vault.isSupplied()) {
            throw new CertgateException("The instance key is supplied by the operator (" + Vault.KEK_NAMES
                    + "), so certgate cannot replace it. " + step + " works with the instance keyring file only.");
        }
        vault.requireKey();
    }

    /** Every key that is neither active nor retired, recorded or only held, oldest first, with its state. */
    private Map<String, InstanceKeyState> pending() {
        Map<String, InstanceKeyState> pending = new LinkedHashMap<>();
        String active = vault.activeKeyId().orElse("");
        for (KeyringRecord.Entry entry : record.entries()) {
            if (!entry.retired() && !entry.keyId().equals(active)) {
                pending.put(entry.keyId(), entry.activated() ? InstanceKeyState.PREVIOUS : InstanceKeyState.STAGED);
            }
        }
        List<String> retired = record.entries().stream().filter(KeyringRecord.Entry::retired)
                .map(KeyringRecord.Entry::keyId).toList();
        for (String held : vault.heldKeyIds()) {
            if (!held.equals(active) && !retired.contains(held)) {
                pending.putIfAbsent(held, InstanceKeyState.PREVIOUS);
            }
        }
        return pending;
    }

    private List<InstanceKeyEntry> entries() {
        String active = vault.activeKeyId().orElse("");
        Map<String, InstanceKeyState> states = new LinkedHashMap<>();
        for (KeyringRecord.Entry entry : record.entries()) {
            states.put(entry.keyId(), entry.retired() ? InstanceKeyState.RETIRED : entry.keyId().equals(active)
                    ? InstanceKeyState.ACTIVE : entry.activated() ? InstanceKeyState.PREVIOUS
                    : InstanceKeyState.STAGED);
        }
        for (String held : vault.heldKeyIds()) {
            states.putIfAbsent(held, held.equals(active) ? InstanceKeyState.ACTIVE : InstanceKeyState.PREVIOUS);
        }
        List<InstanceKeyEntry> entries = new ArrayList<>();
        states.forEach((id, state) -> entries.add(new InstanceKeyEntry(id, state, vault.holds(id),
                holders.stream().mapToLong(holder -> holder.keysSealedUnder(id)).sum())));
        return entries;
    }

    /** The live nodes' keys, with this node's taken from the vault itself (its heartbeat may be a second old). */
    private List<KeyringRules.NodeKeys> liveNodes() {
        String local = "this node";
        List<KeyringRules.NodeKeys> live = new ArrayList<>();
        if (nodes.isResolvable()) {
            KeyringNodes cluster = nodes.get();
            local = cluster.localNode();
            for (KeyringRules.NodeKeys node : cluster.liveNodes()) {
                if (!node.node().equals(local)) {
                    live.add(node);
                }
            }
        }
        live.add(new KeyringRules.NodeKeys(local, vault.heldKeyIds(), vault.sealingKeyIds()));
        return live;
    }

    /** Rows sealed under a key this node does not hold, of every holder: "id (name)", at most 50. */
    static List<String> unreadable(Iterable<SealedKeyHolder> holders, Vault vault) {
        List<String> held = vault.heldKeyIds();
        List<String> rows = new ArrayList<>();
        for (SealedKeyHolder holder : holders) {
            rows.addAll(holder.rowsSealedUnderNoneOf(held, 50 - rows.size()));
        }
        return List.copyOf(rows);
    }
}
