package dev.certgate.api;

import java.io.Serializable;

/**
 * A PKCS#12 (PFX) file holding one private key, its certificate and (optionally) its chain.
 *
 * @param pkcs12      the file's bytes
 * @param password    its password; null or empty when it has none
 * @param description a note for people; null for none
 */
public record Pkcs12ImportRequest(byte[] pkcs12, char[] password, String description) implements Serializable {

    @Override
    public String toString() {
        return "Pkcs12ImportRequest[" + (pkcs12 == null ? 0 : pkcs12.length) + " bytes, description=" + description + "]";
    }
}
