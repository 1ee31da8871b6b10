package dev.certgate.api;

import java.io.Serializable;
import java.util.List;

/**
 * The state of the installation's key-encryption keys. Never a key itself.
 *
 * @param kekId                  the id of the active KEK (the one every node seals under)
 * @param supplied               whether the operator supplies it (environment or system property) rather than the
 *                               keyring file
 * @param sealedKeys             how many stored private keys of certificates are sealed under it
 * @param unreadableCertificates stored keys sealed under a KEK that the answering node does not hold, which it
 *                               cannot open ("id (common name)"); empty when all is well
 * @param keys                   every key the installation has recorded, oldest first (retired ones included)
 * @param problem                why the answering node can store no private key (no usable keyring file, or it
 *                               does not hold the active key), as a sentence for the operator; empty when it can
 */
public record InstanceKeyStatus(String kekId, boolean supplied, long sealedKeys, List<String> unreadableCertificates,
                                List<InstanceKeyEntry> keys, String problem) implements Serializable {

    public InstanceKeyStatus {
        unreadableCertificates = List.copyOf(unreadableCertificates);
        keys = List.copyOf(keys);
        problem = java.util.Objects.requireNonNull(problem, "problem");
    }
}
