package dev.certgate.api;

/** The private key given is not the key of the certificate given. */
public class KeyMismatchException extends CertgateException {

    private static final long serialVersionUID = 1L;

    private final String commonName;

    public KeyMismatchException(String commonName) {
        super(ErrorCategory.UNACCEPTABLE, "The private key does not match the certificate for " + commonName
                + ". Paste the key that was generated together with this certificate.");
        this.commonName = commonName;
    }

    public String commonName() {
        return commonName;
    }
}
