package dev.certgate.api;

import jakarta.ejb.ApplicationException;

import java.util.Objects;

/**
 * The root of every expected failure: bad input, a refused operation, a conflict. Its message is written for the
 * user who caused it and never contains key material or a stack trace. The transaction of the call that threw it
 * rolls back, so nothing is half-saved. Its {@link #category()} says what kind of failure it is, which is all the
 * REST API, the command-line client and the pages need to choose their outcome (see {@link ErrorCategory}).
 */
@ApplicationException(rollback = true, inherited = true)
public class CertgateException extends Exception {

    private static final long serialVersionUID = 1L;

    private final ErrorCategory category;

    /** A failure of category {@link ErrorCategory#UNACCEPTABLE}: well-formed, but refused by a rule or the state. */
    public CertgateException(String message) {
        this(ErrorCategory.UNACCEPTABLE, message);
    }

    /** As {@link #CertgateException(ErrorCategory, String, Throwable)}, of category {@code UNACCEPTABLE}. */
    public CertgateException(String message, Throwable cause) {
        this(ErrorCategory.UNACCEPTABLE, message, cause);
    }

    public CertgateException(ErrorCategory category, String message) {
        super(message);
        this.category = Objects.requireNonNull(category, "category");
    }

    /**
     * @param cause chained as it is when it is of a JDK class, else as a {@link RemoteCause} (same class name, message
     *              and stack trace), so that a remote client without the server's libraries can read this exception
     */
    public CertgateException(ErrorCategory category, String message, Throwable cause) {
        super(message, RemoteCause.portable(cause));
        this.category = Objects.requireNonNull(category, "category");
    }

    /** What kind of failure this is; never null. */
    public ErrorCategory category() {
        return category;
    }
}
