package dev.certgate.api;

import jakarta.ejb.Remote;

/**
 * The installation's key-encryption keys (a keyring: nodes open what any key they hold sealed, and seal under the
 * active one): their state, and their staged rotation (admin only). On a cluster: {@link #stage()}, copy the
 * keyring file to every node, {@link #activate()}, {@link #rewrap()}, {@link #retire()}. Each step is refused with a
 * sentence saying why when it is not safe, and changes nothing then.
 */
@Remote
public interface InstanceKeyService {

    /** Which KEK is active, every recorded key, and whether every stored key opens on this node. */
    InstanceKeyStatus status() throws CertgateException;

    /**
     * Makes a new KEK and adds it to this node's keyring file (written durably before the database records it). It
     * seals nothing until activated. Refused while another key is staged or a previous key is not retired yet, or
     * when the operator supplies the KEK.
     */
    InstanceKeyStatus stage() throws CertgateException;

    /**
     * Makes the staged key the active one, on every node. Refused unless every live node (a heartbeat within 30 s)
     * reports holding it; the message names each node that does not.
     */
    InstanceKeyStatus activate() throws CertgateException;

    /**
     * Re-seals, in batches of their own transactions, every stored key sealed under another KEK than the active one,
     * until none is left (keys committed meanwhile under the previous KEK included).
     */
    InstanceKeyStatus rewrap() throws CertgateException;

    /**
     * Removes the previous (or an unused staged) KEK from the keyring. Refused while any stored key is sealed under
     * it or any live node still seals under it.
     */
    InstanceKeyStatus retire() throws CertgateException;

    /**
     * On one node: stage, activate, re-wrap and retire in one call. Afterwards the old KEK opens nothing stored.
     * Refused while any stored key is sealed under a KEK this node does not hold, or when the operator supplies the
     * KEK; on a cluster refused at activation unless every node holds the new key (a shared keyring mount).
     */
    InstanceKeyStatus rotate() throws CertgateException;
}
