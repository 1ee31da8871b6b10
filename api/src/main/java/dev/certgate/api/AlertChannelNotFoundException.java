package dev.certgate.api;

/** No alert channel has this id. */
public class AlertChannelNotFoundException extends CertgateException {

    private static final long serialVersionUID = 1L;

    public AlertChannelNotFoundException(String id) {
        super(ErrorCategory.NOT_FOUND, "There is no alert channel with the id " + id
                + ". It may have been removed; reload the list.");
    }
}
