package dev.certgate.api;

import jakarta.ejb.Remote;

/** The installation's key-encryption key: its state, and its rotation (admin only). */
@Remote
public interface InstanceKeyService {

    /** Which KEK is in use and whether every stored key opens under it. */
    InstanceKeyStatus status() throws CertgateException;

    /**
     * Generates a new KEK and re-seals every stored private key under it, in one transaction. Once it commits the new
     * KEK replaces the old one in the key file and the old one opens nothing stored. Refused while any stored key is
     * sealed under another KEK, or when the operator supplies the KEK.
     */
    InstanceKeyStatus rotate() throws CertgateException;
}
