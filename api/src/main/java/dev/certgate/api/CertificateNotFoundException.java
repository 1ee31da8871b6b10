package dev.certgate.api;

/** No certificate has this id (it may have been deleted). */
public class CertificateNotFoundException extends CertgateException {

    private static final long serialVersionUID = 1L;

    private final String id;

    public CertificateNotFoundException(String id) {
        super(ErrorCategory.NOT_FOUND, "No certificate has the id " + id
                + ". It may have been deleted; reload the list.");
        this.id = id;
    }

    public String id() {
        return id;
    }
}
