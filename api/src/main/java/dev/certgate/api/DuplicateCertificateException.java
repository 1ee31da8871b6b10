package dev.certgate.api;

/** The same certificate (same SHA-256 fingerprint) is already stored. */
public class DuplicateCertificateException extends CertgateException {

    private static final long serialVersionUID = 1L;

    private final String existingId;

    public DuplicateCertificateException(String commonName, String existingId) {
        super(ErrorCategory.CONFLICT, "This certificate for " + commonName + " is already stored (id " + existingId
                + ").");
        this.existingId = existingId;
    }

    /** The id of the stored copy. */
    public String existingId() {
        return existingId;
    }
}
