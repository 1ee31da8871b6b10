package dev.certgate.api;

import java.util.List;

/** The certificate cannot be deleted: domains are served with it. */
public class CertificateInUseException extends CertgateException {

    private static final long serialVersionUID = 1L;

    private final List<String> usedBy;

    public CertificateInUseException(String commonName, List<String> usedBy) {
        super(ErrorCategory.CONFLICT, "The certificate for " + commonName + " is used by " + String.join(", ", usedBy)
                + ". Bind those domains to another certificate first.");
        this.usedBy = List.copyOf(usedBy);
    }

    /** The domains that use it. */
    public List<String> usedBy() {
        return usedBy;
    }
}
