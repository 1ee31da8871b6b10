package dev.certgate.api;

/** A channel with the same address or URL exists. */
public class DuplicateAlertChannelException extends CertgateException {

    private static final long serialVersionUID = 1L;

    public DuplicateAlertChannelException(String target) {
        super(ErrorCategory.CONFLICT, "Alerts already go to " + target + ".");
    }
}
