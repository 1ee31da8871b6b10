package dev.certgate.api;

/**
 * There is no local CA yet: it is created by an explicit action of an admin or an operator, never as a side effect of
 * a read. Reading it is then {@link ErrorCategory#NOT_FOUND}; issuing from it is refused by the state,
 * {@link ErrorCategory#UNACCEPTABLE}.
 */
public class LocalCaMissingException extends CertgateException {

    private static final long serialVersionUID = 1L;

    private static final String HOW = "An admin or an operator creates it: \"Create the local CA\" on the "
            + "Certificates page, POST /api/v1/local-ca, or certgate cert ca-create.";

    private LocalCaMissingException(ErrorCategory category, String message) {
        super(category, message);
    }

    /** For a read of the local CA or its root. */
    public static LocalCaMissingException forRead() {
        return new LocalCaMissingException(ErrorCategory.NOT_FOUND, "There is no local CA yet. " + HOW);
    }

    /** For an attempt to issue from it. */
    public static LocalCaMissingException forIssue() {
        return new LocalCaMissingException(ErrorCategory.UNACCEPTABLE, "There is no local CA to issue from yet. "
                + HOW);
    }
}
