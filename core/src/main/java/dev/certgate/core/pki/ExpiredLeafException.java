package dev.certgate.core.pki;

import dev.certgate.core.CoreException;

import java.time.Instant;
import java.util.Objects;

/** The certificate the key belongs to (the leaf) has expired: it cannot be served. */
public class ExpiredLeafException extends CoreException {

    private static final long serialVersionUID = 1L;

    private final String commonName;
    private final Instant notAfter;

    public ExpiredLeafException(String commonName, Instant notAfter) {
        super("The certificate for " + commonName + " expired at " + notAfter + ".");
        this.commonName = Objects.requireNonNull(commonName, "commonName");
        this.notAfter = Objects.requireNonNull(notAfter, "notAfter");
    }

    public String commonName() {
        return commonName;
    }

    /** The end of the leaf's validity. */
    public Instant notAfter() {
        return notAfter;
    }
}
