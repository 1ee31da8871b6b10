package dev.certgate.core.vault;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The decisions of the keyring and its staged rotation, without I/O: whether a node may create a key at start,
 * whether a staged key may become active, whether an old key may be retired. Each refusal is a sentence for the
 * operator; empty means allowed.
 */
public final class KeyringRules {

    private KeyringRules() {
    }

    /** What a node does at start about its keyring file. */
    public enum StartAction {
        /** the file exists: read it */
        LOAD,
        /** no file and nothing sealed: a new installation, create the file with a new key */
        CREATE,
        /** no file but sealed rows exist: a new key would orphan them; create nothing */
        REFUSE
    }

    /**
     * What a node does at start.
     *
     * @param fileExists  whether the keyring file exists
     * @param sealedRows  how many stored keys the database holds sealed, under any key
     */
    public static StartAction atStart(boolean fileExists, long sealedRows) {
        if (fileExists) {
            return StartAction.LOAD;
        }
        return sealedRows > 0 ? StartAction.REFUSE : StartAction.CREATE;
    }

    /** The operator's sentence for {@link StartAction#REFUSE}. */
    public static String missingFileMessage(String file, long sealedRows) {
        return "the instance keyring file " + file + " does not exist, but the database holds " + sealedRows
                + " stored key(s) sealed under instance keys: a new key would orphan them, so none was created. "
                + "Restore the file (or set certgate.vault.key-file to where it is) and restart";
    }

    /** One live node as its heartbeat reports it: the key ids it holds and those it seals under now. */
    public record NodeKeys(String node, List<String> held, List<String> sealing) {
        public NodeKeys {
            Objects.requireNonNull(node, "node");
            held = List.copyOf(held);
            sealing = List.copyOf(sealing);
        }
    }

    /**
     * Whether {@code keyId} may become the active key: every live node must hold it, or it would not open what the
     * others seal under it.
     */
    public static Optional<String> activateRefusal(String keyId, List<NodeKeys> liveNodes) {
        List<String> lacking = liveNodes.stream().filter(node -> !node.held().contains(keyId)).map(NodeKeys::node)
                .sorted().toList();
        if (lacking.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Activation refused: node(s) " + String.join(", ", lacking) + " do not hold instance key "
                + keyId + ". Copy the keyring file to them (or use a shared mount) and wait for their next "
                + "heartbeat (1 s); nothing was changed.");
    }

    /**
     * Whether {@code oldId} may be retired (removed from the keyring): it is not the active key, no stored key is
     * sealed under it, and no live node seals under it (as its active key, or in a transaction still running).
     */
    public static Optional<String> retireRefusal(String oldId, String activeId, long rowsUnderOld,
                                                 List<NodeKeys> liveNodes) {
        if (oldId.equals(activeId)) {
            return Optional.of("Retire refused: instance key " + oldId + " is the active key; activate another "
                    + "first. Nothing was changed.");
        }
        List<String> sealing = liveNodes.stream().filter(node -> node.sealing().contains(oldId))
                .map(NodeKeys::node).sorted().toList();
        if (!sealing.isEmpty()) {
            return Optional.of("Retire refused: node(s) " + String.join(", ", sealing) + " still seal under instance "
                    + "key " + oldId + "; wait for their next heartbeat (1 s) and re-wrap again. Nothing was changed.");
        }
        if (rowsUnderOld > 0) {
            return Optional.of("Retire refused: " + rowsUnderOld + " stored key(s) are still sealed under instance "
                    + "key " + oldId + "; re-wrap first. Nothing was changed.");
        }
        return Optional.empty();
    }
}
