package dev.certgate.api;

import java.io.Serializable;
import java.util.List;

/**
 * The state of the installation's key-encryption key. Never the key itself.
 *
 * @param kekId                  the id of the KEK in use
 * @param supplied               whether the operator supplies it (environment or system property) rather than the
 *                               key file
 * @param sealedKeys             how many stored private keys are sealed under it
 * @param unreadableCertificates certificates sealed under another KEK, which this installation cannot open
 *                               ("id (common name)"); empty when all is well
 */
public record InstanceKeyStatus(String kekId, boolean supplied, long sealedKeys, List<String> unreadableCertificates)
        implements Serializable {

    public InstanceKeyStatus {
        unreadableCertificates = List.copyOf(unreadableCertificates);
    }
}
