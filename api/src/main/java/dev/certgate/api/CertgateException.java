package dev.certgate.api;

import jakarta.ejb.ApplicationException;

/**
 * The root of every expected failure: bad input, a refused operation, a conflict. Its message is written for the
 * user who caused it and never contains key material or a stack trace. The transaction of the call that threw it
 * rolls back, so nothing is half-saved.
 */
@ApplicationException(rollback = true, inherited = true)
public class CertgateException extends Exception {

    private static final long serialVersionUID = 1L;

    public CertgateException(String message) {
        super(message);
    }

    /**
     * @param cause chained as it is when it is of a JDK class, else as a {@link RemoteCause} (same class name, message
     *              and stack trace), so that a remote client without the server's libraries can read this exception
     */
    public CertgateException(String message, Throwable cause) {
        super(message, RemoteCause.portable(cause));
    }
}
