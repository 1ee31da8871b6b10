package dev.certgate.core.pki;

import dev.certgate.core.CoreException;

import java.util.Objects;

/** The private key given with a chain belongs to none of its certificates. */
public class UnmatchedKeyException extends CoreException {

    private static final long serialVersionUID = 1L;

    private final String commonName;

    /** @param commonName the common name of the first certificate given, as the user knows the chain */
    public UnmatchedKeyException(String commonName) {
        super("The private key does not match the certificate for " + commonName + ".");
        this.commonName = Objects.requireNonNull(commonName, "commonName");
    }

    public String commonName() {
        return commonName;
    }
}
