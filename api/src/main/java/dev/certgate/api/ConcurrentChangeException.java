package dev.certgate.api;

/** Someone else changed the thing since the caller read it; the caller's change was not applied. */
public class ConcurrentChangeException extends CertgateException {

    private static final long serialVersionUID = 1L;

    public ConcurrentChangeException(String what) {
        super(ErrorCategory.CONFLICT, what
                + " was changed by someone else since you opened it. Reload it and make your change again.");
    }
}
