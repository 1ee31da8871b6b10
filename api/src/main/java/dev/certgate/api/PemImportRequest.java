package dev.certgate.api;

import java.io.Serializable;

/**
 * A certificate chain and its private key as PEM text.
 *
 * @param certificate the chain, leaf first (a leaf given later is moved first)
 * @param privateKey  the leaf's private key: PKCS#8, PKCS#1 or SEC1, encrypted or not
 * @param passphrase  the key's passphrase; null when it is not encrypted
 * @param description a note for people; null for none
 */
public record PemImportRequest(String certificate, String privateKey, char[] passphrase, String description)
        implements Serializable {

    /** An unencrypted key, no description. */
    public static PemImportRequest of(String certificate, String privateKey) {
        return new PemImportRequest(certificate, privateKey, null, null);
    }

    @Override
    public String toString() {
        return "PemImportRequest[description=" + description + "]"; // never the key or passphrase
    }
}
