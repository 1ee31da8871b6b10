package dev.certgate.core.pki;

import dev.certgate.core.BadInputException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * Writes a certificate chain with its private key as a PKCS#12 file, protected by the password the user chose
 * (the JDK's PKCS#12 defaults: PBES2 with AES-256 and HMAC-SHA-256, readable by OpenSSL 1.1.1+ and Windows 10+).
 */
public final class Pkcs12Export {

    /** The name of the password input. */
    public static final String PASSWORD = "password";
    /** Shortest password accepted for an export. */
    public static final int MIN_PASSWORD_LENGTH = 8;

    private Pkcs12Export() {
    }

    /**
     * @param chain    leaf first
     * @param key      the leaf's private key
     * @param password the file's password (the caller clears it afterwards)
     * @param alias    the entry's name (friendly name), e.g. the common name
     * @throws BadInputException when the password is missing or shorter than {@value #MIN_PASSWORD_LENGTH}
     */
    public static byte[] write(List<X509Certificate> chain, PrivateKey key, char[] password, String alias)
            throws BadInputException {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(key, "key");
        if (password == null || password.length < MIN_PASSWORD_LENGTH) {
            throw new BadInputException(PASSWORD, "Choose a password of at least " + MIN_PASSWORD_LENGTH
                    + " characters to protect the exported private key.");
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(alias, key, password, chain.toArray(new Certificate[0]));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password);
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("PKCS#12 is required of every JDK", e);
        }
    }
}
