package dev.certgate.api;

import java.io.Serializable;

/**
 * Uploaded files: a certificate file and its private key file.
 *
 * @param certificate the certificate file's bytes: one X.509 certificate as DER (.der, .cer), or a PEM chain (.pem,
 *                    .crt)
 * @param privateKey  the key file's bytes: PEM (PKCS#8, PKCS#1 or SEC1, encrypted or not) or DER (PKCS#8, encrypted
 *                    PKCS#8, PKCS#1 or SEC1)
 * @param passphrase  the key's passphrase; null when it is not encrypted
 * @param description a note for people; null for none
 */
public record FileImportRequest(byte[] certificate, byte[] privateKey, char[] passphrase, String description)
        implements Serializable {

    @Override
    public String toString() {
        return "FileImportRequest[" + (certificate == null ? 0 : certificate.length) + " bytes, description="
                + description + "]"; // never the key or passphrase
    }
}
