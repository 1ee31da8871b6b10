package dev.certgate.api;

/**
 * The local CA exists already. certgate keeps one per installation and never replaces it: a new root would untrust
 * every certificate the old one issued.
 */
public class LocalCaExistsException extends CertgateException {

    private static final long serialVersionUID = 1L;

    public LocalCaExistsException(String subject) {
        super(ErrorCategory.CONFLICT, "The local CA exists already (" + subject + "); certgate keeps one per "
                + "installation and never replaces it.");
    }
}
